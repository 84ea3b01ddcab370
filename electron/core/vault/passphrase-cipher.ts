import { randomBytes, scrypt as scryptCallback, timingSafeEqual, createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ShomeiError } from '../../../shared/errors';
import { openDocumentStore } from '../storage/document-store';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import type { SecretCipher } from './secret-cipher';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 32 MiB and 60–100 ms per unlock). */
const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 };

const VaultFileSchema = z.object({
  salt: z.string(),
  verifier: z.string(),
  params: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }),
});

/** A passphrase-protected `SecretCipher` that can be created, unlocked and locked. */
export interface PassphraseVault extends SecretCipher {
  /** True once a passphrase has been chosen (the vault file exists). */
  isCreated(): boolean;
  /** Creates the vault on first use, else checks the passphrase; a wrong one is refused. */
  unlock(passphrase: string): Promise<void>;
  lock(): void;
}

/**
 * A vault keyed by a passphrase: scrypt derives a 256-bit key from it and a random salt; each
 * value is sealed with AES-256-GCM and its own random nonce. Only the salt and an HMAC verifier
 * are stored, so a wrong passphrase is refused without trying to decrypt anything.
 * Security: never a fixed IV, never a key derived from a machine id; the key lives in memory only
 * while unlocked.
 */
export function createPassphraseVault(options: { dataDir: string; params?: { N: number; r: number; p: number } }): PassphraseVault {
  const store = openDocumentStore({
    dataDir: options.dataDir,
    name: 'vault',
    schema: VaultFileSchema.nullable(),
    version: 1,
    defaults: () => null,
  });
  let key: Buffer | undefined;
  const verifierOf = (derived: Buffer) => createHmac('sha256', derived).update('shomei-vault-verifier').digest();

  return {
    kind: 'passphrase',
    description: 'Encrypted with your vault passphrase (scrypt + AES-256-GCM)',
    isReady: () => key !== undefined,
    isCreated: () => store.read() !== null,
    async unlock(passphrase) {
      if (passphrase.length < 8) throw new ShomeiError('INVALID_INPUT', 'A vault passphrase has at least 8 characters');
      const existing = store.read();
      if (!existing) {
        const params = options.params ?? DEFAULT_PARAMS;
        const salt = randomBytes(16);
        const derived = await scrypt(passphrase, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
        store.write({ salt: salt.toString('base64'), verifier: verifierOf(derived).toString('base64'), params });
        key = derived;
        return;
      }
      const derived = await scrypt(passphrase, Buffer.from(existing.salt, 'base64'), 32, { ...existing.params, maxmem: 256 * 1024 * 1024 });
      const expected = Buffer.from(existing.verifier, 'base64');
      const actual = verifierOf(derived);
      if (expected.byteLength !== actual.byteLength || !timingSafeEqual(expected, actual)) {
        throw new ShomeiError('VAULT_LOCKED', 'That is not the vault passphrase');
      }
      key = derived;
    },
    lock() {
      key?.fill(0);
      key = undefined;
    },
    encrypt(plaintext) {
      if (!key) return Promise.reject(new ShomeiError('VAULT_LOCKED', 'Unlock the vault with its passphrase first'));
      return Promise.resolve(sealAesGcm(key, plaintext));
    },
    decrypt(blob) {
      if (!key) return Promise.reject(new ShomeiError('VAULT_LOCKED', 'Unlock the vault with its passphrase first'));
      try {
        return Promise.resolve(openAesGcm(key, blob));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
