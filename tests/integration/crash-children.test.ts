import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledScript } from '../support/compiled-script';
import { makeTempDir } from '../support/temp-dir';

// The crash-safety children (store-crash-child, collections-crash-child, store-writer) save in a
// loop until killed. One was once orphaned when its test run was killed, and spun for hours: each
// now ends when the process that spawned it dies (tests/support/exit-with-parent.ts).
const CHILDREN = [
  ['store-crash-child', ['history']],
  ['store-crash-child', ['credentials']],
  ['collections-crash-child', []],
  ['store-writer', ['store']],
] as const;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const temps: Array<ReturnType<typeof makeTempDir>> = [];
const started: number[] = [];
const parents: ChildProcess[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const parent of parents.splice(0)) if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
  for (const temp of temps.splice(0)) temp.remove();
});

describe('a crash-test child whose parent dies', () => {
  it.each(CHILDREN)('%s %s ends by itself', async (name, args) => {
    const temp = makeTempDir('shomei-orphan-');
    temps.push(temp);
    const script = compiledScript(resolve(import.meta.dirname, `../support/${name}.ts`));
    // A stand-in for the test process: spawns the child as the tests do (stdin a pipe), says its
    // PID once the child is saving, then is killed with SIGKILL, as a killed test run would be.
    const parentScript = `
      const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([script, temp.dir, ...args])}, { stdio: ['pipe', 'pipe', 'inherit'] });
      child.stdout.once('data', () => console.log(child.pid));
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    parents.push(parent);
    const line = await new Promise<string>((done) => createInterface({ input: parent.stdout }).once('line', done));
    const pid = Number(line);
    started.push(pid);
    expect(isAlive(pid)).toBe(true);

    parent.kill('SIGKILL');
    await expect.poll(() => isAlive(pid)).toBe(false);
  });
});
