import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ShomeiError } from '../../../shared/errors';

/** Written before blobs were bound to what they belong to: no additional data. Read for migration only. */
const UNBOUND = 'v1';
/** Bound: the owner's id is the AES-GCM additional data, so a blob moved to another owner fails. */
const BOUND = 'v2';

const additionalData = (boundTo: string) => Buffer.from(`shomei:${boundTo}`, 'utf8');

/**
 * AES-256-GCM with a fresh random 12-byte nonce per value, bound to `boundTo` (a profile or value
 * id) through the additional data: `v2:<base64 nonce|ciphertext|tag>`.
 */
export function sealAesGcm(key: Buffer, plaintext: string, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${BOUND}:${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
}

/** True for a blob written before binding (`v1:`), which only a migration may open. */
export function isUnboundBlob(blob: string): boolean {
  return blob.startsWith(`${UNBOUND}:`);
}

/**
 * Opens a `sealAesGcm` blob bound to `boundTo`. An unbound `v1:` blob opens only when
 * `allowUnbound` (a migration from before binding). A tampered blob, a wrong key, or a blob bound
 * to another id is a `CREDENTIALS_INVALID` error.
 */
export function openAesGcm(key: Buffer, blob: string, boundTo: string, options: { allowUnbound?: boolean } = {}): string {
  const [version, payload] = blob.split(':', 2);
  const bytes = Buffer.from(payload ?? '', 'base64');
  const isBound = version === BOUND;
  if (!(isBound || (version === UNBOUND && options.allowUnbound === true)) || bytes.byteLength < 12 + 16) {
    throw new ShomeiError('CREDENTIALS_INVALID', 'A stored secret is damaged (unknown format)');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    if (isBound) decipher.setAAD(additionalData(boundTo));
    decipher.setAuthTag(bytes.subarray(bytes.byteLength - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.byteLength - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      'A stored secret could not be decrypted: it was changed or moved on disk, or the key is different',
    );
  }
}
