import { createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ShomeiError } from '../../../shared/errors';
import { openDocumentStore } from '../storage/document-store';
import { isUnboundBlob, openAesGcm, sealAesGcm } from './aes-gcm';
import type { SecretCipher } from './secret-cipher';

type ScryptParams = { N: number; r: number; p: number };
const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptParams & { maxmem: number }) => Promise<Buffer>;

/**
 * scrypt cost of the vault: N = 2^17, r = 8, p = 1 (OWASP's scrypt minimum). A vault made with a
 * lower N is upgraded on its next unlock.
 */
export const VAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 };

/**
 * scrypt needs 128 · N · r bytes (128 MiB at the cost above) and Node refuses anything above
 * `maxmem` (32 MiB by default). A vault file asking for more than this is refused, not run.
 */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;

/** Wrong passphrases in a row that cost nothing (typos happen). */
export const FREE_WRONG_PASSPHRASES = 3;
/** Wait after the next wrong passphrase; it doubles with each further one, up to `MAX_BACKOFF_MS`. */
export const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 15 * 60 * 1000;

const KeyDerivationSchema = z.object({
  salt: z.string(),
  verifier: z.string(),
  params: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }),
});
type KeyDerivation = z.infer<typeof KeyDerivationSchema>;
const VaultFileSchema = KeyDerivationSchema.extend({
  /** The key being replaced, kept only until every blob has been resealed with the new one. */
  previous: KeyDerivationSchema.optional(),
});

/** A passphrase-protected `SecretCipher` that can be created, unlocked and locked. */
export interface PassphraseVault extends SecretCipher {
  /** True once a passphrase has been chosen (the vault file exists). */
  isCreated(): boolean;
  /**
   * Creates the vault on first use, else checks the passphrase; a wrong one is refused, and after
   * three in a row each next try must wait (1 s, doubling). A vault with a weaker scrypt cost gets a new key at once;
   * the old one opens blobs until `completeUpgrade()`.
   */
  unlock(passphrase: string): Promise<void>;
  /** True while blobs sealed with a replaced key (or unbound) may remain: reseal them, then `completeUpgrade()`. */
  isUpgrading(): boolean;
  /** Forgets the replaced key, on disk and in memory, once every blob has been resealed. */
  completeUpgrade(): void;
  lock(): void;
}

/** What the vault needs: its folder, and (for tests) the scrypt cost and the clock. */
export interface PassphraseVaultOptions {
  dataDir: string;
  /** scrypt cost of new keys; default `VAULT_SCRYPT_PARAMS`. Tests use a cheap one. */
  params?: ScryptParams;
  now?: () => Date;
}

/**
 * A vault keyed by a passphrase: scrypt derives a 256-bit key from it and a random salt; each
 * value is sealed with AES-256-GCM, its own random nonce, and its owner's id as additional data.
 * Only the salt and an HMAC verifier are stored, so a wrong passphrase is refused without trying
 * to decrypt anything.
 * Security: never a fixed IV, never a key derived from a machine id; the key lives in memory only
 * while unlocked; wrong passphrases back off exponentially and one check runs at a time, so a
 * compromised window cannot guess quickly (the backoff lives in memory: it slows guessing through
 * Shomei, not an attacker who copies the file — scrypt's cost does that).
 */
export function createPassphraseVault(options: PassphraseVaultOptions): PassphraseVault {
  const target = options.params ?? VAULT_SCRYPT_PARAMS;
  const now = options.now ?? (() => new Date());
  const store = openDocumentStore({
    dataDir: options.dataDir,
    name: 'vault',
    schema: VaultFileSchema.nullable(),
    version: 1,
    defaults: () => null,
  });
  let key: Buffer | undefined;
  let previousKey: Buffer | undefined;
  let failures = 0;
  let retryAt = 0;
  let isChecking = false;
  const verifierOf = (derived: Buffer) => createHmac('sha256', derived).update('shomei-vault-verifier').digest();
  const derive = (passphrase: string, salt: Buffer, params: ScryptParams) => scrypt(passphrase, salt, 32, { ...params, maxmem: SCRYPT_MAXMEM });
  const deriveChecked = async (passphrase: string, kdf: KeyDerivation): Promise<Buffer | undefined> => {
    const derived = await derive(passphrase, Buffer.from(kdf.salt, 'base64'), kdf.params);
    const expected = Buffer.from(kdf.verifier, 'base64');
    const actual = verifierOf(derived);
    return expected.byteLength === actual.byteLength && timingSafeEqual(expected, actual) ? derived : undefined;
  };
  const newKey = async (passphrase: string): Promise<{ derived: Buffer; kdf: KeyDerivation }> => {
    const salt = randomBytes(16);
    const derived = await derive(passphrase, salt, target);
    return { derived, kdf: { salt: salt.toString('base64'), verifier: verifierOf(derived).toString('base64'), params: { ...target } } };
  };
  const requireKey = (): Buffer => {
    if (!key) throw new ShomeiError('VAULT_LOCKED', 'Unlock the vault with its passphrase first');
    return key;
  };
  /** Opens with the current key, then (during an upgrade) the replaced one; unbound blobs only when asked. */
  const open = (blob: string, boundTo: string, allowUnbound: boolean): string => {
    const current = requireKey();
    try {
      return openAesGcm(current, blob, boundTo, { allowUnbound });
    } catch (error) {
      if (!previousKey) throw error;
      return openAesGcm(previousKey, blob, boundTo, { allowUnbound });
    }
  };

  return {
    kind: 'passphrase',
    description: 'Encrypted with your vault passphrase (scrypt + AES-256-GCM)',
    isReady: () => key !== undefined,
    isCreated: () => store.read() !== null,
    isUpgrading: () => previousKey !== undefined,
    async unlock(passphrase) {
      if (passphrase.length < 8) throw new ShomeiError('INVALID_INPUT', 'A vault passphrase has at least 8 characters');
      const waitMs = retryAt - now().getTime();
      if (waitMs > 0) {
        throw new ShomeiError('VAULT_LOCKED', `Too many wrong passphrases: try again in ${Math.ceil(waitMs / 1000)} s`, { retryAfterMs: waitMs });
      }
      if (isChecking) throw new ShomeiError('VAULT_LOCKED', 'A passphrase is already being checked');
      isChecking = true;
      try {
        const existing = store.read();
        if (!existing) {
          const created = await newKey(passphrase);
          store.write(created.kdf);
          key = created.derived;
          return;
        }
        const derived = await deriveChecked(passphrase, existing);
        if (!derived) {
          failures += 1;
          const paid = failures - FREE_WRONG_PASSPHRASES;
          if (paid <= 0) throw new ShomeiError('VAULT_LOCKED', 'That is not the vault passphrase', { retryAfterMs: 0 });
          const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** (paid - 1), MAX_BACKOFF_MS);
          retryAt = now().getTime() + backoff;
          throw new ShomeiError('VAULT_LOCKED', `That is not the vault passphrase. Wait ${Math.ceil(backoff / 1000)} s before the next try.`, {
            retryAfterMs: backoff,
          });
        }
        failures = 0;
        retryAt = 0;
        let replaced: Buffer | undefined;
        let current = derived;
        if (existing.previous) {
          // An upgrade that did not finish: the replaced key still opens what was not resealed.
          replaced = await deriveChecked(passphrase, existing.previous);
        } else if (existing.params.N < target.N) {
          // Upgrade: a new salt at today's cost; the old key stays on disk until every blob is resealed.
          const upgraded = await newKey(passphrase);
          const { previous: _none, ...old } = existing;
          store.write({ ...upgraded.kdf, previous: old });
          replaced = derived;
          current = upgraded.derived;
        }
        key = current;
        previousKey = replaced;
      } finally {
        isChecking = false;
      }
    },
    completeUpgrade() {
      const existing = store.read();
      if (!key || !existing?.previous) return;
      const { previous: _done, ...current } = existing;
      store.write(current);
      previousKey?.fill(0);
      previousKey = undefined;
    },
    lock() {
      key?.fill(0);
      previousKey?.fill(0);
      key = undefined;
      previousKey = undefined;
    },
    encrypt(plaintext, boundTo) {
      try {
        return Promise.resolve(sealAesGcm(requireKey(), plaintext, boundTo));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    decrypt(blob, boundTo) {
      try {
        // Unbound blobs are readable only while an upgrade from before binding is under way.
        return Promise.resolve(open(blob, boundTo, previousKey !== undefined));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    reseal(blob, boundTo) {
      try {
        const current = requireKey();
        if (!isUnboundBlob(blob)) {
          try {
            openAesGcm(current, blob, boundTo);
            return Promise.resolve(undefined);
          } catch (error) {
            if (!previousKey) throw error;
          }
        }
        return Promise.resolve(sealAesGcm(current, open(blob, boundTo, true), boundTo));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
