import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectionSchema, type RequestDraft } from '../../shared/contract/collections';
import type { WebSocketEvent } from '../../shared/contract/websocket';
import type { ChannelInput } from '../../shared/contract/channels';
import type { Core } from '../../electron/core/create-core';
import { createDispatcher, type Dispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createTestCore } from '../support/test-core';
import { startWebSocketEchoServer, type WebSocketEchoServer } from '../support/websocket-echo-server';

const TEMPORARY = {
  accessKeyId: 'ASIAWSTESTKEY0000001',
  secretAccessKey: 'wsTestSecretKeyThatNeverLeavesMain00000',
  sessionToken: 'FwoGZXIvYXdzEXAMPLEwebsocketSessionToken000000',
};
const inline = { source: 'inline' as const, ...TEMPORARY };

let server: WebSocketEchoServer;
let core: Core;
let dispose: () => Promise<void>;
let dispatcher: Dispatcher;
let events: WebSocketEvent[];
const context = {
  emit: (event: string, payload: unknown) => {
    if (event === 'websocket:event') events.push(payload as WebSocketEvent);
  },
};

beforeEach(async () => {
  server = await startWebSocketEchoServer([TEMPORARY]);
  ({ core, dispose } = createTestCore());
  dispatcher = createDispatcher(createHandlers(core));
  events = [];
});
afterEach(async () => {
  await dispose();
  await server.close();
});

function draft(
  path: string,
  auth: RequestDraft['auth'] = { type: 'none' },
): ChannelInput<'websocket:connect'>['request'] {
  return {
    name: 'Socket',
    method: 'GET',
    url: `${server.origin}${path}`,
    params: [],
    headers: [],
    body: { kind: 'none' },
    auth,
  };
}
const sigv4 = (isQuerySigned: boolean): RequestDraft['auth'] => ({
  type: 'aws-sigv4',
  credentialSource: { source: 'inherit' },
  region: 'us-east-1',
  service: 'execute-api',
  isQuerySigned,
  expiresInSeconds: 300,
});

async function call<K extends Parameters<Dispatcher['dispatch']>[0]>(channel: K, input: unknown) {
  return dispatcher.dispatch(channel, input, context);
}

/**
 * Resolves when an event of connection `id` matching `test` has arrived (events are pushed by the
 * socket, not by the call; a socket of an earlier test may still report its close).
 */
function eventually(id: string, test: (event: WebSocketEvent) => boolean): Promise<WebSocketEvent> {
  return new Promise((resolve) => {
    const tick = () => {
      const found = events.find((event) => event.connectionId === id && test(event));
      if (found) resolve(found);
      else setImmediate(tick);
    };
    tick();
  });
}

describe('WebSocket requests over main', () => {
  it.each([true, false])(
    'signs the handshake (in the query: %s) so aws4 verifies it, then echoes text, JSON and binary',
    async (isQuerySigned) => {
      const opened = await call('websocket:connect', {
        connectionId: 'c1',
        request: draft('/prod', sigv4(isQuerySigned)),
        credentials: inline,
      });
      expect(opened).toMatchObject({ ok: true, value: { signedIn: isQuerySigned ? 'query' : 'headers' } });
      const seen = server.handshakes[0];
      expect(seen?.verdict).toMatchObject({ ok: true, mode: isQuerySigned ? 'query' : 'header' });
      if (isQuerySigned)
        expect(new URLSearchParams(seen?.target.split('?')[1]).get('X-Amz-Security-Token')).toBe(
          TEMPORARY.sessionToken,
        );

      expect(await call('websocket:send', { connectionId: 'c1', message: { format: 'text', text: 'hello' } })).toEqual({
        ok: true,
        value: { size: 5 },
      });
      await eventually('c1', (e) => e.direction === 'received' && e.text === 'hello');
      await call('websocket:send', { connectionId: 'c1', message: { format: 'json', text: '{"action":"ping"}' } });
      await eventually('c1', (e) => e.direction === 'received' && e.text === '{"action":"ping"}');
      await call('websocket:send', {
        connectionId: 'c1',
        message: { format: 'binary', text: '48 69 00 ff', binaryEncoding: 'hex' },
      });
      const binary = await eventually('c1', (e) => e.direction === 'received' && e.isBinary === true);
      expect(binary).toMatchObject({ size: 4, base64: Buffer.from([0x48, 0x69, 0, 0xff]).toString('base64') });

      expect(await call('websocket:disconnect', { connectionId: 'c1' })).toEqual({
        ok: true,
        value: { wasOpen: true },
      });
      const closed = await eventually('c1', (e) => e.kind === 'close');
      expect(closed).toMatchObject({ code: 1000 });
      expect(closed.explanation).toMatch(/Normal closure/);
      // Security: nothing the window saw holds the secret key, the session token or the signature.
      const shown = JSON.stringify([opened, events]);
      expect(shown).not.toContain(TEMPORARY.secretAccessKey);
      expect(shown).not.toContain(TEMPORARY.sessionToken);
      expect(shown).not.toContain(encodeURIComponent(TEMPORARY.sessionToken));
    },
  );

  it('refuses invalid JSON and bad base64 without sending anything', async () => {
    await call('websocket:connect', { connectionId: 'c2', request: draft('/prod', sigv4(true)), credentials: inline });
    const json = await call('websocket:send', { connectionId: 'c2', message: { format: 'json', text: '{"a":' } });
    expect(json).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not valid JSON/) },
    });
    const base64 = await call('websocket:send', { connectionId: 'c2', message: { format: 'binary', text: 'abc' } });
    expect(base64).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/base64/) },
    });
    expect(events.filter((e) => e.connectionId === 'c2' && e.direction === 'sent')).toEqual([]);
  });

  it('a bad signature meets 403, explained as a signature or authorization problem with the server’s body', async () => {
    const wrong = { ...inline, secretAccessKey: 'notTheRightSecretKeyAtAll000000000000000' };
    const answer = await call('websocket:connect', {
      connectionId: 'c3',
      request: draft('/prod', sigv4(true)),
      credentials: wrong,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'HANDSHAKE_REFUSED', details: { status: 403 } } });
    if (answer.ok) throw new Error('connected');
    expect(answer.error.message).toMatch(/signature or authorization problem/);
    expect(answer.error.message).toContain('SignatureDoesNotMatch');
    expect(events.find((e) => e.connectionId === 'c3' && e.kind === 'error')).toMatchObject({
      status: 403,
      body: expect.stringContaining('SignatureDoesNotMatch'),
    });
    expect(JSON.stringify([answer, events])).not.toContain(wrong.secretAccessKey);
  });

  it('explains the server’s close code and reason', async () => {
    await call('websocket:connect', { connectionId: 'c4', request: draft('/prod', sigv4(false)), credentials: inline });
    await call('websocket:send', {
      connectionId: 'c4',
      message: { format: 'text', text: 'close:1008:Forbidden route' },
    });
    const closed = await eventually('c4', (e) => e.kind === 'close');
    expect(closed).toMatchObject({
      code: 1008,
      reason: 'Forbidden route',
      explanation: expect.stringMatching(/Policy violation/),
    });
    const after = await call('websocket:send', { connectionId: 'c4', message: { format: 'text', text: 'x' } });
    expect(after).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('expired temporary keys refuse to connect, as they refuse to send', async () => {
    const expired = { ...inline, expiration: new Date(Date.now() - 60_000).toISOString() };
    const answer = await call('websocket:connect', {
      connectionId: 'c5',
      request: draft('/prod', sigv4(true)),
      credentials: expired,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_EXPIRED' } });
    expect(server.handshakes).toEqual([]);
  });

  it('the other auth types apply to the handshake (bearer from a variable)', async () => {
    const collection = core.collections.addCollection(
      CollectionSchema.parse({
        id: 'cBearer',
        name: 'Chat',
        settings: { variables: [{ id: 'v1', name: 'token', value: 'tok-1234567890' }] },
        items: [
          {
            kind: 'request',
            id: 'rWs',
            name: 'Chat socket',
            method: 'GET',
            url: `${server.origin}/open/chat`,
            auth: { type: 'bearer', tokenRef: { kind: 'variables', text: '{{token}}' } },
          },
        ],
      }),
    );
    core.collections.trust(collection.id);
    const opened = await call('websocket:connect', {
      connectionId: 'c6',
      request: draft('/open/chat', {
        type: 'bearer',
        tokenRef: { kind: 'variables', text: '{{token}}' },
        prefix: 'Bearer',
      }),
      savedRequestId: 'rWs',
    });
    expect(opened).toMatchObject({ ok: true, value: { signedIn: 'none' } });
    expect(server.handshakes[0]?.rawHeaders.find(([n]) => n.toLowerCase() === 'authorization')?.[1]).toBe(
      'Bearer tok-1234567890',
    );
    expect(JSON.stringify(events)).not.toContain('tok-1234567890');
  });

  it('Basic, an API key in the query, and SigV4 with an API key beside it apply to the handshake', async () => {
    const basic: RequestDraft['auth'] = {
      type: 'basic',
      username: 'ws-user',
      passwordRef: { kind: 'variables', text: '{{password}}' },
    };
    const apiKeyInQuery: RequestDraft['auth'] = {
      type: 'api-key',
      in: 'query',
      name: 'api_key',
      valueRef: { kind: 'variables', text: '{{key}}' },
    };
    const sigv4WithKey: RequestDraft['auth'] = {
      ...sigv4(false),
      apiKey: { in: 'header', name: 'x-api-key', valueRef: { kind: 'variables', text: '{{key}}' } },
    } as RequestDraft['auth'];
    const saved = (id: string, path: string, auth: RequestDraft['auth']) => ({
      kind: 'request' as const,
      id,
      name: id,
      method: 'GET',
      url: `${server.origin}${path}`,
      auth,
    });
    const collection = core.collections.addCollection(
      CollectionSchema.parse({
        id: 'cOthers',
        name: 'Sockets',
        settings: {
          variables: [
            { id: 'v1', name: 'password', value: 'pw-0987654321' },
            { id: 'v2', name: 'key', value: 'key-ABCDEF123456' },
          ],
        },
        items: [
          saved('rBasic', '/open/basic', basic),
          saved('rKey', '/open/key', apiKeyInQuery),
          saved('rSigned', '/prod', sigv4WithKey),
        ],
      }),
    );
    core.collections.trust(collection.id);
    const header = (index: number, name: string) =>
      server.handshakes[index]?.rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];

    const viaBasic = await call('websocket:connect', {
      connectionId: 'cBasic',
      request: draft('/open/basic', basic),
      savedRequestId: 'rBasic',
    });
    expect(viaBasic).toMatchObject({ ok: true });
    expect(header(0, 'authorization')).toBe(`Basic ${Buffer.from('ws-user:pw-0987654321').toString('base64')}`);

    const viaKey = await call('websocket:connect', {
      connectionId: 'cKey',
      request: draft('/open/key', apiKeyInQuery),
      savedRequestId: 'rKey',
    });
    expect(viaKey).toMatchObject({ ok: true });
    expect(new URLSearchParams(server.handshakes[1]?.target.split('?')[1]).get('api_key')).toBe('key-ABCDEF123456');

    const viaSigned = await call('websocket:connect', {
      connectionId: 'cSigned',
      request: draft('/prod', sigv4WithKey),
      savedRequestId: 'rSigned',
      credentials: inline,
    });
    expect(viaSigned).toMatchObject({ ok: true, value: { signedIn: 'headers' } });
    // aws4 verified the signature, and the key went out under it (added before signing).
    expect(server.handshakes[2]?.verdict).toMatchObject({ ok: true, mode: 'header' });
    expect(header(2, 'x-api-key')).toBe('key-ABCDEF123456');
    expect(header(2, 'authorization')).toMatch(/SignedHeaders=[^,]*\bx-api-key\b/);

    // Security: none of the three secrets comes back to the window.
    const shown = JSON.stringify([viaBasic, viaKey, viaSigned, events]);
    for (const secret of ['pw-0987654321', 'key-ABCDEF123456', TEMPORARY.secretAccessKey, TEMPORARY.sessionToken])
      expect(shown).not.toContain(secret);
  });

  it('an http:// URL is refused with what a WebSocket URL looks like', async () => {
    const answer = await call('websocket:connect', {
      connectionId: 'c7',
      request: { ...draft('/x'), url: 'https://example.com/x' },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/wss:\/\/ or ws:\/\//) },
    });
  });

  it('closing the core closes every socket', async () => {
    await call('websocket:connect', { connectionId: 'c8', request: draft('/prod', sigv4(true)), credentials: inline });
    expect(server.open.size).toBe(1);
    core.websockets.closeAll();
    const closed = await eventually('c8', (e) => e.kind === 'close');
    expect(closed.code).toBe(1001);
  });

  it('Copy presigned URL and Preview signature work for a WebSocket request: a wss URL another client can open', async () => {
    const request = { ...draft('/prod', sigv4(true)), websocket: { messages: [] } };
    const presigned = await call('request:presign-draft', { request, credentials: inline });
    if (!presigned.ok) throw new Error(presigned.error.message);
    const { url } = presigned.value as { url: string };
    expect(url.startsWith(`${server.origin}/prod?`)).toBe(true);
    // Any WebSocket client (here `ws` itself, as wscat would) connects with it; aws4 verifies it.
    const { default: WebSocket } = await import('ws');
    const client = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    client.close();
    expect(server.handshakes.at(-1)?.verdict).toMatchObject({ ok: true, mode: 'query' });
    const inspected = await call('request:inspect-draft', {
      request: { ...request, auth: sigv4(false) },
      credentials: inline,
    });
    expect(inspected).toMatchObject({
      ok: true,
      value: { url: `${server.origin}/prod`, signing: { isQuerySigned: false } },
    });
  });
});
