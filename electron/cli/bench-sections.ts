import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';

/** One part of `npm run bench`: its heading, the lines it prints under it, and how long it may take. */
export interface BenchSection {
  name: string;
  run: () => Promise<string[]>;
  /** The section is stopped and reported as failed after this long (a hang guard, not a figure). */
  limitMs: number;
}

/** How one section ended: its lines came out and it exited 0, or why not. */
export type SectionOutcome = { ok: true } | { ok: false; reason: string };

/** Where a section's process is started from: `node ...args(index)`. */
export type SectionCommand = (index: number) => string[];

/** How long a stopped section gets to close its browser and servers before it is killed. */
const GRACE_MS = 5_000;

/**
 * In a section's own process: runs it, prints its lines, indented, and exits (1 when it threw), so a
 * handle it left open (a keep-alive socket, a timer) cannot keep the bench waiting. The process
 * also ends when the bench that started it does: its stdin is a pipe the bench never writes, which
 * reaches its end when the bench is gone.
 */
export async function runSectionHere(section: BenchSection): Promise<never> {
  process.exit(await runSection(section));
}

async function runSection(section: BenchSection): Promise<number> {
  const benchGone = () => process.exit(3);
  process.stdin.on('end', benchGone);
  process.stdin.on('error', benchGone);
  process.stdout.on('error', benchGone);
  process.stdin.resume();
  (process.stdin as Partial<Socket>).unref?.();
  try {
    for (const line of await section.run()) process.stdout.write(`  ${line}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/**
 * Runs one section in a process of its own (`node ...command`), passing its lines to `print` as they
 * come. A section that throws, crashes (an uncaught EPIPE, an out-of-memory abort) or outlives its
 * limit is reported with the end of its stderr; its process group is stopped (SIGTERM, then SIGKILL)
 * so a browser or server it started does not outlive it.
 */
export function runSectionApart(
  command: string[],
  limitMs: number,
  print: (line: string) => void,
): Promise<SectionOutcome> {
  return new Promise((done) => {
    // Its own process group, so stopping it stops what it spawned (Chromium, shomei web, newman).
    const child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let overLimit = false;
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    // If the bench itself ends (Ctrl-C, a kill), the section's group ends with it.
    const killOnExit = () => stopGroup('SIGKILL');
    const killOnSignal = (signal: NodeJS.Signals) => {
      stopGroup('SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('exit', killOnExit);
    process.once('SIGINT', killOnSignal);
    process.once('SIGTERM', killOnSignal);
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    createInterface({ input: child.stdout }).on('line', print);
    // Never written: the section sees its end if this process dies (runSectionHere).
    child.stdin.on('error', () => undefined);
    let killTimer: NodeJS.Timeout | undefined;
    const limitTimer = setTimeout(() => {
      overLimit = true;
      stopGroup('SIGTERM');
      killTimer = setTimeout(() => stopGroup('SIGKILL'), GRACE_MS);
    }, limitMs);
    child.on('error', (error) => (stderr += `\n${error.message}`));
    // Whatever it left running in its group goes with it (and lets go of the pipes, so 'close' comes).
    child.on('exit', () => stopGroup('SIGKILL'));
    child.on('close', (code, signal) => {
      clearTimeout(limitTimer);
      clearTimeout(killTimer);
      process.removeListener('exit', killOnExit);
      process.removeListener('SIGINT', killOnSignal);
      process.removeListener('SIGTERM', killOnSignal);
      const tail = stderr.trim().split('\n').slice(-12).join('\n');
      if (overLimit)
        done({
          ok: false,
          reason: `did not finish within ${Math.round(limitMs / 1000)} s and was stopped${tail ? `\n${tail}` : ''}`,
        });
      else if (code === 0) done({ ok: true });
      else
        done({
          ok: false,
          reason: `${signal ? `ended by ${signal}` : `exited with code ${code}`}${tail ? `\n${tail}` : ''}`,
        });
    });
  });
}

/**
 * Runs every section, each in its own process, one after another: a section that fails is reported
 * under its heading and the rest still run. Returns the names of those that failed.
 */
export async function runSections(
  sections: ReadonlyArray<Pick<BenchSection, 'name' | 'limitMs'>>,
  command: SectionCommand,
  print: (line: string) => void,
): Promise<string[]> {
  const failed: string[] = [];
  for (const [index, section] of sections.entries()) {
    print(section.name);
    const outcome = await runSectionApart(command(index), section.limitMs, print);
    if (outcome.ok) continue;
    failed.push(section.name);
    for (const line of `FAILED: ${outcome.reason}`.split('\n')) print(`  ${line}`);
  }
  print(
    failed.length === 0
      ? `bench: ${sections.length === 1 ? 'its one section' : `all ${sections.length} sections`} ran`
      : `bench: ${failed.length} of ${sections.length} sections FAILED: ${failed.join('; ')}`,
  );
  return failed;
}
