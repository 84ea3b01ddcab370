import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../../../electron/ipc/dispatcher';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { FIXTURE_SECRETS, readImportFixture } from '../../../support/import-fixtures';
import { createTestCore, recordingTransport } from '../../../support/test-core';
import { readAllFiles } from '../../../support/temp-dir';

const context: CallContext = { emit: () => undefined };
let test: ReturnType<typeof createTestCore>;
let call: (
  channel: string,
  input: unknown,
) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

beforeEach(() => {
  test = createTestCore({ transport: recordingTransport() });
  const dispatcher = createDispatcher(createHandlers(test.core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as never;
});
afterEach(async () => {
  await test.dispose();
});

describe('collections, environments, history and import over the dispatcher', () => {
  it('a malformed import answers IMPORT_FAILED and changes nothing on disk', async () => {
    await call('collections:create-collection', { name: 'Before' });
    test.core.flush();
    const before = readFileSync(`${test.dataDir}/workspace.json`, 'utf8');
    for (const [text, format] of [
      ['{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}', 'postman'],
      ['{"_type":"export","__export_format":4,"resources":[{"_type":"request"}]}', 'insomnia'],
      ['openapi: 3.0.0\npaths: [', 'openapi'],
      ['curl', 'curl'],
      ['just words', undefined],
    ] as const) {
      const result = await call('import:run', format === undefined ? { text } : { text, format });
      expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED' } });
      expect(result.error?.message).toMatch(/Nothing was imported/);
    }
    test.core.flush();
    expect(readFileSync(`${test.dataDir}/workspace.json`, 'utf8')).toBe(before);
  });

  it('imports a Postman collection with its report, lists rows a page at a time, and exports without secrets', async () => {
    const imported = await call('import:run', { text: readImportFixture('postman-v21-aws.postman_collection.json') });
    expect(imported).toMatchObject({
      ok: true,
      value: { format: 'postman', collectionName: 'Orders API (Postman v2.1)', report: { imported: 8 } },
    });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    const rows = await call('collections:rows', { expandedIds: [collectionId], offset: 1, limit: 1 });
    expect(rows).toMatchObject({ ok: true, value: { total: 3, rows: [{ name: 'Orders', kind: 'folder', depth: 1 }] } });
    const filtered = await call('collections:rows', { filter: 'graphql' });
    expect((filtered.value as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toEqual([
      'Orders API (Postman v2.1)',
      'Uploads',
      'GraphQL',
    ]);
    for (const format of ['shomei', 'postman'] as const) {
      const exported = await call('collections:export', { id: collectionId, format });
      expect(exported.ok).toBe(true);
      for (const secret of FIXTURE_SECRETS) expect(JSON.stringify(exported.value)).not.toContain(secret);
    }
    const containers = await call('collections:containers', {});
    expect((containers.value as Array<{ path: string }>).map((c) => c.path)).toEqual([
      'Orders API (Postman v2.1)',
      'Orders API (Postman v2.1) / Orders',
      'Orders API (Postman v2.1) / Uploads',
    ]);
    const env = await call('import:run', { text: readImportFixture('postman-environment.postman_environment.json') });
    expect(env).toMatchObject({ ok: true, value: { format: 'postman-environment', environmentNames: ['prod'] } });
    await test.core.close();
    for (const file of readAllFiles(test.dataDir))
      for (const secret of FIXTURE_SECRETS) expect(file.bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it('saves, renames, duplicates, moves, deletes and undoes through the channels', async () => {
    const { value: c } = (await call('collections:create-collection', { name: 'C' })) as { value: { id: string } };
    const { value: f } = (await call('collections:create-folder', { collectionId: c.id, name: 'F' })) as {
      value: { id: string };
    };
    const saved = await call('collections:save-request', {
      placement: { collectionId: c.id, parentId: f.id },
      request: { name: 'R', method: 'GET', url: 'https://a.test/{{x}}' },
    });
    expect(saved).toMatchObject({ ok: true, value: { collectionId: c.id } });
    const id = (saved.value as { id: string }).id;
    expect(await call('collections:rename', { id, name: 'R2' })).toMatchObject({ ok: true });
    expect(await call('collections:get-request', { id })).toMatchObject({
      ok: true,
      value: { path: ['C', 'F'], request: { name: 'R2' } },
    });
    expect(await call('collections:move', { id: f.id, collectionId: c.id, parentId: f.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const dup = await call('collections:duplicate', { id });
    expect(dup.ok).toBe(true);
    const deleted = (await call('collections:delete', { id: f.id })) as { value: { undoToken: string } };
    expect(await call('collections:get-request', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('collections:undo', { undoToken: deleted.value.undoToken })).toMatchObject({
      ok: true,
      value: { id: f.id },
    });
    expect(await call('collections:export-curl', { id })).toMatchObject({
      ok: true,
      value: { text: expect.stringContaining("--url 'https://a.test/{{x}}'") },
    });
  });

  it('blocks request:send-draft on unresolved variables and records history without secrets', async () => {
    const created = (await call('environments:create', {
      name: 'dev',
      variables: [
        { name: 'host', value: 'a.test', isEnabled: true, isSecret: false },
        { name: 'token', value: 'tok-secret-123456', isEnabled: true, isSecret: true },
      ],
    })) as {
      value: { id: string; variables: Array<{ value: string }> };
    };
    expect(created.value.variables[1]?.value).toBe('');
    const blocked = await call('request:send-draft', {
      requestId: 'a',
      request: { name: 'x', method: 'GET', url: 'https://{{host}}/' },
    });
    expect(blocked).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/\{\{host\}\}/) },
    });
    await call('environments:set-active', { id: created.value.id });
    const sent = await call('request:send-draft', {
      requestId: 'b',
      request: {
        name: 'x',
        method: 'GET',
        url: 'https://{{host}}/',
        headers: [{ name: 'X-Token', value: '{{token}}', isEnabled: true }],
      },
    });
    expect(sent).toMatchObject({ ok: true, value: { status: 200 } });
    const history = await call('history:list', {});
    expect(JSON.stringify(history)).not.toContain('tok-secret-123456');
    expect((history.value as Array<{ request: { url: string } }>)[0]?.request.url).toBe('https://a.test/');
    const reopened = await call('history:reopen', { id: (history.value as Array<{ id: string }>)[0]?.id });
    expect(reopened).toMatchObject({ ok: true, value: { method: 'GET', url: 'https://a.test/' } });
    expect(await call('history:clear', {})).toMatchObject({ ok: true });
    expect(await call('history:list', {})).toMatchObject({ ok: true, value: [] });
    expect(await call('history:retention', {})).toMatchObject({ ok: true, value: { limit: 500 } });
    expect(await call('history:retention', { limit: 2 })).toMatchObject({ ok: true, value: { limit: 2 } });
    expect(await call('history:retention', { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
