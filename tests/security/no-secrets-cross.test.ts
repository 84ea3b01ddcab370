import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, events } from '../../shared/contract/channels';
import { launchChromium, openApp, type AppUnderTest } from '../support/app-fixture';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { fillCognitoAuthTab, poolTokenCheck, startCognitoLocal, type CognitoLocal } from '../support/cognito-local';
import { startOAuthTokenServer, type OAuthTokenServer } from '../support/oauth-token-server';
import { readAllFiles } from '../support/temp-dir';
import { invokeWeb } from '../support/web-invoke';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

/** Field names an output schema must never declare: they would carry a secret to the renderer. */
const SECRET_FIELD =
  /^(secret|secretAccessKey|secretKey|sessionToken|password|passphrase|privateKey|token|authorization|credentials?)$/i;

function fieldNames(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') names.push(...Object.keys(record.properties));
    Object.values(record).forEach(walk);
  };
  walk(json);
  return names;
}

/** Every answer main gives the page from now on, as text, for "no secret in the traffic" checks. */
function recordAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/'))
      void response.text().then(
        (text) => answers.push(text),
        () => undefined,
      );
  });
  return answers;
}

describe('secrets never cross to the renderer', () => {
  it.each(Object.keys(channels))('the output schema of %s declares no secret field', (name) => {
    const output = channels[name as keyof typeof channels].output as z.ZodType;
    expect(fieldNames(output).filter((field) => SECRET_FIELD.test(field))).toEqual([]);
  });

  it.each(Object.keys(events))('the payload schema of event %s declares no secret field', (name) => {
    expect(
      fieldNames(events[name as keyof typeof events] as z.ZodType).filter((field) => SECRET_FIELD.test(field)),
    ).toEqual([]);
  });
});

describe('a live session’s IPC traffic carries no secret', () => {
  const KEYS = {
    accessKeyId: 'ASIALIVESESSION00001',
    secretAccessKey: 'liveSecret/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    sessionToken: 'IQoJb3JpZ2luX2VjLIVE//////////SESSION+TOKEN/value==',
  };
  let browser: Browser;
  let target: VerifyingServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    browser = await launchChromium();
    target = await startVerifyingServer([KEYS]);
    app = await openApp(browser);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await target?.close();
  });

  it('records every answer from main during a signed send and finds neither the secret key nor the session token', async () => {
    const { page } = app;
    const answers = recordAnswers(page);
    await page.getByLabel('Method').selectOption('PUT');
    await page.getByLabel('URL').fill(`${target.origin}/prod/secret-check?x=1`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Session token').fill(KEYS.sessionToken);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    await expect.poll(() => answers.some((text) => text.includes('"status":200'))).toBe(true);
    const traffic = answers.join('\n');
    expect(traffic.length).toBeGreaterThan(100);
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, encodeURIComponent(KEYS.sessionToken)]) {
      expect(traffic).not.toContain(secret);
    }
    // And the signed request really carried the token to the server.
    expect(target.received.at(-1)?.verdict.reason).toBe('verified');
  });
});

describe('a window session with a bearer token and an API key carries neither back, nor keeps them in the data folder', () => {
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.window-typed-bearer-token.c2lnbmF0dXJlLXZhbHVl';
  const API_KEY = 'windowTypedApiKey0123456789ABCDEFGHIJ';
  let browser: Browser;
  let server: AuthCheckingServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startAuthCheckingServer();
    app = await openApp(browser);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
  });

  it('sends both typed into the Auth tab, then saves the request: the window traffic and every file hold neither', async () => {
    server.checks.set('/prod/both', ({ headers }) =>
      headers.authorization === `Bearer ${TOKEN}` && headers['x-api-key'] === API_KEY
        ? undefined
        : 'missing token or key',
    );
    const { page } = app;
    const answers = recordAnswers(page);
    await page.getByLabel('URL').fill(`${server.origin}/prod/both`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'Bearer token' });
    await page.getByLabel('Token', { exact: true }).fill(TOKEN);
    await page.getByLabel(/Also send an API key/).check();
    await page.getByLabel('Key value').fill(API_KEY);
    // Browser mode keeps secrets in a passphrase vault: the Auth tab offers to create it.
    await page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => page.getByLabel('Vault passphrase').count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    // The fields are write-only from now on: they say a value is kept, never show it.
    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Token', { exact: true }).getAttribute('placeholder')).toMatch(/Kept in the vault/);

    await page.keyboard.press('Control+s');
    await page.getByLabel('Request name').fill('Both');
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect.poll(() => answers.some((text) => text.includes('"collectionId"'))).toBe(true);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => server.seen.filter((seen) => seen.status === 200).length).toBe(2);

    const traffic = answers.join('\n');
    expect(traffic).toContain('"status":200');
    for (const secret of [TOKEN, API_KEY]) expect(traffic).not.toContain(secret);
    await app.restart();
    for (const file of readAllFiles(app.web.dataDir)) {
      for (const secret of [TOKEN, API_KEY])
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
    }
  });
});

describe('a live session with a secret variable carries its value nowhere back to the window', () => {
  const KEYS = { accessKeyId: 'AKIASECRETVARIABLE01', secretAccessKey: 'secretVariableSecret/0000000000000000000' };
  const API_KEY = 'secret-variable-value/0123456789abcdef';
  let browser: Browser;
  let target: VerifyingServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    browser = await launchChromium();
    target = await startVerifyingServer([KEYS]);
    app = await openApp(browser);
    // Set up through the same door the page uses: a vault, and an environment with a secret variable.
    expect(await invokeWeb(app.web, 'vault:unlock', { passphrase: 'a long e2e passphrase' })).toMatchObject({
      ok: true,
    });
    const created = await invokeWeb(app.web, 'environments:create', {
      name: 'prod',
      variables: [{ name: 'apiKey', value: API_KEY, isSecret: true }],
    });
    expect(created).toMatchObject({ ok: true });
    expect(
      await invokeWeb(app.web, 'environments:set-active', { id: (created.value as { id: string }).id }),
    ).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await target?.close();
  });

  it('sends {{apiKey}} in a header and opens history: no answer from main holds the value', async () => {
    const { page } = app;
    const answers = recordAnswers(page);
    await page.reload();
    await page.getByLabel('URL').fill(`${target.origin}/prod/secret-variable`);
    await page.getByRole('tab', { name: 'Headers' }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Api-Key');
    await page.getByLabel('Header 1 value').fill('{{apiKey}}');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    // The server got the value (it was signed and sent); the window did not.
    expect(target.received.at(-1)?.rawHeaders).toContainEqual(['X-Api-Key', API_KEY]);
    expect(target.received.at(-1)?.verdict.reason).toBe('verified');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history-entry', { hasText: '/prod/secret-variable' }).first().waitFor();
    await expect.poll(() => answers.some((text) => text.includes('"status":200'))).toBe(true);
    const traffic = answers.join('\n');
    expect(traffic).toContain('secret-variable');
    // The sent-request view and history say which secret went where: the reference, not the value.
    expect(traffic).toContain('["X-Api-Key","{{apiKey}}"]');
    for (const secret of [API_KEY, encodeURIComponent(API_KEY)]) expect(traffic).not.toContain(secret);
  });
});

describe('a window session signed in to Cognito carries no password, client secret or token back, nor keeps one in the data folder', () => {
  const PASSWORD = 'Cr0ss!cognito-password-in-the-vault';
  let browser: Browser;
  let cognito: CognitoLocal;
  let server: AuthCheckingServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    [browser, cognito, server] = await Promise.all([launchChromium(), startCognitoLocal(), startAuthCheckingServer()]);
    app = await openApp(browser);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await Promise.all([cognito?.stop(), server?.close()]);
  });

  it('signs in, sends, saves the request, sends again after a restart and a new sign-in: no answer and no file holds a secret', async () => {
    const user = await cognito.createUser({ username: 'cross@example.test', password: PASSWORD, withSecret: true });
    const check = await poolTokenCheck(cognito, user.userPoolId);
    const tokens: string[] = [];
    server.checks.set('/prod/cognito', ({ headers }) => {
      const problem = check(headers.authorization ?? '');
      if (problem === undefined) tokens.push(headers.authorization ?? '');
      return problem;
    });
    const { page } = app;
    const answers = recordAnswers(page);
    await page.getByLabel('URL').fill(`${server.origin}/prod/cognito`);
    await fillCognitoAuthTab(page, cognito, { ...user, username: 'cross@example.test', password: PASSWORD });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => tokens.length).toBe(1);

    await page.keyboard.press('Control+s');
    await page.getByLabel('Request name').fill('Cognito');
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect.poll(() => answers.some((text) => text.includes('"collectionId"'))).toBe(true);

    // Restarted, main holds no tokens: the saved request signs in again from the vault, and sends.
    await app.restart();
    const again = recordAnswers(app.page);
    await app.page.getByRole('tab', { name: /^Auth/ }).click();
    await app.page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await app.page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => app.page.getByLabel('Vault passphrase').count(), { timeout: 20_000 }).toBe(0);
    await app.page.getByRole('button', { name: 'Sign in' }).click();
    await app.page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    await app.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => tokens.length).toBe(2);

    const traffic = [...answers, ...again].join('\n');
    expect(traffic).toContain('cross@example.test');
    const secrets = [PASSWORD, user.clientSecret ?? '', ...tokens];
    for (const secret of secrets) expect(traffic).not.toContain(secret);
    for (const file of readAllFiles(app.web.dataDir)) {
      for (const secret of secrets)
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
    }
  });
});

describe('a window session with OAuth 2.0 client credentials carries neither the client secret nor the token back, nor keeps them', () => {
  const SECRET = 'client-secret-0123456789';
  let browser: Browser;
  let oauth: OAuthTokenServer;
  let app: AppUnderTest;

  beforeAll(async () => {
    [browser, oauth] = await Promise.all([launchChromium(), startOAuthTokenServer()]);
    app = await openApp(browser);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await oauth?.close();
  });

  it('chooses OAuth 2.0 in the Auth tab, gets a token, sees its countdown, sends, forgets it and sends again', async () => {
    const { page } = app;
    const answers = recordAnswers(page);
    await page.getByLabel('URL').fill(oauth.apiUrl);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'OAuth 2.0 client credentials' });
    await page.getByLabel('Token URL').fill(oauth.tokenUrl);
    await page.getByLabel('Client id').fill('shomei-client');
    await page.getByLabel('Client secret').fill(SECRET);
    await page.getByLabel('Scope').fill('orders/read');
    // Browser mode keeps secrets in a passphrase vault: the Auth tab offers to create it.
    await page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => page.getByLabel('Vault passphrase').count(), { timeout: 20_000 }).toBe(0);

    await page.getByRole('button', { name: 'Get token' }).click();
    const held = page.getByTestId('oauth2-token').getByRole('status');
    await held.waitFor({ timeout: 20_000 });
    expect(await held.textContent()).toContain('Token obtained (Bearer, scope orders/read)');
    // The token endpoint said 3600 s: the countdown starts just under an hour.
    expect(await page.getByTestId('oauth2-expiry').textContent()).toMatch(/^Expires in 59:\d\d$/);
    expect(oauth.tokenRequests).toHaveLength(1);
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    // The send used the token Get token fetched.
    expect(oauth.tokenRequests).toHaveLength(1);
    expect(oauth.apiAuthorizations.at(-1)).toBe(`Bearer ${oauth.issued[0]}`);

    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByRole('button', { name: 'Get token' }).waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => oauth.apiAuthorizations.length).toBe(2);
    expect(oauth.tokenRequests).toHaveLength(2);
    await page.getByTestId('oauth2-expiry').waitFor();

    const traffic = answers.join('\n');
    expect(traffic).toContain('"tokenType":"Bearer"');
    const secrets = [SECRET, ...oauth.issued];
    for (const secret of secrets) expect(traffic).not.toContain(secret);
    await app.restart();
    for (const file of readAllFiles(app.web.dataDir))
      for (const secret of secrets)
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
  });
});
