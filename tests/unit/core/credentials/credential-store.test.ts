import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../../../electron/core/credentials/credential-store';
import { createPassphraseVault } from '../../../../electron/core/vault/passphrase-cipher';
import { createSessionOnlyCipher } from '../../../../electron/core/vault/memory-ciphers';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'shomei-vault-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Ten distinct, recognisable credentials. */
const TEN = Array.from({ length: 10 }, (_, i) => ({
  accessKeyId: `ASIAVAULTTEST${String(i).padStart(7, '0')}`,
  secretAccessKey: `vaultSecret${i}/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef${i}`,
  sessionToken: `IQoJb3JpZ2luX2VjVAULT${i}//////////TOKEN+VALUE${i}==`,
  expiration: new Date(Date.UTC(2030, 0, 1 + i)),
}));

/** Every file under `dir`, as bytes. */
function allBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name))));
}

async function openVault(dataDir: string, passphrase = 'correct horse battery') {
  const cipher = createPassphraseVault({ dataDir, params: FAST });
  await cipher.unlock(passphrase);
  return { cipher, store: createCredentialStore({ dataDir, cipher, now: () => new Date('2026-12-01T00:00:00Z') }) };
}

describe('the credential vault', () => {
  it('keeps no secret value in any file of the data folder after saving ten credentials', async () => {
    const dataDir = freshDir();
    const { store } = await openVault(dataDir);
    for (const [i, keys] of TEN.entries()) await store.saveKeys({ name: `profile ${i}`, keys });
    const bytes = allBytes(dataDir);
    expect(bytes.byteLength).toBeGreaterThan(1000);
    for (const keys of TEN) {
      for (const secret of [keys.accessKeyId, keys.secretAccessKey, keys.sessionToken]) {
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false);
      }
    }
    // Labels stay readable for listing.
    expect(bytes.includes(Buffer.from('ASIA…0009'))).toBe(true);
  });

  it('decrypts every credential after reopening with the passphrase', async () => {
    const dataDir = freshDir();
    const first = await openVault(dataDir);
    const ids = [];
    for (const [i, keys] of TEN.entries()) ids.push((await first.store.saveKeys({ name: `p${i}`, keys })).id);
    first.cipher.lock();
    const again = await openVault(dataDir);
    for (const [i, id] of ids.entries()) {
      const opened = await again.store.readKeys(id);
      expect(opened?.keys).toEqual({ accessKeyId: TEN[i]?.accessKeyId, secretAccessKey: TEN[i]?.secretAccessKey, sessionToken: TEN[i]?.sessionToken });
      expect(opened?.expiration?.toISOString()).toBe(TEN[i]?.expiration.toISOString());
    }
  });

  it('refuses a wrong passphrase and keeps the vault locked', async () => {
    const dataDir = freshDir();
    const { cipher, store } = await openVault(dataDir);
    const { id } = await store.saveKeys({ name: 'one', keys: TEN[0] });
    cipher.lock();
    const wrong = createPassphraseVault({ dataDir, params: FAST });
    await expect(wrong.unlock('not the passphrase')).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: expect.stringMatching(/^That is not the vault passphrase/) });
    expect(wrong.isReady()).toBe(false);
    const locked = createCredentialStore({ dataDir, cipher: wrong, now: () => new Date() });
    await expect(locked.readKeys(id)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(locked.saveKeys({ name: 'two', keys: TEN[1] })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('fails a tampered ciphertext alone, with a clear error, and leaves the others readable', async () => {
    const dataDir = freshDir();
    const { store, cipher } = await openVault(dataDir);
    const ids = [];
    for (const [i, keys] of TEN.slice(0, 3).entries()) ids.push((await store.saveKeys({ name: `p${i}`, keys })).id);
    cipher.lock();
    const file = join(dataDir, 'credentials.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { data: { profiles: Array<{ blob: string }> } };
    const blob = envelope.data.profiles[1]?.blob as string;
    const bytes = Buffer.from(blob.slice(3), 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 0x01;
    (envelope.data.profiles[1] as { blob: string }).blob = `${blob.slice(0, 3)}${bytes.toString('base64')}`;
    writeFileSync(file, JSON.stringify(envelope));

    const again = await openVault(dataDir);
    await expect(again.store.readKeys(ids[1] as string)).rejects.toMatchObject({
      code: 'CREDENTIALS_INVALID',
      message: expect.stringMatching(/"p1" cannot be opened: .*changed or moved on disk.*Save its keys again/),
    });
    expect((await again.store.readKeys(ids[0] as string))?.keys.accessKeyId).toBe(TEN[0]?.accessKeyId);
    expect((await again.store.readKeys(ids[2] as string))?.keys.accessKeyId).toBe(TEN[2]?.accessKeyId);
    const listed = await again.store.list();
    expect(listed.map((p) => Boolean(p.problem))).toEqual([false, true, false]);
  });

  it('renames, edits without re-entering keys, refuses duplicate names, and deletes', async () => {
    const { store } = await openVault(freshDir());
    const saved = await store.saveKeys({ name: 'dev', keys: TEN[0] });
    expect(saved).toMatchObject({ name: 'dev', kind: 'keys', keyIdMasked: 'ASIA…0000', hasSessionToken: true, expiration: '2030-01-01T00:00:00.000Z' });
    expect(JSON.stringify(saved)).not.toContain(TEN[0]?.secretAccessKey);
    await store.saveKeys({ name: 'prod', keys: TEN[1] });
    expect(() => store.rename(saved.id, 'PROD')).toThrow(/already exists/);
    expect(store.rename(saved.id, 'dev-renamed').name).toBe('dev-renamed');
    await store.saveKeys({ id: saved.id, name: 'dev-2' });
    expect((await store.readKeys(saved.id))?.keys.secretAccessKey).toBe(TEN[0]?.secretAccessKey);
    expect(store.findByName('DEV-2')?.id).toBe(saved.id);
    // Security: a profile is referenced by id only; its name never stands in for it.
    expect(store.lookup('dev-2')).toBeUndefined();
    expect(store.lookup(saved.id)?.name).toBe('dev-2');
    store.delete(saved.id);
    expect((await store.list()).map((p) => p.name)).toEqual(['prod']);
  });

  it('forgets session-only secrets with the session: a new key cannot open them', async () => {
    const dataDir = freshDir();
    const first = createCredentialStore({ dataDir, cipher: createSessionOnlyCipher(), now: () => new Date() });
    const { id } = await first.saveKeys({ name: 'temp', keys: TEN[0] });
    const next = createCredentialStore({ dataDir, cipher: createSessionOnlyCipher(), now: () => new Date() });
    await expect(next.readKeys(id)).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('refuses a role assumed from itself, directly or round a circle', async () => {
    const { store } = await openVault(freshDir());
    const settings = { roleArn: 'arn:aws:iam::123456789012:role/A', sessionName: 'shomei', durationSeconds: 3600 };
    const a = await store.saveAssumeRole({ name: 'a', settings: { ...settings, base: { source: 'env' } } });
    const b = await store.saveAssumeRole({ name: 'b', settings: { ...settings, base: { source: 'profile', profileId: a.id } } });
    await expect(store.saveAssumeRole({ id: a.id, name: 'a', settings: { ...settings, base: { source: 'profile', profileId: b.id } } })).rejects.toThrow(/circle/);
  });
});
