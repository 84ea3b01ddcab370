import type { Socket } from 'node:net';

/**
 * For a crash-test child: ends this process once the test process that spawned it is gone, so a
 * child whose test run was killed does not spin on for hours. The parent spawns it with stdin a
 * pipe it never writes to; when the parent dies the pipe reaches its end. The child's save loop
 * awaits the returned `nextTurn()` between saves, which lets that end be seen (the saves themselves
 * are synchronous and would never yield). stdin does not keep the process alive by itself.
 */
export function exitWithParent(): () => Promise<void> {
  const parentGone = () => process.exit(3);
  process.stdin.on('end', parentGone);
  process.stdin.on('close', parentGone);
  process.stdin.on('error', parentGone);
  // Its stdout, a pipe to the parent too, then fails with EPIPE: also the parent's end, not a crash.
  process.stdout.on('error', parentGone);
  process.stdin.resume();
  (process.stdin as Partial<Socket>).unref?.();
  return () => new Promise((resolve) => setImmediate(resolve));
}
