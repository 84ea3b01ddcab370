import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core';
import { killLeftoverWriters, runWriterAndKill } from '../support/kill-writer';

const CHILD = resolve(import.meta.dirname, '../support/store-crash-child.ts');
const KILLS = 50;
const dirs: string[] = [];
afterAll(() => {
  killLeftoverWriters();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function runAndKill(dir: string, store: string): Promise<number> {
  return runWriterAndKill(CHILD, [dir, store], (line) => line === 'ready', { min: 5, spread: 40 });
}

/**
 * Every real store, not only the generic document store: a child process saving history entries,
 * credential profiles into the vault, or the open tabs (hot exit), is killed with SIGKILL at random moments 50 times; after
 * each kill the store opens cleanly and holds every save that completed — for the vault, each
 * profile still decrypts to exactly the keys that were saved.
 */
describe('crash safety of each store (SIGKILL at random moments)', () => {
  it.each(['history', 'credentials', 'session'])(
    `%s survives ${KILLS} kills with every completed save`,
    async (store) => {
      const dir = mkdtempSync(join(tmpdir(), `shomei-crash-${store}-`));
      dirs.push(dir);
      let survived = 0;
      for (let i = 0; i < KILLS; i += 1) {
        const lastSaved = await runAndKill(dir, store);
        const core = createCore({ host: 'test', version: 'check', dataDir: dir, saveDelayMs: 0 });
        expect(core.storeNotices(), `kill ${i + 1}: every store opens cleanly`).toEqual([]);
        if (store === 'history') {
          const newest = Number(/\/(\d+)$/.exec(core.history.list({ limit: 1 })[0]?.request.url ?? '')?.[1] ?? 0);
          expect(newest).toBeGreaterThanOrEqual(lastSaved);
        } else if (store === 'session') {
          // The open tabs (hot exit): the last tab saved before the kill, or a newer one; none
          // when the kill came before the first save.
          const tabs = core.session.read().tabs;
          expect(tabs.length).toBe(lastSaved === 0 && tabs.length === 0 ? 0 : 1);
          expect(Number(/\/(\d+)$/.exec(tabs[0]?.draft.url ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(lastSaved);
        } else {
          const profiles = await core.credentials.store.list();
          expect(profiles.length).toBeGreaterThanOrEqual(lastSaved);
          expect(profiles.filter((p) => p.problem)).toEqual([]);
          const last = core.credentials.store.findByName(`profile ${lastSaved}`);
          if (lastSaved > 0) {
            const opened = await core.credentials.store.readKeys(last?.id ?? '');
            expect(opened?.keys.secretAccessKey).toBe(`crashSecret/${lastSaved}/${'s'.repeat(24)}`);
          }
        }
        await core.close();
        survived += 1;
      }
      expect(survived).toBe(KILLS);
      expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    },
  );
});
