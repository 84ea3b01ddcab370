// A child process for crash-safety tests of the real stores: saves in a loop through the core and
// prints `saved N` after each save has returned. Killed with SIGKILL by
// tests/security/store-crash-each.test.ts. Usage: node --import tsx store-crash-child.ts DIR history|credentials|session
import { createCore } from '../../electron/core/create-core';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { exitWithParent } from './exit-with-parent';
import { session } from './session-fixture';

const nextTurn = exitWithParent();

const [dataDir, store] = process.argv.slice(2);
if (!dataDir || (store !== 'history' && store !== 'credentials' && store !== 'session'))
  throw new Error('usage: store-crash-child DIR history|credentials|session');
const core = createCore({ host: 'test', version: 'crash', dataDir, saveDelayMs: 0 });

/** Keys for save number n: the test checks each one decrypts back to exactly these. */
function keysFor(n: number) {
  return { accessKeyId: `AKIACRASH${String(n).padStart(11, '0')}`, secretAccessKey: `crashSecret/${n}/${'s'.repeat(24)}` };
}


let n =
  store === 'history'
    ? Number(/\/(\d+)$/.exec(core.history.list({ limit: 1 })[0]?.request.url ?? '')?.[1] ?? 0)
    : store === 'session'
      ? Number(/\/(\d+)$/.exec(core.session.read().tabs[0]?.draft.url ?? '')?.[1] ?? 0)
      : (await core.credentials.store.list()).length;
process.stdout.write('ready\n');
for (;;) {
  n += 1;
  if (store === 'history') {
    core.history.record({
      request: RequestDraftSchema.parse({ name: 'r', method: 'GET', url: `https://api.test/items/${n}` }),
      auth: { type: 'none' },
      response: { status: 200, statusText: 'OK', durationMs: 1, sizeBytes: 2 },
    });
    core.flush();
  } else if (store === 'session') {
    // A tab typed into, as the window saves it every few hundred ms.
    const [tab] = session.tabs;
    if (!tab) throw new Error('the fixture has a tab');
    core.session.save({ ...session, tabs: [{ ...tab, draft: { ...tab.draft, url: `https://api.test/items/${n}` } }] });
  } else {
    await core.credentials.save({ name: `profile ${n}`, keys: keysFor(n) });
  }
  process.stdout.write(`saved ${n}\n`);
  await nextTurn();
}
