import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The codebase rules of the split issue, enforced: "no source file over 400 lines without a
// comment saying why" and "one component per file". The source is every top-level folder of the
// repository but the tests, dependencies and build output (so a new source folder is checked
// without being listed here), and the configuration files at the top.

const ROOT = resolve(import.meta.dirname, '../../..');
const MAX_LINES = 400;
/** Where a long file has to say why: a comment beginning with this in its first 30 lines. */
const REASON_WITHIN_LINES = 30;
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
/** Top-level folders that are not source: tests, dependencies, build and release output, git's own. */
const NOT_SOURCE = /^(?:tests|node_modules|dist.*|release|coverage|\.tmp|\.git)$/;

/** Paths (relative to the repository, `/`-separated) of every source file on disk, sorted. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        files.push(relative(ROOT, path).split('\\').join('/'));
      }
    }
  };
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (NOT_SOURCE.test(entry.name)) continue;
    if (entry.isDirectory()) walk(join(ROOT, entry.name));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name)) files.push(entry.name);
  }
  return files.sort();
}

/** The number of lines, as `wc -l` counts them for a file that ends with a line break. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Whether the file's first 30 lines hold a comment `Over 400 lines because <reason>`. */
function saysWhyItIsLong(text: string): boolean {
  return text
    .split('\n')
    .slice(0, REASON_WITHIN_LINES)
    .some((line) => /^\s*(?:\/\/+|\/\*+|\*)\s*Over 400 lines because\s+\S.{9,}/.test(line));
}

/** A length problem in words, or undefined when the file keeps the rule. */
function lengthProblem(text: string): string | undefined {
  const lines = lineCount(text);
  if (lines <= MAX_LINES || saysWhyItIsLong(text)) return undefined;
  return `${lines} lines, ${lines - MAX_LINES} over ${MAX_LINES} (split it, or say why in a comment "Over 400 lines because …" in its first ${REASON_WITHIN_LINES} lines)`;
}

/**
 * The React components a .tsx file defines at its top level: `function Xxx(` or `const Xxx = (`
 * (exported or not, generic or typed) with a PascalCase name. Lower-case helpers and SCREAMING_SNAKE
 * constants are not components.
 */
function topLevelComponents(text: string): string[] {
  const name = String.raw`([A-Z](?=\w*[a-z])\w*)`;
  const declarations = [
    new RegExp(String.raw`^(?:export\s+(?:default\s+)?)?function\s+${name}\s*[<(]`),
    new RegExp(String.raw`^(?:export\s+)?const\s+${name}\s*(?::(?:[^=]|=>)+)?=\s*(?:<.*?>\s*)?\(`),
  ];
  return text.split('\n').flatMap((line) => {
    for (const declaration of declarations) {
      const found = declaration.exec(line)?.[1];
      if (found !== undefined) return [found];
    }
    return [];
  });
}

/** A component-count problem in words, or undefined when the file defines at most one component. */
function componentProblem(text: string): string | undefined {
  const components = topLevelComponents(text);
  if (components.length <= 1) return undefined;
  return `${components.length} top-level components (${components.join(', ')}), ${components.length - 1} more than one`;
}

/** `path: problem` for every file the check finds a problem in. */
function problems(files: string[], check: (text: string) => string | undefined): string[] {
  return files.flatMap((file) => {
    const problem = check(readFileSync(join(ROOT, file), 'utf8'));
    return problem === undefined ? [] : [`${file}: ${problem}`];
  });
}

describe('the codebase rules read files as they mean to', () => {
  const lines = (n: number, first = '') => `${first}\n${'x\n'.repeat(n - 1)}`;

  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount(lines(401))).toBe(401);
  });

  it('lets 400 lines through, finds 401 and says by how much', () => {
    expect(lengthProblem(lines(400))).toBeUndefined();
    expect(lengthProblem(lines(401))).toMatch(/^401 lines, 1 over 400/);
  });

  it('lets a long file through only when its first 30 lines say why it is long', () => {
    const reason = '// Over 400 lines because the grammar is one table that reads best whole.';
    expect(lengthProblem(lines(500, reason))).toBeUndefined();
    expect(lengthProblem(lines(500, ` * Over 400 lines because the grammar is one table.`))).toBeUndefined();
    expect(lengthProblem(lines(500, '// Over 400 lines because'))).toMatch(/^500 lines/);
    expect(lengthProblem(`${'x\n'.repeat(30)}${lines(470, reason)}`)).toMatch(/^500 lines, 100 over/);
  });

  it('counts PascalCase top-level functions and arrow constants as components, nothing else', () => {
    const text = [
      'export function RequestTab({ id }: Props) {',
      'function helperRow(x: number) {',
      'const Label = ({ text }: { text: string }) => <b>{text}</b>;',
      'export const Picker: FC<Props> = (props) => null;',
      'const ROWS = (count: number) => count;',
      "export default function Layout<T extends Exclude<Kind, 'none'>>(props: T) {",
      'const Cell: (props: CellProps) => ReactNode = (props) => null;',
      '  function Inner() {',
      'const options = (a: number) => a;',
    ].join('\n');
    expect(topLevelComponents(text)).toEqual(['RequestTab', 'Label', 'Picker', 'Layout', 'Cell']);
    expect(componentProblem('export function One() {}\nfunction two() {}\n')).toBeUndefined();
    expect(componentProblem(text)).toBe(
      '5 top-level components (RequestTab, Label, Picker, Layout, Cell), 4 more than one',
    );
  });
});

describe('the codebase keeps its size rules', () => {
  const files = sourceFiles();

  it('finds the source folders on disk', () => {
    const folders = new Set(files.map((file) => file.split('/')[0]));
    for (const folder of ['electron', 'renderer', 'shared']) expect(folders).toContain(folder);
    expect(files.some((file) => file.startsWith('tests/') || file.includes('node_modules/'))).toBe(false);
    expect(files.filter((file) => file.endsWith('.tsx')).length).toBeGreaterThan(10);
  });

  it(`has no source file over ${MAX_LINES} lines that does not say why`, () => {
    expect(problems(files, lengthProblem)).toEqual([]);
  });

  it('defines at most one top-level React component per renderer .tsx file', () => {
    const tsx = files.filter((file) => file.startsWith('renderer/') && file.endsWith('.tsx'));
    expect(problems(tsx, componentProblem)).toEqual([]);
  });
});
