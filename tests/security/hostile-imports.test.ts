import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createTestCore } from '../support/test-core';

const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/**
 * Hostile files handed to Import fail cleanly — a clear IMPORT_FAILED, within bounded time and
 * memory — and change nothing: no collection, no environment appears, and the app keeps working.
 */
describe('hostile imports fail cleanly and change nothing', () => {
  const test = createTestCore();
  const internal: string[] = [];
  const dispatcher = createDispatcher(createHandlers(test.core), (channel) => internal.push(channel));
  const run = (text: string) => dispatcher.dispatch('import:run', { text }, { emit: () => undefined });
  afterAll(() => test.dispose());

  it.each([
    ['10 MB of nested arrays', () => `${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}`],
    ['10 MB of nested objects in a Postman shape', () => `{"info":{"name":"x","schema":"${POSTMAN_SCHEMA}"},"item":${'[{"item":'.repeat(900_000)}[]${'}]'.repeat(900_000)}}`],
    ['100,000 requests', () => JSON.stringify({ info: { name: 'huge', schema: POSTMAN_SCHEMA }, item: Array.from({ length: 100_000 }, (_, i) => ({ name: `r${i}`, request: { method: 'GET', url: `https://x.test/${i}` } })) })],
    ['invalid UTF-8 (decoded with replacement characters)', () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]).toString('utf8')],
    ['a zip bomb disguised as JSON', () => `{"info":${JSON.stringify(gzipSync(Buffer.alloc(50_000_000)).toString('latin1'))}}`],
  ])('%s', async (_label, make) => {
    const text = make();
    const before = { collections: test.core.collections.list().length, environments: test.core.environments.list().length };
    const memoryBefore = process.memoryUsage().rss;
    const answer = await run(text);
    expect(answer).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(IMPORT_FAILED|INVALID_INPUT)$/), message: expect.stringMatching(/\S/) } });
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(512 * 1024 * 1024);
    expect({ collections: test.core.collections.list().length, environments: test.core.environments.list().length }).toEqual(before);
    expect(internal).toEqual([]);
  });

  it('keeps working afterwards: a good file still imports', async () => {
    const answer = await run(JSON.stringify({ info: { name: 'fine', schema: POSTMAN_SCHEMA }, item: [{ name: 'one', request: { method: 'GET', url: 'https://x.test/1' } }] }));
    expect(answer).toMatchObject({ ok: true, value: { report: { imported: 1 } } });
  });
});
