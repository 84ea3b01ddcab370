// Saves requests into a collection in a loop, printing `saved N` after each save completed (the
// flush returned). Run by tests/unit/core/collections/crash-safety.test.ts, which kills it with SIGKILL.
import { createCollectionsService } from '../../electron/core/collections/collections-service';
import { openWorkspaceStore } from '../../electron/core/collections/workspace-store';
import { exitWithParent } from './exit-with-parent';

const nextTurn = exitWithParent();

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: collections-crash-child.ts DATA_DIR');
const workspace = openWorkspaceStore({ dataDir, saveDelayMs: 2 });
const service = createCollectionsService({ workspace });
const collection = service.list()[0] ?? service.createCollection({ name: 'Crash test' });
let n = service.getCollection(collection.id).items.length;
process.stdout.write('ready\n');
for (;;) {
  n += 1;
  service.createRequest({
    collectionId: collection.id,
    request: {
      name: `request ${n}`,
      method: 'POST',
      url: `https://api.test/items/${n}`,
      body: { kind: 'text', language: 'json', text: `{"n":${n},"pad":"${'x'.repeat(n % 200)}"}` },
    },
  });
  service.flush();
  process.stdout.write(`saved ${n}\n`);
  await nextTurn();
}
