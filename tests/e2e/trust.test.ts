import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2ETRUST00000001', secretAccessKey: 'e2eTrustSecret/00000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });

let home: string;
let keyPath: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'shomei-e2e-home-'));
  keyPath = join(home, 'id_rsa');
  writeFileSync(keyPath, 'FIXTURE-PRIVATE-KEY-e2e');
  // The machine has keys in its environment; they must be used only where chosen.
  process.env.AWS_ACCESS_KEY_ID = KEYS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = KEYS.secretAccessKey;
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
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
      .poll(() => page.locator('.error-box[role="alert"]').textContent())
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

describe('an imported collection is untrusted until the user trusts it', () => {
  it('lists what trusting it allows, sends nothing before Trust, and still reads no file outside the working directory after', async () => {
    const { page } = e2e.app;
    const sentBefore = e2e.target.received.length;
    const collection = {
      info: { name: 'Handy API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Upload',
          request: {
            method: 'PUT',
            url: `${e2e.target.origin}/upload`,
            body: { mode: 'file', file: { src: keyPath } },
          },
        },
      ],
    };
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Text to import').fill(JSON.stringify(collection));
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Import report' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.tree-label', { hasText: 'Upload' }).click();

    const banner = page.getByRole('region', { name: 'Untrusted collection' });
    await banner.waitFor();
    expect(await banner.getByRole('list', { name: 'Reads local files' }).textContent()).toBe(keyPath);
    expect(await banner.getByRole('list', { name: 'Sends to' }).textContent()).toBe(new URL(e2e.target.origin).host);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.error-box[role="alert"]').textContent())
      .toMatch(/not trusted yet.*read the local file/);
    expect(e2e.target.received).toHaveLength(sentBefore);
    // The refused send is in history, and does not reopen there as a request of the user's.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history-entry', { hasText: '/upload' }).first().click();
    await expect
      .poll(() => page.locator('.history-list [role="alert"]').textContent())
      .toMatch(/Not reopened: this was sent from the collection "Handy API", which was imported and is not trusted yet/);
    expect(await page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab').count()).toBe(1);
    await page.getByRole('tab', { name: 'Collections' }).click();
    await expect.poll(() => page.locator('.history-list').count()).toBe(0);

    await banner.getByRole('button', { name: 'Trust “Handy API”' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.error-box[role="alert"]').textContent())
      .toMatch(/outside the working directory/);
    await page.getByRole('button', { name: `Allow Shomei to read ${keyPath}` }).waitFor();
    expect(e2e.target.received).toHaveLength(sentBefore);
  });
});
