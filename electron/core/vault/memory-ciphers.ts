import { createHash, randomBytes } from 'node:crypto';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import type { SecretCipher } from './secret-cipher';

function cipherWithKey(key: Buffer, kind: SecretCipher['kind'], description: string): SecretCipher {
  return {
    kind,
    description,
    isReady: () => true,
    encrypt: (plaintext) => Promise.resolve(sealAesGcm(key, plaintext)),
    decrypt: (blob) => {
      try {
        return Promise.resolve(openAesGcm(key, blob));
      } catch (error) {
        return Promise.reject(error);
      }
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
