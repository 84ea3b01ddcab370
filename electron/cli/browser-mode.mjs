// Browser mode's own Node process: the V8 flags it runs with, and how `npm start` (where the
// Electron binary cannot be had) and `npm run web` start it. `npm run bench`'s send path measures
// with the same flags.
//   node electron/cli/browser-mode.mjs [shomei web options]
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * V8's young generation bounded at 32 MiB (two 16 MiB semi-spaces). At V8's default it doubles to
 * 64, then 128 MiB as a long-lived server's objects survive, which is RSS that never comes back.
 */
export const BROWSER_MODE_NODE_FLAGS = ['--max-semi-space-size=16'];

/** Starts `shomei web` with `args` in a Node process with those flags, and exits with its code. */
export function startBrowserMode(args) {
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, [...BROWSER_MODE_NODE_FLAGS, join(root, 'electron/cli/bin.mjs'), 'web', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Ctrl+C reaches the whole process group, browser mode with it. A SIGTERM or SIGHUP sent to this
  // launcher alone is passed on as SIGTERM (browser mode writes pending edits, then exits), so
  // browser mode never outlives it.
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill('SIGTERM'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) startBrowserMode(process.argv.slice(2));
