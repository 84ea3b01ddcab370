import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2ETESTKEY000001', secretAccessKey: 'e2eSecretKey/000000000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });


async function fillSignedRequest(secret: string) {
  const { page } = e2e.app;
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/items?limit=5&q=caf%C3%A9`);
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
    await e2e.app.page.getByRole('button', { name: 'Send' }).click();
    const status = e2e.app.page.getByTestId('response-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('200 OK');
    const body = await e2e.app.page.getByTestId('response-body').textContent();
    expect(body).toContain('"verified": true');
    expect(e2e.target.received.at(-1)?.verdict.reason).toBe('verified');
    expect(e2e.target.received.at(-1)?.body.toString('utf8')).toBe('{"hello":"wörld"}');
  });

  it('with a wrong secret shows the 403 as a response, and Ctrl+Enter sends', async () => {
    await fillSignedRequest('wrong-secret-key-00000000000000000000000');
    await e2e.app.page.getByLabel('URL').press('Control+Enter');
    await e2e.app.page.getByTestId('response-status').waitFor();
    expect(await e2e.app.page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
    expect(await e2e.app.page.getByTestId('response-body').textContent()).toContain('SignatureDoesNotMatch');
  });

  it('a connection failure is a clear error, and the app keeps working', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill('http://127.0.0.1:1/nothing-listens-here');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Connection refused/);
    await page.getByLabel('URL').fill(`${e2e.target.origin}/unsigned`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
  });

  it('keeps Params and the URL in sync both ways', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill('https://example.com/a?x=1&y=a%20b');
    await expect(page.getByLabel('Param 2 value').inputValue()).resolves.toBe('a b');
    await page.getByLabel('Param 1 value').fill('1&2');
    await expect(page.getByLabel('URL').inputValue()).resolves.toBe('https://example.com/a?x=1%262&y=a%20b');
    await page.getByLabel('Enable param 2').uncheck();
    await expect(page.getByLabel('URL').inputValue()).resolves.toBe('https://example.com/a?x=1%262');
  });

  it('never lets the launch token into the server output', async () => {
    await e2e.app.page.getByRole('button', { name: 'Send' }).click();
    expect(e2e.app.web.stderr()).not.toContain(e2e.app.web.token);
    expect(e2e.app.web.stdout().split('\n').filter((line) => line.includes(e2e.app.web.token))).toHaveLength(1);
  });
});
