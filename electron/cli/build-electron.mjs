// Bundles the Electron host: main (ESM, dependencies left to node_modules) and the sandboxed
// preload (CommonJS, self-contained: a sandboxed preload can require only `electron`).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist-electron/main.js',
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
  minify: true,
  external: ['electron'],
});
console.log('Built dist-electron/main.js and dist-electron/preload.cjs');
