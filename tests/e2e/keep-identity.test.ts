import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllFiles } from '../support/temp-dir';
import { useE2eSession, VAULT_WAIT } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAKEEPIDENTITY0001', secretAccessKey: 'keepIdentitySecret/00000000000000000000' };
const PASSPHRASE = 'keep the identity passphrase';

const e2e = useE2eSession({ keys: [KEYS] });
const treeLabel = (name: string) => e2e.app.page.locator('.tree-label', { hasText: name });

async function typedKeysRequestInNewCollection(collection: string) {
  const { page } = e2e.app;
  await page.getByRole('button', { name: 'New collection' }).click();
  await page.getByLabel('Collection name').fill(collection);
  await page.getByRole('button', { name: 'Create' }).click();
  await treeLabel(collection).waitFor();
  await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/identity`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
  await page.getByLabel('Region').fill('us-east-1');
  await page.getByLabel('Service').fill('execute-api');
  await page.getByLabel('URL').press('Control+s');
  await page.getByLabel('Request name').fill('Who am I');
  await page.getByLabel('Save in').selectOption({ label: collection });
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
}

describe('saving a request that signs with typed keys', () => {
  it('offers to keep the keys as an encrypted profile; after a restart the reopened request sends with the same identity', async () => {
    const { page } = e2e.app;
    await typedKeysRequestInNewCollection('Identity');
    const offer = page.getByRole('dialog', { name: 'Keep the typed keys?' });
    await offer.waitFor();
    // The alternative is stated plainly next to the default.
    expect(await offer.textContent()).toMatch(/Save without the keys instead, and they are kept nowhere/);
    await offer.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await offer.getByRole('button', { name: 'Create vault' }).click();
    const keep = offer.getByRole('button', { name: 'Keep keys and save' });
    await expect.poll(() => keep.isEnabled(), VAULT_WAIT).toBe(true);
    await keep.click();
    await treeLabel('Who am I').waitFor();
    await page.getByRole('status').filter({ hasText: /signs with the profile “Who am I keys”/ }).waitFor();
    // The editor now holds the profile's id, not the keys.
    expect(await page.getByLabel('Secret access key').count()).toBe(0);

    // The saved request references the profile by id; no file holds the secret.
    const dataDir = e2e.app.web.dataDir;
    const savedProfileId = () =>
      /"source": "profile",\s*"profileId": "([0-9a-f-]{36})"/.exec(readFileSync(join(dataDir, 'workspace.json'), 'utf8'))?.[1];
    // The workspace is written after its quiet time.
    await expect.poll(savedProfileId).toBeDefined();
    expect(readFileSync(join(dataDir, 'credentials.json'), 'utf8')).toContain(savedProfileId());
    for (const file of readAllFiles(dataDir)) expect(file.bytes.includes(Buffer.from(KEYS.secretAccessKey)), file.path).toBe(false);

    await e2e.app.restart();
    const again = e2e.app.page;
    await again.locator('.tree-label', { hasText: 'Who am I' }).click();
    await expect.poll(() => again.locator('.request-location').textContent()).toBe('Identity › ');
    await again.getByRole('button', { name: 'Credentials', exact: true }).click();
    const manager = again.getByRole('dialog', { name: 'Credentials' });
    await manager.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await manager.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => manager.getByTestId('vault-status').textContent(), VAULT_WAIT).toMatch(/Encrypted with your vault passphrase/);
    await again.getByRole('button', { name: 'Close', exact: true }).click();

    const before = e2e.target.received.length;
    await again.getByRole('button', { name: 'Send' }).click();
    await again.getByTestId('response-status').waitFor();
    expect(await again.getByTestId('response-status').textContent()).toBe('200 OK');
    const received = e2e.target.received.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.verdict.reason).toBe('verified');
    expect(received[0]?.rawHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1]).toContain(`Credential=${KEYS.accessKeyId}/`);
  }, 90_000);

  it('saves without the keys when asked: nothing is kept and the saved request does not name a profile', async () => {
    const { page } = e2e.app;
    await typedKeysRequestInNewCollection('Forgetful');
    const offer = page.getByRole('dialog', { name: 'Keep the typed keys?' });
    await offer.getByRole('button', { name: 'Save without the keys' }).click();
    await treeLabel('Who am I').waitFor();
    expect(await offer.count()).toBe(0);
    const dataDir = e2e.app.web.dataDir;
    await expect.poll(() => readFileSync(join(dataDir, 'workspace.json'), 'utf8')).toContain('Who am I');
    expect(readFileSync(join(dataDir, 'workspace.json'), 'utf8')).not.toContain('"source": "profile"');
    for (const file of readAllFiles(dataDir)) expect(file.bytes.includes(Buffer.from(KEYS.accessKeyId)), file.path).toBe(false);
  }, 60_000);
});
