import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type lang from '@usebruno/lang';
import { parseBruFolderSettings, parseBruRequest } from '../../electron/core/io/bruno-parser';
import { cutTextBlocks, FOLDER_BLOCKS, REQUEST_BLOCKS } from '../../electron/core/io/bruno-text-blocks';

// The fast path must give exactly what Bruno's parser gives on the untouched text: the same
// result (deep, strict equality) or the same error.

export const library = createRequire(import.meta.url)('@usebruno/lang') as typeof lang;
export const ROOT = resolve(import.meta.dirname, '../..');

type Outcome = { value: unknown } | { error: string };
const outcome = (read: () => unknown): Outcome => {
  try {
    return { value: read() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

/** Both readers against the library on the same text; the number of them that took the fast path. */
export function expectSameAsLibrary(text: string, label: string): number {
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

export function bruFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.bru'))
    .map((e) => join(e.parentPath, e.name));
}

/** A small seeded generator, so a failing case can be run again. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const AWKWARD_BODIES = [
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

export const REQUEST_HEAD =
  'meta {\n  name: Awkward\n  type: http\n  seq: 3\n}\n\npost {\n  url: https://example.com/x\n  body: json\n  auth: none\n}\n\nheaders {\n  content-type: application/json\n  ~x-off: 1\n}\n\n';

export function indent(body: string, by: string): string {
  return body
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}
