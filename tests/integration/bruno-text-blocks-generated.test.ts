import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_BLOCKS } from '../../electron/core/io/bruno-text-blocks';
import { AWKWARD_BODIES, expectSameAsLibrary, indent, random, REQUEST_HEAD } from '../support/bruno-same-as-library';

// The Bruno fast path against @usebruno/lang over thousands of generated texts: each one read by
// both readers and by the library's grammar (about 3 ms a read), so this runs here rather than in
// the in-process unit tier, which keeps the fixtures and the hand-picked cases.

describe('Bruno text blocks cut out before parsing, on generated texts', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
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
});
