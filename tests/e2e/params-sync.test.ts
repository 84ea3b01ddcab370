import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2EPARAMSSYNC001', secretAccessKey: 'e2eParamsSyncSecret/0000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS], appPer: 'file' });


describe('the Params table and the URL stay in sync, encoded once, and the signature verifies', () => {
  it('round-trips repeated keys, empty values, +, %, UTF-8 and reserved characters both ways', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/search?a=1&a=2&empty=&plus=x+y&pct=100%25&utf=caf%C3%A9&slash=a%2Fb`);
    await page.getByRole('tab', { name: /^Params/ }).click();
    const rows = async () => {
      const out: string[] = [];
      const count = await page.getByRole('table', { name: 'Params' }).locator('tbody tr').count();
      for (let i = 1; i <= count; i += 1) out.push(`${await page.getByLabel(`Param ${i} name`).inputValue()}=${await page.getByLabel(`Param ${i} value`).inputValue()}`);
      return out;
    };
    expect(await rows()).toEqual(['a=1', 'a=2', 'empty=', 'plus=x+y', 'pct=100%', 'utf=café', 'slash=a/b']);

    // Edit in the table: reserved characters are encoded once in the URL.
    await page.getByLabel('Param 1 value').fill('x&y=z');
    expect(await page.getByLabel('URL').inputValue()).toContain('?a=x%26y%3Dz&a=2&');
    // Disable a row: it leaves the URL but stays in the table.
    await page.getByLabel('Enable param 2').uncheck();
    expect(await page.getByLabel('URL').inputValue()).not.toContain('a=2');
    expect((await rows())[1]).toBe('a=2');
    // Edit the URL: the table follows.
    const url = await page.getByLabel('URL').inputValue();
    await page.getByLabel('URL').fill(`${url}&new=%E2%9C%93`);
    expect(await rows()).toContain('new=✓');

    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    const received = e2e.target.received.at(-1);
    expect(received?.verdict.ok).toBe(true);
    // Exactly once encoded; a typed + stays a plus (%2B), never a space; the disabled row is not sent.
    expect(received?.target).toBe('/prod/search?a=x%26y%3Dz&empty=&plus=x%2By&pct=100%25&utf=caf%C3%A9&slash=a%2Fb&new=%E2%9C%93');
  });
});
