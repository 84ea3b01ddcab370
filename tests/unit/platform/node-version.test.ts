import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const numbers = (version: string) => version.replace(/^[^\d]*/, '').split('.').map(Number);

describe('the Node the tests run on', () => {
  it("satisfies package.json's engines.node (npm scripts run node_modules/.bin/node, the npm package node)", () => {
    const [minMajor = 0, minMinor = 0] = numbers(pkg.engines.node);
    const [major = 0, minor = 0] = numbers(process.version);
    expect(pkg.engines.node).toMatch(/^>=\d+\.\d+$/);
    expect(major > minMajor || (major === minMajor && minor >= minMinor), `${process.version} at ${process.execPath}`).toBe(true);
  });

  // SHOMEI_ANY_NODE=1 runs the tests on another supported Node on purpose (say 22.12).
  it.skipIf(process.env.SHOMEI_ANY_NODE === '1')('is the major version the project brings', () => {
    const [wanted] = numbers(pkg.devDependencies.node ?? '');
    expect(numbers(process.version)[0], `${process.version} at ${process.execPath}`).toBe(wanted);
  });
});
