import { spawn } from 'node:child_process';
import type { BenchSection } from '../../electron/cli/bench-sections';

/**
 * Sections for tests/integration/bench-sections.test.ts, each run in its own process by
 * tests/support/bench-sections-child.ts as `shomei bench --section N` runs the real ones.
 */
export const TEST_SECTIONS: BenchSection[] = [
  { name: 'prints its figure', run: async () => ['figure 1'], limitMs: 600_000 },
  {
    name: 'throws',
    run: async () => {
      throw new Error('the section threw');
    },
    limitMs: 600_000,
  },
  {
    // As the CLI start-up section did: an 'error' event nobody listens to, thrown outside its promise.
    name: 'crashes with an uncaught EPIPE',
    run: () =>
      new Promise(() => {
        // More than a pipe holds, to a child that exits without reading it: the write fails with EPIPE.
        const child = spawn(process.execPath, ['-e', '0'], { stdio: ['pipe', 'ignore', 'ignore'] });
        child.stdin.write(Buffer.alloc(8 * 1024 * 1024));
      }),
    limitMs: 600_000,
  },
  {
    // Never settles, and keeps a grandchild running that must not outlive it. Its limit leaves a
    // loaded machine time to start both processes before the section is stopped.
    name: 'hangs',
    run: () =>
      new Promise(() => {
        const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        process.stdout.write(`  grandchild ${child.pid}\n`);
      }),
    limitMs: 8_000,
  },
  { name: 'prints after the failures', run: async () => ['figure 2'], limitMs: 600_000 },
];
