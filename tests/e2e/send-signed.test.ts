import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, openApp, type AppUnderTest } from '../support/app-fixture';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAE2ETESTKEY000001', secretAccessKey: 'e2eSecretKey/000000000000000000000000000' };

let browser: Browser;
let target: VerifyingServer;
let app: AppUnderTest;

beforeAll(async () => {
  browser = await launchChromium();
  target = await startVerifyingServer([KEYS]);
});
afterAll(async () => {
  await browser?.close();
  await target?.close();
});
beforeEach(async () => {
  app = await openApp(browser);
});
afterEach(async () => {
  await app?.close();
});

async function fillSignedRequest(secret: string) {
  const { page } = app;
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('URL').fill(`${target.origin}/prod/items?limit=5&q=caf%C3%A9`);
  await page.getByRole('tab', { name: 'Headers' }).click();
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1 name').fill('X-Trace');
  await page.getByLabel('Header 1 value').fill('e2e');
  await page.getByRole('tab', { name: 'Body' }).click();
  await page.getByLabel('Body type').selectOption('json');
  await page.getByLabel('Request body').fill('{"hello":"wörld"}');
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(secret);
  await page.getByLabel('Region').fill('us-east-1');
  expect(await page.getByLabel('Service').inputValue()).toBe('execute-api');
}

describe('browser mode, end to end in Chromium', () => {
  it('sends a signed POST that an independent verifier accepts, and shows 200 with the body', async () => {
    await fillSignedRequest(KEYS.secretAccessKey);
    await app.page.getByRole('button', { name: 'Send' }).click();
    const status = app.page.getByTestId('response-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('200 OK');
    const body = await app.page.getByTestId('response-body').textContent();
    expect(body).toContain('"verified": true');
    expect(target.received.at(-1)?.verdict.reason).toBe('verified');
    expect(target.received.at(-1)?.body.toString('utf8')).toBe('{"hello":"wörld"}');
  });

  it('with a wrong secret shows the 403 as a response, and Ctrl+Enter sends', async () => {
    await fillSignedRequest('wrong-secret-key-00000000000000000000000');
    await app.page.getByLabel('URL').press('Control+Enter');
    await app.page.getByTestId('response-status').waitFor();
    expect(await app.page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
    expect(await app.page.getByTestId('response-body').textContent()).toContain('SignatureDoesNotMatch');
  });

  it('a connection failure is a clear error, and the app keeps working', async () => {
    const { page } = app;
    await page.getByLabel('URL').fill('http://127.0.0.1:1/nothing-listens-here');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Connection refused/);
    await page.getByLabel('URL').fill(`${target.origin}/unsigned`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
  });

  it('keeps Params and the URL in sync both ways', async () => {
    const { page } = app;
    await page.getByLabel('URL').fill('https://example.com/a?x=1&y=a%20b');
    await expect(page.getByLabel('Param 2 value').inputValue()).resolves.toBe('a b');
    await page.getByLabel('Param 1 value').fill('1&2');
    await expect(page.getByLabel('URL').inputValue()).resolves.toBe('https://example.com/a?x=1%262&y=a%20b');
    await page.getByLabel('Enable param 2').uncheck();
    await expect(page.getByLabel('URL').inputValue()).resolves.toBe('https://example.com/a?x=1%262');
  });

  it('never lets the launch token into the server output', async () => {
    await app.page.getByRole('button', { name: 'Send' }).click();
    expect(app.web.stderr()).not.toContain(app.web.token);
    expect(app.web.stdout().split('\n').filter((line) => line.includes(app.web.token))).toHaveLength(1);
  });
});
