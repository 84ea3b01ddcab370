import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2ETRUST00000001', secretAccessKey: 'e2eTrustSecret/00000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });

beforeAll(() => {
  // The machine has keys in its environment; they must be used only where chosen.
  process.env.AWS_ACCESS_KEY_ID = KEYS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = KEYS.secretAccessKey;
});
afterAll(() => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

describe('the identity next to Send', () => {
  it('says what is missing for empty typed keys, sends nothing, then names the chosen source and masked key', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/items`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Region').fill('us-east-1');
    const identity = page.getByTestId('send-identity');
    await expect.poll(() => identity.textContent()).toMatch(/Will not send:.*Keys typed or pasted here.*empty/);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/access key ID and secret are empty/);
    expect(e2e.target.received).toHaveLength(0);

    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Environment variables' });
    await expect.poll(() => identity.textContent()).toBe('Signs as environment variables · key AKIA…0001');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.verdict.reason).toBe('verified');
  });
});
