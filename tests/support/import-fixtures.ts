import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads a fixture from tests/fixtures/import. */
export function readImportFixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../fixtures/import', name), 'utf8');
}

/** Secrets that appear in the import fixtures and must never reach a saved or exported file. */
export const FIXTURE_SECRETS = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'FwoGZXIvYXdzEXAMPLETOKEN',
  'eyJhbGciOiJIUzI1NiJ9.secret',
  'k-live-0123456789abcdef',
];

/** Deterministic ids for imports in tests. */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
