import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';
import { useProcessEnvKeys } from '../support/process-env-keys';

const KEYS = { accessKeyId: 'AKIAE2EENVTRUST00001', secretAccessKey: 'e2eEnvTrustSecret/000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });

useProcessEnvKeys(KEYS);

describe('an imported environment is untrusted until the user trusts it', () => {
  it('shows what it sets, sends nothing it would point elsewhere, and sends once trusted from its banner', async () => {
    const { page } = e2e.app;
    const environment = {
      name: 'Shared staging',
      _postman_variable_scope: 'environment',
      values: [{ key: 'baseUrl', value: e2e.target.origin, enabled: true }],
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Text to import').fill(JSON.stringify(environment));
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Import report' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByLabel('Environment').selectOption({ label: 'Shared staging' });

    const banner = page.getByRole('region', { name: 'Untrusted environment' });
    await banner.waitFor();
    expect(await banner.getByRole('list', { name: 'Sets' }).textContent()).toBe(`baseUrl = ${e2e.target.origin}`);

    await page.getByLabel('URL').fill('{{baseUrl}}/prod/items');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Environment variables' });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.error-box[role="alert"]').textContent())
      .toMatch(/environment "Shared staging" was imported and is not trusted yet.*\{\{baseUrl\}\} \(the URL\)/);
    expect(e2e.target.received).toHaveLength(0);

    await banner.getByRole('button', { name: 'Trust “Shared staging”' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.verdict.reason).toBe('verified');
  });
});
