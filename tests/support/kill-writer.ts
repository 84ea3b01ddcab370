import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { resolve } from 'node:path';
import { compiledScript } from './compiled-script';

const ROOT = resolve(import.meta.dirname, '../..');
/** Writers started and not yet seen to exit: `killLeftoverWriters` ends them (a failed or timed-out test leaves one). */
const running = new Set<ChildProcess>();

/** Kills every writer still running, by its PID; for a test file's afterEach/afterAll. */
export function killLeftoverWriters(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }
  running.clear();
}

/**
 * Spawns a crash-test child: stdin is a pipe the parent never writes to, so the child
 * (tests/support/exit-with-parent.ts) ends when the test process dies; tracked until it exits.
 */
export function spawnCrashChild(script: string, args: string[]): ChildProcessByStdio<Writable, Readable, Readable> {
  const child = spawn(process.execPath, [compiledScript(script), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/**
 * Runs a writer script (TypeScript, bundled once: `node SCRIPT ...args`) that prints `saved N` after each save
 * has returned, SIGKILLs it at a random moment once `arm` says so, and resolves with the last save
 * it reported. Rejects if the writer ends by itself.
 */
export function runWriterAndKill(
  script: string,
  args: string[],
  arm: (line: string, lastSaved: number) => boolean,
  delay: { min: number; spread: number },
): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawnCrashChild(script, args);
    let lastSaved = 0;
    let buffer = '';
    let stderr = '';
    let isArmed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^saved (\d+)$/.exec(line);
        if (match) lastSaved = Number(match[1]);
        if (!isArmed && arm(line, lastSaved)) {
          isArmed = true;
          setTimeout(() => child.kill('SIGKILL'), delay.min + Math.floor(Math.random() * delay.spread));
        }
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? done(lastSaved) : fail(new Error(`the writer ended without being killed: ${stderr}`)),
    );
  });
}
