import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDocumentStore } from '../../electron/core/storage/document-store';
import { compiledScript } from '../support/compiled-script';
import { killLeftoverWriters, runWriterAndKill } from '../support/kill-writer';

const WRITER = resolve(import.meta.dirname, '../support/store-writer.ts');
const ROOT = resolve(import.meta.dirname, '../..');
const KILLS = 50;
const dirs: string[] = [];
afterAll(() => {
  killLeftoverWriters();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shomei-durable-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string, name: string) {
  return openDocumentStore({
    dataDir: dir,
    name,
    schema: z.object({ counter: z.number(), padding: z.string() }),
    version: 1,
    defaults: () => ({ counter: 0, padding: '' }),
  });
}

/** Runs the writer until it has reported at least one save, then SIGKILLs it after a random delay. */
function runAndKill(dir: string, name: string, mode: string): Promise<number> {
  return runWriterAndKill(WRITER, [dir, name, mode], (_line, lastSaved) => lastSaved > 0, { min: 0, spread: 40 });
}

describe('crash safety: a writer killed with SIGKILL at random moments never loses a completed save', () => {
  it.each([
    ['small documents', 'small'],
    ['large documents (200 KB)', 'big'],
  ])(
    `%s, ${KILLS / 2} kills`,
    async (_label, mode) => {
      const dir = freshDir();
      let survived = 0;
      for (let i = 0; i < KILLS / 2; i += 1) {
        const lastSaved = await runAndKill(dir, 'store', mode);
        const store = open(dir, 'store');
        expect(store.notice, `kill ${i + 1}: the store must open cleanly`).toBeUndefined();
        // The save that returned is on disk; one more may have landed before the kill.
        expect(store.read().counter).toBeGreaterThanOrEqual(lastSaved);
        expect(store.read().counter).toBeLessThanOrEqual(lastSaved + 1);
        survived += 1;
      }
      expect(survived).toBe(KILLS / 2);
      // Interrupted writes leave at most a temp file, which the next open removes; never a damaged store.
      expect(readdirSync(dir).filter((f) => f.includes('corrupt') || f.endsWith('.tmp'))).toEqual([]);
    },
  );
});

describe('a full disk', () => {
  it('gives a clear error and keeps the previous file intact (file-size limit via ulimit)', () => {
    const dir = freshDir();
    // RLIMIT_FSIZE makes write() fail with EFBIG past 8 KiB, as a full disk fails with ENOSPC.
    const result = spawnSync(
      'bash',
      ['-c', `ulimit -f 8; trap '' XFSZ; exec "${process.execPath}" "${compiledScript(WRITER)}" "${dir}" store once-big`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toContain('saved 1');
    expect(result.stdout).toMatch(
      /error STORAGE_ERROR Could not save store \(the disk is full or a size limit was reached\); the previous version is kept/,
    );
    expect(result.stdout).not.toContain('saved 2');
    const store = open(dir, 'store');
    expect(store.notice).toBeUndefined();
    expect(store.read()).toEqual({ counter: 1, padding: 'small' });
    expect(JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
