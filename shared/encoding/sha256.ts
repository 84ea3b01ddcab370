import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Hex SHA-256 of a string's UTF-8 bytes (or of bytes), synchronously, in the browser and in Node
 * alike — Web Crypto's digest is async and `node:crypto` is missing in the renderer. Main's signer
 * hashes with `node:crypto` instead (`electron/core/signing/node-sha256.ts`), which is faster for
 * large bodies; both are FIPS 180-4 and give the same digest.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}
