import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';
import { SIGV4A_SUITE_KEYS } from '../support/verify-sigv4a';

const e2e = useE2eSession({ keys: [SIGV4A_SUITE_KEYS], appPer: 'file' });

describe('SigV4a in the Auth tab', () => {
  it('follows a Multi-Region Access Point host to SigV4a, and the preview shows the ECDSA string to sign for region set *', async () => {
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(SIGV4A_SUITE_KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(SIGV4A_SUITE_KEYS.secretAccessKey);
    await page.getByLabel('URL').fill('https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/report.csv');
    expect(await page.getByLabel('Algorithm').inputValue()).toBe('sigv4a');
    expect(await page.getByLabel('Service', { exact: true }).inputValue()).toBe('s3');
    await expect.poll(() => page.getByLabel('Region set').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Preview signature' }).click();
    const preview = page.getByTestId('signature-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('AWS4-ECDSA-P256-SHA256');
    expect(text).toContain('x-amz-region-set:*');
    expect(text).toContain('SigV4a, region set *');
    expect(text).not.toContain(SIGV4A_SUITE_KEYS.secretAccessKey);

    // Back to SigV4 on the same host: the Auth tab warns that the endpoint will refuse it.
    await page.getByLabel('Algorithm').selectOption('sigv4');
    await expect.poll(() => page.getByText('S3 Multi-Region Access Point hosts need SigV4a').isVisible()).toBe(true);
    expect(await page.getByLabel('Region set').count()).toBe(0);
  });
});
