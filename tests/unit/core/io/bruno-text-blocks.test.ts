import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type lang from '@usebruno/lang';
import { parseBruFolderSettings, parseBruRequest } from '../../../../electron/core/io/bruno-parser';
import { cutTextBlocks, FOLDER_BLOCKS, REQUEST_BLOCKS } from '../../../../electron/core/io/bruno-text-blocks';

// The fast path must give exactly what Bruno's parser gives on the untouched text: the same
// result (deep, strict equality) or the same error.

const library = createRequire(import.meta.url)('@usebruno/lang') as typeof lang;
const ROOT = resolve(import.meta.dirname, '../../../..');

type Outcome = { value: unknown } | { error: string };
const outcome = (read: () => unknown): Outcome => {
  try {
    return { value: read() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

/** Both readers against the library on the same text; the number of them that took the fast path. */
function expectSameAsLibrary(text: string, label: string): number {
  expect(
    outcome(() => parseBruRequest(text)),
    `${label} (request)`,
  ).toStrictEqual(outcome(() => library.bruToJsonV2(text)));
  expect(
    outcome(() => parseBruFolderSettings(text)),
    `${label} (folder)`,
  ).toStrictEqual(outcome(() => library.collectionBruToJson(text)));
  return (
    Number(cutTextBlocks(text, REQUEST_BLOCKS) !== undefined) + Number(cutTextBlocks(text, FOLDER_BLOCKS) !== undefined)
  );
}

function bruFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.bru'))
    .map((e) => join(e.parentPath, e.name));
}

/** A small seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const AWKWARD_BODIES = [
  '{\n  "a": { "b": [1, 2, {}] }\n}',
  '  {\n    "nested": "}"\n  }',
  '}',
  ' }\n}x\n  }',
  '',
  '\t{\t"tab": true }\n\t}',
  '{ "unicode": "é😀 日本 \\u00e9" }',
  "'''\nnot a multiline value\n'''",
  "@desc('x')\nkey: value",
  'line one\r\nline two\r\n  }\r\n',
  'a\rb\r\r\nc',
  '\n\n\n  starts after blank lines',
  '   three spaces\n    four\n  two\n one',
  '{{var}} and {{process.env.X}}',
  'ends with spaces   ',
  'docs {\n  not a block\n}',
];

const REQUEST_HEAD =
  'meta {\n  name: Awkward\n  type: http\n  seq: 3\n}\n\npost {\n  url: https://example.com/x\n  body: json\n  auth: none\n}\n\nheaders {\n  content-type: application/json\n  ~x-off: 1\n}\n\n';

function indent(body: string, by: string): string {
  return body
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

describe('Bruno text blocks cut out before parsing', () => {
  // The library logs each example it cannot read; both readers give the same result for it.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it("reads every .bru fixture (the repository's and @usebruno/lang's own) as the library does", () => {
    const files = [...bruFiles(join(ROOT, 'tests')), ...bruFiles(join(ROOT, 'node_modules/@usebruno/lang'))];
    expect(files.length).toBeGreaterThan(50);
    let fast = 0;
    for (const file of files) fast += expectSameAsLibrary(readFileSync(file, 'utf8'), file);
    expect(fast).toBeGreaterThanOrEqual(12);
  });

  it('reads awkward bodies in every text block, with LF, CRLF, tabs and no final newline, as the library does', () => {
    let cases = 0;
    for (const block of [...REQUEST_BLOCKS.textBlocks, 'example']) {
      for (const body of AWKWARD_BODIES) {
        for (const by of ['  ', '', '\t', '    ']) {
          const file = `${REQUEST_HEAD}${block} {\n${indent(body, by)}\n}\n\nsettings {\n  encodeUrl: true\n}\n`;
          for (const text of [
            file,
            file.replace(/\n/g, '\r\n'),
            file.trimEnd(),
            `${block}{${body}\n}`,
            `${block} \t {\n\n${body}\n}`,
          ]) {
            expectSameAsLibrary(text, JSON.stringify(text));
            cases += 1;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
  });

  it('reads two bodies of the same kind, a body without its closing line and blocks after a body as the library does', () => {
    const texts = [
      'body:json {\n  {"first": 1}\n}\nbody:json {\n  {"second": 2}\n}\n',
      'body:json {\n  {"open": true}\n',
      'body:json {\n  {}\n}docs {\n  x\n}\n',
      'body:json {\n  {}\n}  \ndocs {\n  x\n}',
      'body:json {\n}\n\ndocs {\n  swallowed by the body\n}\n',
      "headers {\n  x: '''\n}\nbody:json {\n  '''\n}\n",
      'headers {\n  @desc(\n}\nbody:json {\n  )\n  x: 1\n}\n',
      'headers {\n  a: 1\n\n}b: 2\n}\nbody:json {\n  {}\n}\n',
      'body:graphql {\n  { q }\n}\nbody:graphql:vars {\n  {"v": 1}\n}\n',
      'body {\n  {"plain": "body"}\n}\n',
      'docs {\n  has \uE000 the place-holder mark\n}\n',
      'script:pre-request {\n  bru.setVar("a", "}");\n}\nscript:post-response {\n  test("x", () => {\n  });\n}\ntests {\n  expect(1).to.equal(1);\n}\n',
      'vars:pre-request {\n  @local: 1\n  other: @file(x)\n}\ndocs {\n  d\n}\n',
    ];
    for (const text of texts) expectSameAsLibrary(text, JSON.stringify(text));
  });

  it("reads random texts made of the grammar's delicate pieces as the library does", () => {
    const pieces = [
      '\n',
      '\r\n',
      '\r',
      '}',
      '{',
      ' ',
      '\t',
      "'''",
      '@a(',
      ')',
      ':',
      'x',
      'é😀',
      '\uE000',
      'body:json {',
      'example {',
      'body:text {',
      'docs {',
      'tests{',
      'script:pre-request {',
      'headers {',
      '  a: b',
      '\n}\n',
      'meta {\n  name: n\n}\n',
      'get {\n  url: u\n}\n',
      '  ',
      "'",
    ];
    const next = random(15);
    let fast = 0;
    for (let n = 0; n < 1500; n += 1) {
      const length = 1 + Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i += 1) text += pieces[Math.floor(next() * pieces.length)];
      fast += expectSameAsLibrary(text, `random case ${n}: ${JSON.stringify(text)}`);
    }
    expect(fast).toBeGreaterThan(40);
  });

  it('reads random files of blocks, their bodies made of the delicate pieces, as the library does', () => {
    const contentPieces = [
      '\n',
      '\r\n',
      '}',
      '\n}',
      '\n }',
      '{',
      '  ',
      '\t',
      "'''",
      '@a(x)',
      ':',
      'x',
      'é😀',
      '\r',
      'docs {',
    ];
    const otherBlocks = [
      'meta {\n  name: n\n  seq: 2\n}',
      'get {\n  url: https://x/{{a}}\n}',
      'headers {\n  a: b\n  ~c: d\n}',
      "headers {\n  x: '''\n}",
      'headers {\n  @d(\n}',
      'headers {\n  a: 1\n\n}b: 2\n}',
      'vars:pre-request {\n  @local: 1\n}',
      'assert {\n  res.status: eq 200\n}',
      'example {\n  name: e\n  request: {\n    url: u\n  }\n}',
      'meta {}',
    ];
    const keywords = [...REQUEST_BLOCKS.textBlocks, 'example'];
    const separators = ['\n', '\n\n', '\r\n', ' ', '', '\n\t\n'];
    const next = random(2416);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let fast = 0;
    for (let n = 0; n < 1500; n += 1) {
      const blocks: string[] = [];
      const count = 1 + Math.floor(next() * 5);
      for (let b = 0; b < count; b += 1) {
        if (next() < 0.35) {
          blocks.push(pick(otherBlocks));
          continue;
        }
        let content = '';
        const length = Math.floor(next() * 10);
        for (let i = 0; i < length; i += 1) content += pick(contentPieces);
        blocks.push(
          `${pick(keywords)}${pick(['', ' ', ' \t'])}{${pick(['\n', '\n  ', '\r\n', '', '\n\n'])}${content}${pick(['\n}', '\r\n}', '\n}x', ''])}`,
        );
      }
      let text = '';
      for (const block of blocks) text += block + pick(separators);
      fast += expectSameAsLibrary(text, `random file ${n}: ${JSON.stringify(text)}`);
    }
    expect(fast).toBeGreaterThan(200);
  });

  it('cuts a large body out, so the grammar does not read it', () => {
    const body = JSON.stringify(
      { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}` })) },
      null,
      2,
    );
    const text = `${REQUEST_HEAD}body:json {\n${indent(body, '  ')}\n}\n`;
    const cut = cutTextBlocks(text, REQUEST_BLOCKS);
    expect(cut?.text.length).toBeLessThan(400);
    const start = performance.now();
    const read = parseBruRequest(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect((read.body as Record<string, unknown>).json).toBe(body);
  });
});
