import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { openSavedRequest } from '../support/app-fixture';
import { useE2eSession } from '../support/e2e-session';
import { invokeWeb } from '../support/web-invoke';

/**
 * The Code dialog of a saved request that inherits its collection's Bearer auth and API key
 * (the editor shows "No auth" for it): the code is for what the request inherits, not SigV4
 * signing, and the curl it shows — run for real with the secrets in the environment only —
 * passes the loopback server that checks both.
 */
const run = promisify(execFile);
const e2e = useE2eSession();
const TOKEN = 'inherited-bearer-token-0123';
const API_KEY = 'inherited-api-key-4567';
let api: AuthCheckingServer;

beforeAll(async () => {
  api = await startAuthCheckingServer();
  api.checks.set('/inherited', ({ headers }) =>
    headers.authorization === `Bearer ${TOKEN}` && headers['x-api-key'] === API_KEY ? undefined : 'credentials',
  );
});
afterAll(async () => {
  await api?.close();
});

describe('the Code dialog of a request that inherits its auth', () => {
  it('writes code for the collection’s Bearer and API key, which the checking server accepts', async () => {
    const call = async (channel: string, input: unknown) => {
      const result = await invokeWeb(e2e.app.web, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? ''}`);
      return result.value;
    };
    const created = (await call('collections:create-collection', { name: 'Token API' })) as { id: string };
    await call('collections:update-settings', {
      id: created.id,
      settings: {
        auth: {
          type: 'bearer',
          tokenRef: { kind: 'variables', text: '{{token}}' },
          prefix: 'Bearer',
          apiKey: { in: 'header', name: 'x-api-key', valueRef: { kind: 'variables', text: '{{apiKey}}' } },
        },
      },
    });
    await call('collections:save-request', {
      placement: { collectionId: created.id },
      request: { name: 'Inherits', method: 'GET', url: `${api.origin}/inherited`, auth: { type: 'inherit' } },
    });
    const { page } = e2e.app;
    await page.reload();
    await openSavedRequest(page, 'Token API', 'Inherits');
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Code that signs live' });
    await dialog.getByText('The auth is inherited from the collection “Token API”.').waitFor();
    const code = (await dialog.getByTestId('generated-code').textContent()) ?? '';
    expect(code).toContain(`printf '%s\\n' 'Authorization: Bearer '"$TOKEN" 'x-api-key: '"$API_KEY" | curl -X GET -H @-`);
    expect(code).not.toContain('--aws-sigv4');
    if (!existsSync('/usr/bin/curl')) return;
    const { stdout } = await run('/bin/sh', ['-c', code], {
      env: { PATH: '/usr/bin:/bin', TOKEN, API_KEY },
      timeout: 30_000,
    });
    expect(stdout).toContain('"ok":true');
    expect(api.seen.map((s) => [s.path, s.status])).toEqual([['/inherited', 200]]);
  });
});
