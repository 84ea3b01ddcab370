import { afterEach, describe, expect, it } from 'vitest';
import { CollectionSchema } from '../../../../shared/contract/collections';
import { createTestCore, recordingTransport } from '../../../support/test-core';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

function setUp() {
  const transport = recordingTransport();
  const test = createTestCore({ transport });
  dispose = test.dispose;
  const collection = test.core.collections.addCollection(
    CollectionSchema.parse({
      id: 'c',
      name: 'Plain',
      settings: { auth: { type: 'none' } },
      items: [
        {
          kind: 'request',
          id: 'a',
          name: 'A',
          method: 'GET',
          url: 'https://api.test/a',
          checks: [{ id: 'x', target: { kind: 'status' }, operator: 'equals', expected: '200' }],
        },
        {
          kind: 'folder',
          id: 'f',
          name: 'F',
          items: [{ kind: 'request', id: 'b', name: 'B', method: 'GET', url: 'https://api.test/b' }],
        },
      ],
    }),
  );
  test.core.collections.trust(collection.id);
  return { core: test.core, transport, collectionId: collection.id };
}

describe('the runner service', () => {
  it('sends every request as Send does, but keeps the user’s history free of the run', async () => {
    const { core, transport, collectionId } = setUp();
    const { total, done } = core.runner.run({ collectionId, iterations: 3 });
    expect(total).toBe(6);
    const summary = await done;
    expect(summary.requests).toEqual({ total: 6, sent: 6, failed: 0, skipped: 0 });
    expect(summary.checks).toEqual({ total: 3, passed: 3, failed: 0 });
    expect(transport.sent.map((r) => new URL(r.url).pathname)).toEqual(['/a', '/b', '/a', '/b', '/a', '/b']);
    expect(core.history.list()).toEqual([]);
  });

  it('runs one folder (by id) or only the chosen requests, and keeps finished runs for their reports', async () => {
    const { core, transport, collectionId } = setUp();
    const folder = core.runner.run({ collectionId, folder: 'f' });
    expect((await folder.done).results.map((r) => r.requestId)).toEqual(['b']);
    const chosen = core.runner.run({ collectionId, requestIds: ['a'] });
    expect((await chosen.done).results.map((r) => r.requestId)).toEqual(['a']);
    expect(transport.sent).toHaveLength(2);
    expect(core.runner.finished(chosen.runId)?.context.collectionName).toBe('Plain');
    expect(() => core.runner.run({ collectionId, requestIds: ['nope'] })).toThrow(/no request to run/);
    expect(() => core.runner.run({ collectionId: 'gone' })).toThrow(/no longer exists/);
  });

  it('runs with the environment chosen for the run, not the active one', async () => {
    const { core, transport } = setUp();
    const c = core.collections.addCollection(
      CollectionSchema.parse({
        id: 'e',
        name: 'Env',
        settings: { auth: { type: 'none' } },
        items: [{ kind: 'request', id: 'r', name: 'R', method: 'GET', url: '{{base}}/x' }],
      }),
    );
    core.collections.trust(c.id);
    const staging = await core.environments.create({
      name: 'staging',
      variables: [{ name: 'base', value: 'https://staging.test' }],
    });
    const prod = await core.environments.create({
      name: 'prod',
      variables: [{ name: 'base', value: 'https://prod.test' }],
    });
    core.environments.setActive(prod.id);
    await core.runner.run({ collectionId: c.id, environmentId: staging.id }).done;
    await core.runner.run({ collectionId: c.id }).done;
    const none = await core.runner.run({ collectionId: c.id, environmentId: null }).done;
    expect(transport.sent.map((r) => new URL(r.url).host)).toEqual(['staging.test', 'prod.test']);
    expect(none.results[0]).toMatchObject({ outcome: 'error', error: { code: 'INVALID_INPUT' } });
  });
});
