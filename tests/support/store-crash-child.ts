// A child process for crash-safety tests of the real stores: saves in a loop through the core and
// prints `saved N` after each save has returned. Killed with SIGKILL by
// tests/security/store-crash-each.test.ts. Usage: node --import tsx store-crash-child.ts DIR history|credentials
import { createCore } from '../../electron/core/create-core';

const [dataDir, store] = process.argv.slice(2);
if (!dataDir || (store !== 'history' && store !== 'credentials')) throw new Error('usage: store-crash-child DIR history|credentials');
const core = createCore({ host: 'test', version: 'crash', dataDir, saveDelayMs: 0 });

/** Keys for save number n: the test checks each one decrypts back to exactly these. */
function keysFor(n: number) {
  return { accessKeyId: `AKIACRASH${String(n).padStart(11, '0')}`, secretAccessKey: `crashSecret/${n}/${'s'.repeat(24)}` };
}

let n = store === 'history' ? Number(/\/(\d+)$/.exec(core.history.list({ limit: 1 })[0]?.request.url ?? '')?.[1] ?? 0) : (await core.credentials.store.list()).length;
process.stdout.write('ready\n');
for (;;) {
  n += 1;
  if (store === 'history') {
    core.history.record({
      request: { method: 'GET', url: `https://api.test/items/${n}`, headers: [], body: { kind: 'none' }, auth: { type: 'none' } } as never,
      response: { status: 200, statusText: 'OK', durationMs: 1, sizeBytes: 2 },
    });
    core.flush();
  } else {
    await core.credentials.save({ name: `profile ${n}`, keys: keysFor(n) });
  }
  process.stdout.write(`saved ${n}\n`);
}
