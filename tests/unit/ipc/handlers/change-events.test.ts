import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/contract/channels';
import { createDispatcher, type CallContext } from '../../../../electron/ipc/dispatcher';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createTestCore, recordingTransport } from '../../../support/test-core';

let test: ReturnType<typeof createTestCore>;
let events: EventName[];
let dispatch: (channel: string, input: unknown) => Promise<{ ok: boolean }>;

beforeEach(() => {
  test = createTestCore({ transport: recordingTransport() });
  events = [];
  const context: CallContext = { emit: (event) => events.push(event) };
  const dispatcher = createDispatcher(createHandlers(test.core));
  dispatch = (channel, input) => dispatcher.dispatch(channel, input, context);
});
afterEach(async () => {
  await test.dispose();
});

describe('main announces changes to its data, so no view shows stale data', () => {
  it('emits collections:changed after a collection is created, a request saved and one renamed — and nothing after reads', async () => {
    const created = (await dispatch('collections:create-collection', { name: 'Orders' })) as {
      ok: true;
      value: { id: string };
    };
    const saved = (await dispatch('collections:save-request', {
      placement: { collectionId: created.value.id, parentId: null },
      request: { name: 'r', method: 'GET', url: 'https://example.com/' },
    })) as { ok: true; value: { id: string } };
    await dispatch('collections:rename', { id: saved.value.id, name: 'renamed' });
    expect(events.filter((event) => event === 'collections:changed')).toHaveLength(3);

    events.length = 0;
    await dispatch('collections:list', {});
    await dispatch('history:list', {});
    await dispatch('credentials:list', {});
    expect(events).toEqual([]);
  });

  it('emits nothing when a change is refused', async () => {
    const result = await dispatch('collections:rename', { id: 'no-such-item', name: 'x' });
    expect(result.ok).toBe(false);
    expect(events).toEqual([]);
  });

  it('emits history:changed after a send, refused or not, and after history is cleared', async () => {
    const changes = () => events.filter((event) => event !== 'request:progress');
    const request = { name: 'r', method: 'GET', url: 'http://127.0.0.1:9/nothing' };
    const sent = await dispatch('request:send-draft', { requestId: 'q1', request });
    expect(sent.ok).toBe(true);
    expect(changes()).toEqual(['history:changed']);

    // Refused before sending (typed keys chosen but empty): still recorded, still announced.
    const refused = await dispatch('request:send-draft', {
      requestId: 'q2',
      request: {
        ...request,
        auth: {
          type: 'aws-sigv4',
          credentialSource: { source: 'inherit' },
          region: 'us-east-1',
          service: 'execute-api',
          isQuerySigned: false,
        },
      },
      usesTypedKeys: true,
    });
    expect(refused.ok).toBe(false);
    expect(changes()).toEqual(['history:changed', 'history:changed']);

    await dispatch('history:clear', {});
    expect(changes()).toEqual(['history:changed', 'history:changed', 'history:changed']);
  });

  it('emits credentials:changed after a profile is saved, renamed and deleted', async () => {
    const saved = (await dispatch('credentials:save', {
      name: 'dev',
      keys: { accessKeyId: 'AKIAEVENTS0000000001', secretAccessKey: 'eventsSecret/0000000000000000000000000000' },
    })) as { ok: true; value: { id: string } };
    expect(saved.ok).toBe(true);
    await dispatch('credentials:rename', { id: saved.value.id, name: 'dev 2' });
    await dispatch('credentials:delete', { id: saved.value.id });
    expect(events).toEqual(['credentials:changed', 'credentials:changed', 'credentials:changed']);
  });
});
