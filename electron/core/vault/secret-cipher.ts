/** How secrets are protected at rest in this host; shown to the user as-is. */
export type CipherKind = 'os-keychain' | 'passphrase' | 'session-only' | 'test';

/**
 * Encrypts and decrypts secret blobs. The host picks the implementation: Electron's
 * `safeStorage` (OS keychain), a passphrase vault (scrypt → AES-256-GCM), or a test cipher.
 * Implementations never log plaintext and never use a fixed IV or a machine-derived key.
 * Security: every blob is bound to `boundTo` — the id of what it belongs to (a credential profile,
 * a secret value) — so a blob copied or swapped into another entry fails to decrypt.
 */
export interface SecretCipher {
  readonly kind: CipherKind;
  /** One line for the UI, e.g. "Encrypted with the macOS Keychain". */
  readonly description: string;
  /** False while a passphrase vault is locked; encrypt/decrypt then throw `VAULT_LOCKED`-style errors. */
  isReady(): boolean;
  /** Returns an opaque printable blob (base64 or similar) that only `decrypt(blob, boundTo)` opens. */
  encrypt(plaintext: string, boundTo: string): Promise<string>;
  /** Throws a `CREDENTIALS_INVALID` ShomeiError when the blob was tampered with, the key is wrong, or it is bound to another id. */
  decrypt(blob: string, boundTo: string): Promise<string>;
  /**
   * Migration: a fresh blob for `blob` when it is in an older form (not yet bound, or sealed with
   * a key being replaced); undefined when it is current. Throws like `decrypt`.
   */
  reseal(blob: string, boundTo: string): Promise<string | undefined>;
}

/** Blob owners that migrate their blobs with `SecretCipher.reseal` (credential profiles, secret values). */
export interface ResealsBlobs {
  /** Reseals every blob in an older form and writes them; blobs that cannot be opened are left as they are. */
  resealAll(): Promise<void>;
}
