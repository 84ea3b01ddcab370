// `npm start`: build, then open the desktop app; where the Electron binary cannot be obtained,
// say so in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { startBrowserMode } from './browser-mode.mjs';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined);
  const present = binary();
  if (present && existsSync(present)) return present;
  // electron ≥ 45.4.1 installs without downloading; fetch the binary now, once.
  const fetched = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: 'pipe', timeout: 300_000 });
  const after = binary();
  return fetched.status === 0 && after && existsSync(after) ? after : undefined;
}

const fromProject = process.execPath.startsWith(join(root, 'node_modules'));
console.log(`Shomei runs on Node ${process.version}${fromProject ? ', the project\'s own (npm package node, node_modules/.bin/node)' : ` (${process.execPath})`}.`);
run([join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run([join(root, 'electron/cli/build-electron.mjs')]);
// The compiled CLI, for browser mode below (bin.mjs falls back to the TypeScript without it).
run([join(root, 'electron/cli/build-cli.mjs'), '--if-possible']);

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary could not be downloaded here, so Shomei starts in browser mode instead:');
  startBrowserMode(process.argv.slice(2));
}
