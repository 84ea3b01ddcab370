import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuedKeys, startCognitoIdentityServer, type CognitoIdentityServer } from '../support/cognito-identity-server';
import { fillCognitoAuthTab, startCognitoLocal, type CognitoLocal } from '../support/cognito-local';
import { useE2eSession } from '../support/e2e-session';

const PASSWORD = 'E2e!identity-pool-password-7';
const KEYS = issuedKeys(2);
const e2e = useE2eSession({ keys: KEYS });

let cognito: CognitoLocal;
let identity: CognitoIdentityServer;
beforeAll(async () => {
  [cognito, identity] = await Promise.all([startCognitoLocal(), startCognitoIdentityServer(KEYS)]);
});
afterAll(async () => {
  await Promise.all([cognito?.stop(), identity?.close()]);
});

describe('a Cognito identity pool credential profile in the manager (Chromium, browser mode)', () => {
  it('uses the chosen user pool sign-in as its login, shows the keys’ countdown, and signs a request aws4 accepts', async () => {
    const user = await cognito.createUser({ username: 'pool@example.test', password: PASSWORD });
    const provider = `cognito-idp.us-east-1.amazonaws.com/${user.userPoolId}`;
    identity.check = (logins) => (logins?.[provider] ? undefined : `no login for ${provider}`);
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/pets`);
    await fillCognitoAuthTab(page, cognito, { ...user, username: 'pool@example.test', password: PASSWORD });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    await dialog.getByLabel('Cognito identity pool').check();
    await dialog.getByLabel('Name').fill('pool guests');
    await dialog.getByLabel('Identity pool id').fill(identity.identityPoolId);
    await dialog.getByLabel('Login').selectOption({ label: `User pool sign-in: pool@example.test in ${user.userPoolId}` });
    await dialog.getByLabel('Endpoint').fill(identity.endpoint);
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    const row = dialog.getByTestId('credential-row');
    await expect.poll(() => row.textContent()).toMatch(/pool guests.*identity pool us-east-1:[0-9a-f-]+, as pool@example\.test/);
    await dialog.getByRole('button', { name: 'Get keys now' }).click();
    await expect.poll(() => row.textContent()).toMatch(/ASIA….*yes.*Expires in/);
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Saved credential profile' });
    await page.getByLabel('Profile', { exact: true }).selectOption({ label: `pool guests · identity pool ${identity.identityPoolId}` });
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.verdict.ok).toBe(true);
    expect(identity.calls.every((c) => c.logins?.[provider] !== undefined)).toBe(true);
  });
});
