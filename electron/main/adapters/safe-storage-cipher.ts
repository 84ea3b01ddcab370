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
 * falls back to the passphrase vault and says so (`vault:status`), instead of pretending.
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
  const seal = async (plaintext: string, boundTo: string): Promise<string> =>
    `${BOUND}${(await safeStorage.encryptStringAsync(JSON.stringify({ boundTo, value: plaintext }))).toString('base64')}`;
  const open = async (blob: string, boundTo: string, allowUnbound: boolean): Promise<string> => {
    const isBound = blob.startsWith(BOUND);
    if (!isBound && !allowUnbound) throw damaged();
    let text: string;
    try {
      text = (await safeStorage.decryptStringAsync(Buffer.from(isBound ? blob.slice(BOUND.length) : blob, 'base64'))).result;
    } catch {
      throw damaged();
    }
    if (!isBound) return text;
    // Security: safeStorage has no additional data, so the owner's id travels inside the sealed
    // text and must match: a blob swapped into another profile is refused.
    const envelope = JSON.parse(text) as { boundTo?: unknown; value?: unknown };
    if (envelope.boundTo !== boundTo || typeof envelope.value !== 'string') throw damaged();
    return envelope.value;
  };
  return {
    kind: 'os-keychain',
    description: description ?? 'Encrypted with the operating system keychain',
    isReady: () => true,
    encrypt: seal,
    decrypt: (blob, boundTo) => open(blob, boundTo, false),
    async reseal(blob, boundTo) {
      // Blobs written before binding (no prefix) are opened once, at start, and sealed bound.
      if (blob.startsWith(BOUND)) return undefined;
      return seal(await open(blob, boundTo, true), boundTo);
    },
  };
}

/** Prefix of blobs whose sealed text names their owner; older blobs have none. */
const BOUND = 'k2:';

const damaged = () =>
  new ShomeiError('CREDENTIALS_INVALID', 'A stored secret could not be decrypted (it was changed or moved, or the keychain key is different)');
