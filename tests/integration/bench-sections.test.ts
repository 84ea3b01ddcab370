import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSections } from '../../electron/cli/bench-sections';
import { compiledScript } from '../support/compiled-script';
import { TEST_SECTIONS } from '../support/bench-test-sections';

const CHILD = compiledScript(resolve(import.meta.dirname, '../support/bench-sections-child.ts'));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run bench runs each section in a process of its own', () => {
  it('reports a section that throws, crashes or hangs under its heading, runs the rest, and names the failed ones', async () => {
    const printed: string[] = [];
    const failed = await runSections(
      TEST_SECTIONS,
      (index) => [CHILD, String(index)],
      (line) => printed.push(line),
    );
    expect(failed).toEqual(['throws', 'crashes with an uncaught EPIPE', 'hangs']);
    const under = (heading: string) => {
      const at = printed.indexOf(heading);
      const next = printed.findIndex((line, index) => index > at && !line.startsWith('  '));
      return printed.slice(at + 1, next);
    };
    expect(under('prints its figure')).toEqual(['  figure 1']);
    expect(under('throws')[0]).toBe('  FAILED: exited with code 1');
    expect(under('throws').join('\n')).toContain('the section threw');
    expect(under('crashes with an uncaught EPIPE')[0]).toBe('  FAILED: exited with code 1');
    expect(under('crashes with an uncaught EPIPE').join('\n')).toContain('EPIPE');
    expect(under('hangs')).toContainEqual('  FAILED: did not finish within 8 s and was stopped');
    expect(under('prints after the failures')).toEqual(['  figure 2']);
    expect(printed.at(-1)).toBe('bench: 3 of 5 sections FAILED: throws; crashes with an uncaught EPIPE; hangs');
    // What the hung section started was stopped with it.
    const grandchild = Number(/grandchild (\d+)/.exec(under('hangs').join('\n'))?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    await expect.poll(() => isRunning(grandchild)).toBe(false);
  });

  it('says all ran when none failed', async () => {
    const printed: string[] = [];
    const chosen = [0, 4];
    const sections = TEST_SECTIONS.filter((_, index) => chosen.includes(index));
    const failed = await runSections(
      sections,
      (index) => [CHILD, String(chosen[index])],
      (line) => printed.push(line),
    );
    expect(failed).toEqual([]);
    expect(printed).toEqual([
      'prints its figure',
      '  figure 1',
      'prints after the failures',
      '  figure 2',
      'bench: all 2 sections ran',
    ]);
  });
});
