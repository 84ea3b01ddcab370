import { createHash, randomBytes } from 'node:crypto';
import { isUnboundBlob, openAesGcm, sealAesGcm } from './aes-gcm';
import type { SecretCipher } from './secret-cipher';

function cipherWithKey(key: Buffer, kind: SecretCipher['kind'], description: string): SecretCipher {
  const open = (blob: string, boundTo: string, allowUnbound: boolean): Promise<string> => {
    try {
      return Promise.resolve(openAesGcm(key, blob, boundTo, { allowUnbound }));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    kind,
    description,
    isReady: () => true,
    encrypt: (plaintext, boundTo) => Promise.resolve(sealAesGcm(key, plaintext, boundTo)),
    // Unbound blobs open only to be resealed; a bound one must match its owner.
    decrypt: (blob, boundTo) => open(blob, boundTo, false),
    async reseal(blob, boundTo) {
      if (!isUnboundBlob(blob)) return undefined;
      return sealAesGcm(key, await open(blob, boundTo, true), boundTo);
    },
  };
}

/**
 * For this session only: a random key that lives in memory, so saved secrets are unreadable after
 * a restart. Used where no real keychain exists and the user did not choose a passphrase.
 */
export function createSessionOnlyCipher(): SecretCipher {
  return cipherWithKey(randomBytes(32), 'session-only', 'Kept for this session only: saved secrets are forgotten when Shomei quits');
}

/** Tests only: a fixed key (still AES-256-GCM with random nonces), so files written in one run open in the next. */
export function createTestCipher(seed = 'shomei-test-cipher'): SecretCipher {
  return cipherWithKey(createHash('sha256').update(seed).digest(), 'test', 'Test cipher (fixed key) — never used by the app');
}
