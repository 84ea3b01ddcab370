import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOAuthTokenServer, type OAuthTokenServer } from '../support/oauth-token-server';
import { useE2eSession, VAULT_WAIT } from '../support/e2e-session';

const e2e = useE2eSession();
let oauth: OAuthTokenServer;

beforeAll(async () => {
  oauth = await startOAuthTokenServer();
});
afterAll(async () => {
  await oauth?.close();
});
beforeEach(() => {
  oauth.tokenRequests.length = 0;
  oauth.apiAuthorizations.length = 0;
});

describe('OAuth 2.0 client credentials in the Auth tab', () => {
  it('a wrong client secret: Get token and Send say what the token endpoint refused, and the API is never called; the right one gets a token', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(oauth.apiUrl);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'OAuth 2.0 client credentials' });
    await page.getByLabel('Token URL').fill(oauth.tokenUrl);
    await page.getByLabel('Client id').fill('shomei-client');
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByLabel('Client authentication').selectOption('body');
    await page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => page.getByLabel('Vault passphrase').count(), VAULT_WAIT).toBe(0);

    await page.getByRole('button', { name: 'Get token' }).click();
    const refusal = page.getByTestId('oauth2-token').getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`The token endpoint ${oauth.tokenUrl} refused: invalid_client`);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Not sent: no OAuth token.').first().waitFor();
    expect(oauth.tokenRequests.map((r) => r.status)).toEqual([401, 401]);
    expect(oauth.tokenRequests[0]?.form.get('client_id')).toBe('shomei-client');
    expect(oauth.apiAuthorizations).toHaveLength(0);

    await page.getByLabel('Client secret').fill(oauth.client.secret);
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.getByTestId('oauth2-expiry').waitFor();
    expect(await page.getByTestId('oauth2-token').getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(oauth.apiAuthorizations).toEqual([`Bearer ${oauth.issued.at(-1)}`]);
  });
});
