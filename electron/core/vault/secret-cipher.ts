/** How secrets are protected at rest in this host; shown to the user as-is. */
export type CipherKind = 'os-keychain' | 'passphrase' | 'session-only' | 'test';

/**
 * Encrypts and decrypts secret blobs. The host picks the implementation: Electron's
 * `safeStorage` (OS keychain), a passphrase vault (scrypt → AES-256-GCM), or a test cipher.
 * Implementations never log plaintext and never use a fixed IV or a machine-derived key.
 */
export interface SecretCipher {
  readonly kind: CipherKind;
  /** One line for the UI, e.g. "Encrypted with the macOS Keychain". */
  readonly description: string;
  /** False while a passphrase vault is locked; encrypt/decrypt then throw `VAULT_LOCKED`-style errors. */
  isReady(): boolean;
  /** Returns an opaque printable blob (base64 or similar). */
  encrypt(plaintext: string): Promise<string>;
  /** Throws a `CREDENTIALS_INVALID` ShomeiError when the blob was tampered with or the key is wrong. */
  decrypt(blob: string): Promise<string>;
}
