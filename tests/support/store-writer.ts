// A child process for durability tests: opens a document store and saves in a loop, printing
// "saved N" after each save has returned. Usage: node --import tsx store-writer.ts DIR NAME [big]
import { z } from 'zod';
import { openDocumentStore } from '../../electron/core/storage/document-store';
import { exitWithParent } from './exit-with-parent';

const [dir, name, mode] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: store-writer DIR NAME [big|once-big]');
const store = openDocumentStore({
  dataDir: dir,
  name,
  schema: z.object({ counter: z.number(), padding: z.string() }),
  version: 1,
  defaults: () => ({ counter: 0, padding: '' }),
});

if (mode === 'once-big') {
  // Disk-full check: a small save, then one too large for the file-size limit the parent set.
  store.write({ counter: 1, padding: 'small' });
  process.stdout.write('saved 1\n');
  try {
    store.write({ counter: 2, padding: 'x'.repeat(64 * 1024) });
    process.stdout.write('saved 2\n');
  } catch (error) {
    process.stdout.write(`error ${(error as { code?: string }).code ?? '?'} ${(error as Error).message}\n`);
  }
} else {
  const nextTurn = exitWithParent();
  let counter = store.read().counter;
  const padding = mode === 'big' ? 'p'.repeat(200_000) : 'p'.repeat(2_000);
  for (;;) {
    counter += 1;
    store.write({ counter, padding });
    process.stdout.write(`saved ${counter}\n`);
    await nextTurn();
  }
}
