import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/contract/channels';
import type { VisibleVariable } from '../../../../shared/contract/collections-channels';
import { createDispatcher, type CallContext } from '../../../../electron/ipc/dispatcher';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createTestCore, recordingTransport } from '../../../support/test-core';

let test: ReturnType<typeof createTestCore>;
let events: EventName[];
let call: <T>(channel: string, input: unknown) => Promise<T>;

beforeEach(() => {
  test = createTestCore({ transport: recordingTransport() });
  events = [];
  const context: CallContext = { emit: (event) => events.push(event) };
  const dispatcher = createDispatcher(createHandlers(test.core));
  call = async <T>(channel: string, input: unknown) => {
    const result = await dispatcher.dispatch(channel, input, context);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
});
afterEach(async () => {
  await test.dispose();
});

type Scope = { environmentName: string | null; variables: VisibleVariable[] };
const find = (scope: Scope, name: string) => scope.variables.find((variable) => variable.name === name);

describe('variables:scope over the dispatcher', () => {
  it('counts the saved request’s collection and folders, and a stale id as a bare draft', async () => {
    const { id: collectionId } = await call<{ id: string }>('collections:create-collection', { name: 'Orders' });
    const { id: folderId } = await call<{ id: string }>('collections:create-folder', { collectionId, name: 'Admin' });
    await call('collections:update-settings', {
      id: collectionId,
      settings: {
        variables: [{ id: 'cv1', name: 'host', value: 'orders.example.com', isEnabled: true, isSecret: false }],
      },
    });
    await call('collections:update-settings', {
      id: folderId,
      settings: { variables: [{ id: 'fv1', name: 'stage', value: 'prod', isEnabled: true, isSecret: false }] },
    });
    const { id: savedRequestId } = await call<{ id: string }>('collections:save-request', {
      placement: { collectionId, parentId: folderId },
      request: { name: 'r', method: 'GET', url: 'https://{{host}}/{{stage}}' },
    });

    const saved = await call<Scope>('variables:scope', { savedRequestId });
    expect(saved.environmentName).toBeNull();
    expect(find(saved, 'host')).toMatchObject({ isResolved: true, source: 'collection', sourceName: 'Orders' });
    expect(find(saved, 'stage')).toMatchObject({ isResolved: true, source: 'folder', sourceName: 'Admin' });

    for (const scope of [
      await call<Scope>('variables:scope', {}),
      await call<Scope>('variables:scope', { savedRequestId: 'gone' }),
    ]) {
      expect(find(scope, 'host')).toBeUndefined();
      expect(find(scope, '$guid')).toMatchObject({ isResolved: true, source: 'built-in' });
    }
  });

  it('names the active environment, keeps secret values in main, and announces each change of variables', async () => {
    const secret = 'vault-only-secret-value-7';
    const env = await call<{ id: string }>('environments:create', {
      name: 'dev',
      variables: [{ name: 'token', value: secret, isEnabled: true, isSecret: true }],
    });
    expect(events).toEqual([]);
    await call('environments:set-active', { id: env.id });
    expect(events).toEqual(['variables:changed']);

    const scope = await call<Scope>('variables:scope', {});
    expect(scope.environmentName).toBe('dev');
    expect(find(scope, 'token')).toEqual({
      name: 'token',
      isResolved: true,
      source: 'environment',
      sourceName: 'dev',
      isSecret: true,
    });
    expect(JSON.stringify(scope)).not.toContain(secret);

    await call('environments:update', { id: env.id, variables: [] });
    await call('environments:delete', { id: env.id });
    expect(events).toEqual(['variables:changed', 'variables:changed', 'variables:changed']);
  });
});
