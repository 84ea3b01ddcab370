import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollectionsService } from '../../electron/core/collections/collections-service';
import { openWorkspaceStore } from '../../electron/core/collections/workspace-store';
import { killLeftoverWriters, spawnCrashChild } from '../support/kill-writer';
import { makeTempDir } from '../support/temp-dir';

const CHILD = resolve(import.meta.dirname, '../support/collections-crash-child.ts');

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('shomei-crash-');
});
afterEach(() => {
  killLeftoverWriters();
  temp.remove();
});

/** Runs the child until a random moment after it is ready, kills it with SIGKILL, returns the last save it reported. */
function runAndKill(dataDir: string, delayMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawnCrashChild(CHILD, [dataDir]);
    let out = '';
    let err = '';
    let isReady = false;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!isReady && out.includes('ready\n')) {
        isReady = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`child exited on its own: ${err}`));
      // Only whole lines count: a line cut by the kill was not reported.
      const saves = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
      done(saves.at(-1) ?? 0);
    });
  });
}

describe('crash safety of collection saves', () => {
  it('holds every completed save after 50 SIGKILLs at random moments', async () => {
    let lastReported = 0;
    for (let round = 0; round < 50; round += 1) {
      const reported = await runAndKill(temp.dir, Math.floor(Math.random() * 60));
      lastReported = Math.max(lastReported, reported);
      const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
      expect(workspace.notice, `round ${round}: the store was quarantined`).toBeUndefined();
      const service = createCollectionsService({ workspace });
      const items = service.list()[0]?.items ?? [];
      const names = new Set(items.map((i) => i.name));
      for (let n = 1; n <= lastReported; n += 1)
        expect(names.has(`request ${n}`), `round ${round}: save ${n} was lost`).toBe(true);
      // Saves are in order, with no gaps and no duplicates.
      expect(items.map((i) => i.name)).toEqual(items.map((_, k) => `request ${k + 1}`));
    }
    expect(lastReported).toBeGreaterThan(0);
    expect(readdirSync(temp.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('quarantines a corrupt workspace file, reports it, and starts with what it can', () => {
    const first = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
    createCollectionsService({ workspace: first }).createCollection({ name: 'Kept?' });
    const path = first.path;
    // Damage the file the way a torn write on a bad disk would.
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 40));
    const reopened = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
    expect(reopened.notice).toMatchObject({ store: 'workspace', reason: expect.stringMatching(/not valid JSON/) });
    expect(readdirSync(temp.dir).some((f) => /^workspace\.corrupt-.*\.json$/.test(f))).toBe(true);
    const service = createCollectionsService({ workspace: reopened });
    expect(service.list()).toEqual([]);
    service.createCollection({ name: 'After' });
    expect(
      createCollectionsService({ workspace: openWorkspaceStore({ dataDir: temp.dir }) })
        .list()
        .map((c) => c.name),
    ).toEqual(['After']);
  });
});
