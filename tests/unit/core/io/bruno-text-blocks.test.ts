import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBruRequest } from '../../../../electron/core/io/bruno-parser';
import { cutTextBlocks, REQUEST_BLOCKS } from '../../../../electron/core/io/bruno-text-blocks';
import { bruFiles, expectSameAsLibrary, indent, REQUEST_HEAD, ROOT } from '../../../support/bruno-same-as-library';

// The fast path must give exactly what Bruno's parser gives on the untouched text. Here: every
// fixture and the hand-picked edge cases; the thousands of generated texts are in
// tests/integration/bruno-text-blocks-generated.test.ts.

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

  it('cuts a large body out, so the grammar does not read it', () => {
    const body = JSON.stringify(
      { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}` })) },
      null,
      2,
    );
    const text = `${REQUEST_HEAD}body:json {\n${indent(body, '  ')}\n}\n`;
    const cut = cutTextBlocks(text, REQUEST_BLOCKS);
    expect(cut?.text.length).toBeLessThan(400);
    const read = parseBruRequest(text);
    expect((read.body as Record<string, unknown>).json).toBe(body);
  });
});
