import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';
import { useProcessEnvKeys } from '../support/process-env-keys';

const KEYS = { accessKeyId: 'AKIAE2EREDIRECT00001', secretAccessKey: 'e2eRedirectSecret/0000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });

useProcessEnvKeys(KEYS);

describe('signed for one host, sent to another', () => {
  it('asks before a connect-to address gets the signature: Cancel sends nothing, Send anyway sends, and the next Send does not ask', async () => {
    const { page } = e2e.app;
    const port = new URL(e2e.target.origin).port;
    // Signed for api.shomei.test, the socket goes to the loopback server: a connect-to override.
    await page.getByLabel('URL').fill(`http://api.shomei.test:${port}/prod/items`);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Environment variables' });
    await page.getByRole('tab', { name: /^Options/ }).click();
    await page.getByLabel('Connect to').fill(`127.0.0.1:${port}`);

    const prompt = page.getByRole('dialog', { name: 'Send the signature to another host?' });
    await page.getByRole('button', { name: 'Send' }).click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(
      `Signed for api.shomei.test:${port}, will be sent to 127.0.0.1:${port} (the connect-to address)`,
    );
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => prompt.count()).toBe(0);
    await expect
      .poll(() => page.locator('.error-box[role="alert"]').textContent())
      .toMatch(/signed for api\.shomei\.test.*would be sent to 127\.0\.0\.1/);
    expect(e2e.target.received).toHaveLength(0);

    await page.getByRole('button', { name: 'Send' }).click();
    await prompt.getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received).toHaveLength(1);
    expect(e2e.target.received[0]?.verdict.reason).toBe('verified');

    // Asked once: the same request to the same place sends straight away.
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => e2e.target.received.length).toBe(2);
    expect(await prompt.count()).toBe(0);

    // Another destination is another question.
    await page.getByLabel('Connect to').fill(`localhost:${port}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(`will be sent to localhost:${port}`);
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    expect(e2e.target.received).toHaveLength(2);
  });
});
