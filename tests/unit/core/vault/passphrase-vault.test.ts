import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCredentialStore } from '../../../../electron/core/credentials/credential-store';
import { createEncryptedSecretValueStore } from '../../../../electron/core/variables/encrypted-secret-value-store';
import { createPassphraseVault, FREE_WRONG_PASSPHRASES } from '../../../../electron/core/vault/passphrase-cipher';
import { vaultCores } from '../../../support/vault-cores';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
/**
 * The cost the upgrade tests upgrade to: above the fixture's N = 2^15, a quarter of the real
 * N = 2^17 (tests/security/vault-real-cost.test.ts runs that one), injected through the vault's
 * typed `params` option.
 */
const UPGRADE = { N: 2 ** 16, r: 8, p: 1 };
/**
 * A data folder written by Shomei before this change (scrypt N = 2^15, blobs without additional
 * data): two key profiles and two secret values, passphrase below. The keys are made up.
 */
const BEFORE_AAD = resolve(import.meta.dirname, '../../../fixtures/vault-before-aad');
const FIXTURE_PASSPHRASE = 'fixture vault passphrase';
const DEV = { id: 'b93bcc82-e21b-4ee6-ad57-a0030146fbc6', accessKeyId: 'AKIAFIXTUREDEVREAD01' };
const PROD = { id: '1a441ce8-35eb-42d9-ac82-f2ff703e8420', accessKeyId: 'AKIAFIXTUREPRODADMIN' };

const cores = vaultCores('shomei-vault-');
const freshDir = cores.freshDir;
const fixtureCopy = () => {
  const dir = freshDir();
  cpSync(BEFORE_AAD, dir, { recursive: true });
  return dir;
};
/** Browser mode's core, its passphrase vault at the upgrade tests' cost. */
const openCore = (dataDir: string) => cores.openCore(dataDir, createPassphraseVault({ dataDir, params: UPGRADE }));

type Envelope<T> = { schemaVersion: number; data: T };
type VaultFile = { salt: string; params: { N: number }; previous?: unknown };
type CredentialsFile = { profiles: Array<{ id: string; name: string; blob?: string }> };
type SecretsFile = { blobs: Record<string, string> };
const readJson = <T,>(dir: string, name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Envelope<T>;
const writeJson = (dir: string, name: string, value: unknown) => writeFileSync(join(dir, `${name}.json`), JSON.stringify(value));

describe('the passphrase vault', () => {
  it('upgrades a vault made with the old parameters on unlock: new key at the current cost, every blob resealed and bound, nothing lost', async () => {
    const dataDir = fixtureCopy();
    const oldSalt = readJson<VaultFile>(dataDir, 'vault').data.salt;
    const core = openCore(dataDir);
    await core.credentials.unlock(FIXTURE_PASSPHRASE);

    const vault = readJson<VaultFile>(dataDir, 'vault').data;
    expect(vault.params).toEqual(UPGRADE);
    expect(vault.salt).not.toBe(oldSalt);
    expect(vault.previous).toBeUndefined();
    const profiles = readJson<CredentialsFile>(dataDir, 'credentials').data.profiles;
    expect(profiles.map((p) => p.blob?.slice(0, 3))).toEqual(['v2:', 'v2:']);
    expect(Object.values(readJson<SecretsFile>(dataDir, 'secret-values').data.blobs).map((b) => b.slice(0, 3))).toEqual(['v2:', 'v2:']);
    expect((await core.credentials.store.readKeys(DEV.id))?.keys.accessKeyId).toBe(DEV.accessKeyId);
    expect((await core.credentials.store.readKeys(PROD.id))?.keys.accessKeyId).toBe(PROD.accessKeyId);
    expect(await core.secrets.get('var-api-key')).toBe('fixture-api-key-value');

    // After a restart the upgraded vault opens with the same passphrase and changes nothing more.
    await cores.closeAll();
    const before = readFileSync(join(dataDir, 'credentials.json'), 'utf8');
    const again = openCore(dataDir);
    await again.credentials.unlock(FIXTURE_PASSPHRASE);
    expect(readFileSync(join(dataDir, 'credentials.json'), 'utf8')).toBe(before);
    expect(await again.secrets.get('var-cookie')).toBe('fixture-cookie-value');
    expect((await again.credentials.store.readKeys(PROD.id))?.keys.accessKeyId).toBe(PROD.accessKeyId);
  });

  it('finishes an upgrade that was interrupted after the new key was written', async () => {
    const dataDir = fixtureCopy();
    // A first unlock writes the new key (keeping the old one) and stops there, as a crash would.
    await createPassphraseVault({ dataDir, params: UPGRADE }).unlock(FIXTURE_PASSPHRASE);
    expect(readJson<VaultFile>(dataDir, 'vault').data.previous).toBeDefined();
    expect(readJson<CredentialsFile>(dataDir, 'credentials').data.profiles[0]?.blob?.slice(0, 3)).toBe('v1:');

    const core = openCore(dataDir);
    await core.credentials.unlock(FIXTURE_PASSPHRASE);
    expect(readJson<VaultFile>(dataDir, 'vault').data.previous).toBeUndefined();
    expect((await core.credentials.store.readKeys(DEV.id))?.keys.accessKeyId).toBe(DEV.accessKeyId);
    expect(await core.secrets.get('var-api-key')).toBe('fixture-api-key-value');
  });

  it('backs off exponentially after three wrong passphrases, refusing even the right one until the wait is over', async () => {
    const dataDir = freshDir();
    let clock = Date.parse('2026-12-02T12:00:00Z');
    const now = () => new Date(clock);
    await createPassphraseVault({ dataDir, params: FAST, now }).unlock('the right passphrase');
    const vault = createPassphraseVault({ dataDir, params: FAST, now });

    // Three typos cost nothing.
    for (let attempt = 0; attempt < FREE_WRONG_PASSPHRASES; attempt += 1) {
      await expect(vault.unlock('a wrong passphrase')).rejects.toMatchObject({ code: 'VAULT_LOCKED', details: { retryAfterMs: 0 } });
    }
    const waits: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const error = await vault.unlock('a wrong passphrase').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VAULT_LOCKED', message: expect.stringMatching(/^That is not the vault passphrase/) });
      const waitMs = (error as { details: { retryAfterMs: number } }).details.retryAfterMs;
      waits.push(waitMs);
      clock += waitMs - 1;
      await expect(vault.unlock('the right passphrase')).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: /Too many wrong passphrases/ });
      clock += 1;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    await vault.unlock('the right passphrase');
    expect(vault.isReady()).toBe(true);

    // A success resets the count.
    vault.lock();
    for (let attempt = 0; attempt < FREE_WRONG_PASSPHRASES; attempt += 1) {
      await expect(vault.unlock('a wrong passphrase')).rejects.toMatchObject({ details: { retryAfterMs: 0 } });
    }
    await expect(vault.unlock('a wrong passphrase')).rejects.toMatchObject({ details: { retryAfterMs: 1000 } });
  });

  it('checks one passphrase at a time', async () => {
    const dataDir = freshDir();
    await createPassphraseVault({ dataDir, params: FAST }).unlock('the right passphrase');
    const vault = createPassphraseVault({ dataDir, params: FAST });
    const first = vault.unlock('the right passphrase');
    await expect(vault.unlock('another guess here')).rejects.toMatchObject({ code: 'VAULT_LOCKED', message: /already being checked/ });
    await first;
    expect(vault.isReady()).toBe(true);
  });
});

describe('an attacker who can write the data folder but does not know the passphrase', () => {
  it('cannot make one profile sign with another profile’s keys by swapping their blobs', async () => {
    const dataDir = freshDir();
    const vault = createPassphraseVault({ dataDir, params: FAST });
    await vault.unlock('the right passphrase');
    const store = createCredentialStore({ dataDir, cipher: vault, now: () => new Date() });
    const dev = await store.saveKeys({ name: 'dev (read-only)', keys: { accessKeyId: DEV.accessKeyId, secretAccessKey: 'devSecret' } });
    const prod = await store.saveKeys({ name: 'prod admin', keys: { accessKeyId: PROD.accessKeyId, secretAccessKey: 'prodSecret' } });

    const file = readJson<CredentialsFile>(dataDir, 'credentials');
    const [a, b] = file.data.profiles;
    [a!.blob, b!.blob] = [b!.blob, a!.blob];
    writeJson(dataDir, 'credentials', file);

    const reopened = createCredentialStore({ dataDir, cipher: vault, now: () => new Date() });
    await expect(reopened.readKeys(dev.id)).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID', message: /"dev \(read-only\)" cannot be opened/ });
    await expect(reopened.readKeys(prod.id)).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('cannot swap secret variable values either, nor move a profile’s blob into a secret value', async () => {
    const dataDir = freshDir();
    const vault = createPassphraseVault({ dataDir, params: FAST });
    await vault.unlock('the right passphrase');
    const secrets = createEncryptedSecretValueStore({ dataDir, cipher: vault });
    await secrets.set('api-key', 'the api key');
    await secrets.set('cookie', 'the cookie');
    const store = createCredentialStore({ dataDir, cipher: vault, now: () => new Date() });
    const profile = await store.saveKeys({ name: 'p', keys: { accessKeyId: DEV.accessKeyId, secretAccessKey: 's' } });

    const file = readJson<SecretsFile>(dataDir, 'secret-values');
    const { 'api-key': apiKey, cookie } = file.data.blobs;
    file.data.blobs['api-key'] = cookie!;
    file.data.blobs.cookie = readJson<CredentialsFile>(dataDir, 'credentials').data.profiles.find((p) => p.id === profile.id)!.blob!;
    file.data.blobs.other = apiKey!;
    writeJson(dataDir, 'secret-values', file);

    const reopened = createEncryptedSecretValueStore({ dataDir, cipher: vault });
    await expect(reopened.get('api-key')).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    await expect(reopened.get('cookie')).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    await expect(reopened.get('other')).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('cannot plant an unbound blob from a backup made before the upgrade', async () => {
    const dataDir = fixtureCopy();
    const core = openCore(dataDir);
    await core.credentials.unlock(FIXTURE_PASSPHRASE);

    // The old copy of prod's blob, put into dev's place after the upgrade finished.
    const backup = readJson<CredentialsFile>(BEFORE_AAD, 'credentials').data.profiles.find((p) => p.id === PROD.id)!.blob!;
    const file = readJson<CredentialsFile>(dataDir, 'credentials');
    file.data.profiles.find((p) => p.id === DEV.id)!.blob = backup;
    writeJson(dataDir, 'credentials', file);

    const vault = createPassphraseVault({ dataDir, params: UPGRADE });
    await vault.unlock(FIXTURE_PASSPHRASE);
    const reopened = createCredentialStore({ dataDir, cipher: vault, now: () => new Date() });
    await reopened.resealAll();
    await expect(reopened.readKeys(DEV.id)).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect((await reopened.readKeys(PROD.id))?.keys.accessKeyId).toBe(PROD.accessKeyId);
  });
});
