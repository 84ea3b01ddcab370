import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project, so the bundle's bare imports (zod, @smithy/…) resolve to node_modules.
const OUT_DIR = join(ROOT, 'node_modules/.cache/shomei-test-scripts');
const compiled = new Map<string, string>();

/**
 * A child-process script (TypeScript) bundled once per test file into plain JavaScript that
 * `node SCRIPT` runs, so tests that start it 50 times measure what the child does, not 50
 * TypeScript compilations through tsx. Returns the path of the bundle.
 */
export function compiledScript(script: string): string {
  const known = compiled.get(script);
  if (known) return known;
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, `${basename(script, '.ts')}-${process.pid}.mjs`);
  buildSync({ entryPoints: [script], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'error' });
  compiled.set(script, outfile);
  return outfile;
}
