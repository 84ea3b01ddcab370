import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { fillCognitoAuthTab, poolTokenCheck, startCognitoLocal, type CognitoLocal } from '../support/cognito-local';
import { openSavedRequest } from '../support/app-fixture';
import { useE2eSession, VAULT_WAIT } from '../support/e2e-session';
import { readAllFiles } from '../support/temp-dir';
import { invokeWeb } from '../support/web-invoke';

const PASSWORD = 'E2e!cognito-password-0042';
const e2e = useE2eSession();

let cognito: CognitoLocal;
let api: AuthCheckingServer;
beforeAll(async () => {
  [cognito, api] = await Promise.all([startCognitoLocal(), startAuthCheckingServer()]);
});
afterAll(async () => {
  await Promise.all([cognito?.stop(), api?.close()]);
});

describe('Cognito user pool sign-in in the Auth tab (Chromium, browser mode, cognito-local)', () => {
  it('signs in, shows who and the countdown, sends the ID token alone to an API that checks it, and the window never holds a token', async () => {
    const user = await cognito.createUser({ username: 'e2e@example.test', password: PASSWORD, withSecret: true });
    const check = await poolTokenCheck(cognito, user.userPoolId);
    const tokens: string[] = [];
    api.checks.set('/me', ({ headers }) => {
      const problem = check(headers.authorization ?? '');
      if (problem === undefined) tokens.push(headers.authorization ?? '');
      return problem;
    });

    const { page } = e2e.app;
    // Every answer main gives the window, to show no token or password is in one.
    const answers: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/'))
        void response.text().then(
          (text) => answers.push(text),
          () => undefined,
        );
    });
    await page.getByLabel('URL').fill(`${api.origin}/me`);
    await fillCognitoAuthTab(page, cognito, { ...user, username: 'e2e@example.test', password: PASSWORD });

    await page.getByRole('button', { name: 'Sign in' }).click();
    const signedIn = page.getByTestId('cognito-sign-in').getByRole('status');
    await expect
      .poll(() => signedIn.textContent(), VAULT_WAIT)
      .toMatch(/Signed in as e2e@example\.test, sending the ID token/);
    await expect
      .poll(() => page.getByTestId('cognito-expiry').textContent())
      .toMatch(/^Expires in (\d+:\d\d|\d+ h \d\d min)$/);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(tokens).toHaveLength(1);

    // Sign out: the next send is refused with what to do.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/Not sent: not signed in to this Cognito user pool/);

    // The window was told who signed in (so the scan below read main's answers), never with what.
    expect(answers.some((a) => a.includes('e2e@example.test'))).toBe(true);
    const token = tokens[0] as string;
    const secrets = [token, PASSWORD, user.clientSecret ?? ''];
    for (const secret of secrets) {
      expect(answers.join('\n')).not.toContain(secret);
      expect(await page.content()).not.toContain(secret);
      for (const file of readAllFiles(e2e.app.web.dataDir))
        expect(file.bytes.includes(Buffer.from(secret)), file.path).toBe(false);
    }
  });
});

describe('a request that inherits its collection’s Cognito sign-in', () => {
  it('offers Sign in in its own Auth tab, and sends with the inherited token', async () => {
    const user = await cognito.createUser({ username: 'inherit@example.test', password: PASSWORD });
    const check = await poolTokenCheck(cognito, user.userPoolId);
    api.checks.set('/inherited', ({ headers }) => check(headers.authorization ?? ''));
    const web = e2e.app.web;
    const call = async (channel: string, input: unknown) => {
      const result = await invokeWeb(web, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? ''}`);
      return result.value;
    };
    await call('vault:unlock', { passphrase: 'a long e2e passphrase' });
    await call('auth:store-secrets', { values: [{ id: 'auth_inheritpass1', value: PASSWORD }] });
    const created = (await call('collections:create-collection', { name: 'Cognito API' })) as { id: string };
    await call('collections:update-settings', {
      id: created.id,
      settings: {
        auth: {
          type: 'cognito-user-pool',
          region: cognito.region,
          endpoint: cognito.endpoint,
          userPoolId: user.userPoolId,
          clientId: user.clientId,
          username: 'inherit@example.test',
          passwordRef: { kind: 'vault', id: 'auth_inheritpass1' },
        },
      },
    });
    await call('collections:save-request', {
      placement: { collectionId: created.id },
      request: { name: 'Inherited', method: 'GET', url: `${api.origin}/inherited`, auth: { type: 'inherit' } },
    });
    const { page } = e2e.app;
    await page.reload();
    await openSavedRequest(page, 'Cognito API', 'Inherited');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByText('This request inherits a Cognito user pool sign-in: not signed in.').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(
        /Signed in as inherit@example\.test, sending the ID token \(the Cognito sign-in this request inherits\)/,
      )
      .waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
  });
});
