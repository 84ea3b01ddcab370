import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
let home: ReturnType<typeof makeTempDir> | undefined;
/** Browser mode's own process, the launcher's child: stopped here if a failing test left it running. */
let browserModePid: number | undefined;

afterEach(() => {
  if (browserModePid !== undefined) {
    try {
      process.kill(browserModePid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  browserModePid = undefined;
  home?.remove();
  home = undefined;
});

/** Answers 'refused' when nothing listens on the port any more, else the HTTP status. */
function probe(port: number): Promise<number | 'refused'> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : 0));
    req.end();
  });
}

// `npm start` (without an Electron binary) and `npm run web` start browser mode through
// electron/cli/browser-mode.mjs, a launcher that runs `shomei web` in a child Node with its flags.
describe('the browser-mode launcher', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'passes a %s sent to it alone on to browser mode, which stops gracefully before the launcher exits',
    async (signal) => {
      home = makeTempDir('shomei-launcher-');
      const launcher = spawn(
        process.execPath,
        [join(ROOT, 'electron/cli/browser-mode.mjs'), '--port', '0', '--data-dir', join(home.dir, 'data')],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = new Promise<number | null>((done) => launcher.once('exit', (code) => done(code)));
      const port = await new Promise<number>((done, fail) => {
        createInterface({ input: launcher.stdout }).on('line', (line) => {
          const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
          if (match?.[1]) done(Number(match[1]));
        });
        void exited.then((code) => fail(new Error(`the launcher exited with ${code} before browser mode ran`)));
      });
      expect(await probe(port)).not.toBe('refused');
      browserModePid = Number(
        execFileSync('ps', ['-o', 'pid=', '--ppid', String(launcher.pid)], { encoding: 'utf8' }).trim(),
      );

      launcher.kill(signal);
      // Browser mode wrote its edits and closed (exit 0), and only then did the launcher exit: its
      // port is closed. A launcher that died alone would leave browser mode serving, reparented.
      expect(await exited).toBe(0);
      expect(await probe(port)).toBe('refused');
    },
  );
});
