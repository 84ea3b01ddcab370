/**
 * An ES module standing in for `@aws-crypto/sha256-js` (not installed here) when generated
 * JavaScript is run: `new Sha256()` hashes, `new Sha256(secret)` is HMAC-SHA256, both by node:crypto.
 */
export const SHA256_SHIM_SOURCE = [
  "import { createHash, createHmac } from 'node:crypto';",
  'export class Sha256 {',
  "  constructor(secret) { this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret); }",
  '  update(data) { this.hash.update(data); }',
  '  async digest() { return new Uint8Array(this.hash.digest()); }',
  '}',
].join('\n');
