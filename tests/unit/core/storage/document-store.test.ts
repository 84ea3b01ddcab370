import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDocumentStore } from '../../../../electron/core/storage/document-store';

const NotesSchema = z.object({ notes: z.array(z.string()) });
type Notes = z.infer<typeof NotesSchema>;
let dir: string;

function open(version = 2) {
  return openDocumentStore<Notes>({
    dataDir: dir,
    name: 'notes',
    schema: NotesSchema,
    version,
    defaults: () => ({ notes: [] }),
    migrations: { 2: (data) => ({ notes: (data as { items: string[] }).items }) },
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDocumentStore', () => {
  it('starts from defaults, writes, and reads back after reopening', () => {
    const store = open();
    expect(store.read()).toEqual({ notes: [] });
    store.write({ notes: ['a', 'b'] });
    expect(open().read()).toEqual({ notes: ['a', 'b'] });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ schemaVersion: 2, data: { notes: ['a', 'b'] } });
  });

  it('migrates an older schema version', () => {
    writeFileSync(join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, data: { items: ['old'] } }));
    const store = open();
    expect(store.read()).toEqual({ notes: ['old'] });
    expect(store.notice).toBeUndefined();
  });

  it.each([
    ['truncated JSON', '{"schemaVersion":2,"data":{"no'],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u00ff\u0013garbage'],
    ['a newer schema version', JSON.stringify({ schemaVersion: 9, data: {} })],
    ['data that fails the schema', JSON.stringify({ schemaVersion: 2, data: { notes: [1] } })],
  ])('quarantines %s, keeps the bytes, and starts fresh', (_label, content) => {
    writeFileSync(join(dir, 'notes.json'), content);
    const store = open();
    expect(store.read()).toEqual({ notes: [] });
    expect(store.notice?.movedTo).toMatch(/notes\.corrupt-2026-01-02T03-04-05-000Z\.json$/);
    expect(readFileSync(store.notice?.movedTo as string, 'utf8')).toBe(content);
    store.write({ notes: ['fresh'] });
    expect(open().read()).toEqual({ notes: ['fresh'] });
  });

  it('refuses to write data that does not match the schema and keeps the file', () => {
    const store = open();
    store.write({ notes: ['kept'] });
    expect(() => store.write({ notes: [42] } as unknown as Notes)).toThrow(/does not match its schema/);
    expect(open().read()).toEqual({ notes: ['kept'] });
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
