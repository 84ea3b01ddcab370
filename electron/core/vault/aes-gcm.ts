import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ShomeiError } from '../../../shared/errors';

const VERSION = 'v1';

/** AES-256-GCM with a fresh random 12-byte nonce per value: `v1:<base64 nonce|ciphertext|tag>`. */
export function sealAesGcm(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
}

/** Opens a `sealAesGcm` blob; a tampered blob or a wrong key is a `CREDENTIALS_INVALID` error. */
export function openAesGcm(key: Buffer, blob: string): string {
  const [version, payload] = blob.split(':', 2);
  const bytes = Buffer.from(payload ?? '', 'base64');
  if (version !== VERSION || bytes.byteLength < 12 + 16) {
    throw new ShomeiError('CREDENTIALS_INVALID', 'A stored secret is damaged (unknown format)');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.byteLength - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.byteLength - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new ShomeiError('CREDENTIALS_INVALID', 'A stored secret could not be decrypted: it was changed on disk, or the key is different');
  }
}
