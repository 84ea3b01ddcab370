import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../../electron/core/vault/secret-cipher';
import { createEncryptedSecretValueStore } from '../../../../electron/core/variables/encrypted-secret-value-store';
import { makeTempDir, readAllFiles } from '../../../support/temp-dir';

/** AES-256-GCM with a key made for this test run: a stand-in for the host's cipher. */
function testCipher(): SecretCipher & { lock(): void } {
  const key = randomBytes(32);
  let isReady = true;
  return {
    kind: 'test',
    description: 'test cipher',
    isReady: () => isReady,
    lock: () => {
      isReady = false;
    },
    encrypt: async (plaintext) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    reseal: async () => undefined,
    decrypt: async (blob) => {
      const bytes = Buffer.from(blob, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

describe('encrypted secret value store', () => {
  it('keeps values across reopening, encrypted on disk, and deletes them', async () => {
    const cipher = testCipher();
    const store = createEncryptedSecretValueStore({ dataDir: temp.dir, cipher });
    await store.set('v1', 'very-secret-token-value');
    const reopened = createEncryptedSecretValueStore({ dataDir: temp.dir, cipher });
    expect(await reopened.get('v1')).toBe('very-secret-token-value');
    expect(await reopened.get('missing')).toBeUndefined();
    for (const file of readAllFiles(temp.dir)) expect(file.bytes.includes('very-secret-token-value')).toBe(false);
    await reopened.delete('v1');
    expect(await createEncryptedSecretValueStore({ dataDir: temp.dir, cipher }).get('v1')).toBeUndefined();
  });

  it('reads nothing and refuses writes while the cipher is locked', async () => {
    const cipher = testCipher();
    const store = createEncryptedSecretValueStore({ dataDir: temp.dir, cipher });
    await store.set('v1', 'x');
    cipher.lock();
    expect(await store.get('v1')).toBeUndefined();
    await expect(store.set('v2', 'y')).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING' });
  });
});
