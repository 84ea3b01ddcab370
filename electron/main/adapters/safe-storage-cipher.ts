import { safeStorage } from 'electron';
import { ShomeiError } from '../../../shared/errors';
import type { SecretCipher } from '../../core/vault/secret-cipher';

const DESCRIPTIONS: Record<string, string> = {
  darwin: 'Encrypted with a key kept in the macOS Keychain',
  win32: 'Encrypted with Windows DPAPI for your user account',
  gnome_libsecret: 'Encrypted with a key kept in the Secret Service (GNOME Keyring / KWallet via libsecret)',
  kwallet: 'Encrypted with a key kept in KWallet',
  kwallet5: 'Encrypted with a key kept in KWallet 5',
  kwallet6: 'Encrypted with a key kept in KWallet 6',
};

/**
 * A `SecretCipher` over Electron's `safeStorage` (async API). Returns undefined when the OS
 * offers no real keychain — on Linux the `basic_text` backend uses a hard-coded key — so the host
 * can fall back to a passphrase vault or session-only keys and say so, instead of pretending.
 */
export async function createSafeStorageCipher(): Promise<SecretCipher | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  let description = DESCRIPTIONS[process.platform];
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    // Security: basic_text is obfuscation with a fixed key, not encryption.
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
    description = DESCRIPTIONS[backend];
  }
  return {
    kind: 'os-keychain',
    description: description ?? 'Encrypted with the operating system keychain',
    isReady: () => true,
    async encrypt(plaintext) {
      return (await safeStorage.encryptStringAsync(plaintext)).toString('base64');
    },
    async decrypt(blob) {
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
        return result;
      } catch {
        throw new ShomeiError('CREDENTIALS_INVALID', 'A stored secret could not be decrypted (it was changed, or the keychain key is different)');
      }
    },
  };
}
