import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { shomeiCollectionFile } from '../support/shomei-file';
import { createTestCore } from '../support/test-core';
import { startConnectProxy } from '../support/connect-proxy';
import { selfSignedCertificate } from '../support/self-signed';
import { startWebSocketEchoServer, type WebSocketEchoServer } from '../support/websocket-echo-server';

// "Signed for one host, sent to another", for sockets: a WebSocket handshake and an AppSync
// subscription ask exactly as a send does before a signature goes anywhere but its signed host.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0003', secretAccessKey: 'userSecret/Socket00000000000000000000000' };

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };
const context: CallContext = { emit: () => undefined };
let attacker: WebSocketEchoServer;
let test: ReturnType<typeof createTestCore>;
let call: (channel: string, input: unknown) => Promise<Answer>;

const sigv4 = (service: string) => ({
  type: 'aws-sigv4',
  credentialSource: { source: 'env' },
  region: 'us-east-1',
  service,
  isQuerySigned: true,
  expiresInSeconds: 604_800,
});

beforeAll(async () => {
  // Verifies each handshake's signature against the user's keys over the headers it received.
  attacker = await startWebSocketEchoServer([USER_KEYS]);
});
afterAll(() => attacker.close());
beforeEach(() => {
  test = createTestCore({
    env: { AWS_ACCESS_KEY_ID: USER_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: USER_KEYS.secretAccessKey },
  });
  const dispatcher = createDispatcher(createHandlers(test.core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  attacker.handshakes.length = 0;
});
afterEach(() => test.dispose());

/** A shared collection the user imported and trusted, with one WebSocket request per way a signature can go elsewhere. */
async function importTrusted(): Promise<void> {
  const socket = (id: string, url: string, extra: object) => ({
    kind: 'request',
    id,
    name: id,
    method: 'GET',
    url,
    auth: sigv4('sts'),
    websocket: { messages: [] },
    ...extra,
  });
  const imported = await call('import:run', {
    text: shomeiCollectionFile('Shared sockets', [
      socket('host-header', `${attacker.origin}/?Action=AssumeRole&Version=2011-06-15`, {
        headers: [{ name: 'Host', value: 'sts.amazonaws.com', isEnabled: true }],
      }),
      socket('connect-to', 'ws://chat.example.test/room', {
        options: { connectTo: attacker.origin.replace('ws://', '') },
      }),
      socket('plain-ws', 'ws://abc123.execute-api.us-east-1.amazonaws.com/prod', {}),
    ]),
  });
  const { collectionId } = imported.value as { collectionId: string };
  expect(await call('trust:trust-collection', { collectionId })).toMatchObject({ ok: true });
}

/** The saved request named `name`, as the editor connects it (importing gives new ids). */
function savedInput(name: string) {
  for (const collection of test.core.collections.list()) {
    const item = collection.items.find((i) => i.kind === 'request' && i.name === name);
    if (item?.kind !== 'request') continue;
    const { kind: _kind, id, ...request } = item;
    return { request, savedRequestId: id, ...(item.options ? { options: item.options } : {}) };
  }
  throw new Error(`no request ${name}`);
}

let connections = 0;
const connect = (input: object) => call('websocket:connect', { connectionId: `c${(connections += 1)}`, ...input });

function pairOf(answer: Answer): { signedFor: string; sentTo: string } {
  const { signedFor, sentTo } = answer.error?.details as { signedFor: string; sentTo: string };
  return { signedFor, sentTo };
}

describe('a WebSocket handshake signed for one host, sent to another', () => {
  it('a Host header asks before any handshake; after Connect anyway the server gets the Host that was signed', async () => {
    await importTrusted();
    const input = savedInput('host-header');
    const refused = await connect(input);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: { signedFor: 'sts.amazonaws.com', reasons: ['a Host header'], canConfirm: true },
      },
    });
    expect(refused.error?.message).toMatch(
      /^Not connected: signed for sts\.amazonaws\.com, but it would be sent to 127\.0\.0\.1:\d+ \(a Host header\)/,
    );
    expect(attacker.handshakes).toEqual([]);

    expect(
      await call('trust:confirm-destination', { savedRequestId: input.savedRequestId, ...pairOf(refused) }),
    ).toMatchObject({ ok: true });
    expect(await connect(input)).toMatchObject({ ok: true });
    // What is signed is what is sent: the handshake carried the signed Host, and its signature holds over it.
    const seen = attacker.handshakes[0];
    expect(seen?.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1]).toBe('sts.amazonaws.com');
    expect(seen?.verdict.ok).toBe(true);
    // Asked once for this request: it connects again without asking.
    expect(await connect(input)).toMatchObject({ ok: true });
    // Another Host asks again.
    const retargeted = {
      ...input,
      request: {
        ...input.request,
        headers: [{ name: 'Host', value: 'secretsmanager.us-east-1.amazonaws.com', isEnabled: true }],
      },
    };
    expect(await connect(retargeted)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED' } });
    expect(attacker.handshakes).toHaveLength(2);
  });

  it('a connect-to address asks; once confirmed the socket opens there with the URL’s Host, signed for it', async () => {
    await importTrusted();
    const input = savedInput('connect-to');
    const refused = await connect(input);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: { signedFor: 'chat.example.test', reasons: ['the connect-to address'] },
      },
    });
    expect(attacker.handshakes).toEqual([]);
    await call('trust:confirm-destination', { savedRequestId: input.savedRequestId, ...pairOf(refused) });
    expect(await connect(input)).toMatchObject({ ok: true });
    const seen = attacker.handshakes[0];
    expect(seen?.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1]).toBe('chat.example.test');
    expect(seen?.verdict.ok).toBe(true);
  });

  it('plain ws:// to an AWS endpoint asks instead of going out', async () => {
    await importTrusted();
    const refused = await connect(savedInput('plain-ws'));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: {
          signedFor: 'abc123.execute-api.us-east-1.amazonaws.com',
          sentTo: 'abc123.execute-api.us-east-1.amazonaws.com over plain ws:// (unencrypted)',
          reasons: ['plain ws://'],
        },
      },
    });
  });

  it('an unsaved tab is asked too, and its answer is the tab’s alone', async () => {
    const request = {
      method: 'GET',
      name: 'Scratch',
      url: `${attacker.origin}/chat`,
      headers: [{ name: 'Host', value: 'sts.amazonaws.com', isEnabled: true }],
      auth: sigv4('sts'),
      websocket: { messages: [] },
    };
    const refused = await connect({ request, tabId: 'tab-1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED', details: { canConfirm: true } } });
    await call('trust:confirm-destination', { tabId: 'tab-1', ...pairOf(refused) });
    expect(await connect({ request, tabId: 'tab-2' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_NEEDED' },
    });
    expect(await connect({ request, tabId: 'tab-1' })).toMatchObject({ ok: true });
    // No tab and no saved request: nothing to remember an answer for, so nothing can be confirmed.
    const untied = await connect({ request });
    expect(untied).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED', details: { canConfirm: false } } });
  });

  it('a proxy asks; once confirmed the handshake goes through its CONNECT tunnel with the Host that was signed', async () => {
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: Number(new URL(attacker.origin).port) });
    try {
      const request = {
        method: 'GET',
        name: 'Proxied',
        url: 'ws://chat.example.test:8080/room',
        auth: sigv4('execute-api'),
        websocket: { messages: [] },
      };
      const options = { proxyUrl: proxy.url.replace('http://', 'http://team:s3cret@') };
      const refused = await connect({ request, options, tabId: 'tab-proxy' });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'CONFIRMATION_NEEDED',
          details: { signedFor: 'chat.example.test:8080', reasons: ['a proxy'] },
        },
      });
      expect(proxy.tunnels).toEqual([]);
      await call('trust:confirm-destination', { tabId: 'tab-proxy', ...pairOf(refused) });
      expect(await connect({ request, options, tabId: 'tab-proxy' })).toMatchObject({ ok: true });
      expect(proxy.tunnels).toEqual([
        {
          authority: 'chat.example.test:8080',
          proxyAuthorization: `Basic ${Buffer.from('team:s3cret').toString('base64')}`,
        },
      ]);
      const seen = attacker.handshakes.at(-1);
      expect(seen?.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1]).toBe('chat.example.test:8080');
      expect(seen?.verdict.ok).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

/** A loopback wss:// server whose certificate names `name`; what it accepted. */
async function tlsServerFor(name: string) {
  const { key, cert } = selfSignedCertificate(name);
  const server = createHttpsServer({ key, cert });
  const accepted: string[] = [];
  const wss = new WebSocketServer({ server });
  wss.on('connection', (_socket, req) => accepted.push(req.headers.host ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    server.close();
  };
  return { cert, port: (server.address() as AddressInfo).port, accepted, close };
}

describe('a wss:// handshake at a connect-to address', () => {
  it.each([
    ['opens when the certificate is for the URL’s host (the TLS name stays the URL’s)', 'chat.shomei.test', true],
    ['is refused when the address answers with another host’s certificate', 'attacker.example', false],
  ])('%s', async (_what, certifiedName, isOpened) => {
    const server = await tlsServerFor(certifiedName);
    try {
      const request = {
        method: 'GET',
        name: 'Secure chat',
        url: 'wss://chat.shomei.test/room',
        auth: sigv4('execute-api'),
        websocket: { messages: [] },
      };
      const options = { connectTo: `127.0.0.1:${server.port}`, caBundlePem: server.cert };
      const refused = await connect({ request, options, tabId: 'tab-tls' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED' } });
      await call('trust:confirm-destination', { tabId: 'tab-tls', ...pairOf(refused) });
      const answer = await connect({ request, options, tabId: 'tab-tls' });
      if (isOpened) {
        expect(answer).toMatchObject({ ok: true });
        expect(server.accepted).toEqual(['chat.shomei.test']);
      } else {
        expect(answer).toMatchObject({ ok: false, error: { code: 'NETWORK_ERROR' } });
        expect(answer.error?.message).toMatch(/^Not connected: .*chat\.shomei\.test/);
        expect(server.accepted).toEqual([]);
      }
    } finally {
      server.close();
    }
  });
});

describe('a wss:// handshake through a proxy', () => {
  it('checks the certificate against the URL’s host inside the tunnel', async () => {
    const server = await tlsServerFor('chat.shomei.test');
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: server.port });
    try {
      const request = {
        method: 'GET',
        name: 'Secure chat',
        url: 'wss://chat.shomei.test/room',
        auth: sigv4('execute-api'),
        websocket: { messages: [] },
      };
      const options = { proxyUrl: proxy.url, caBundlePem: server.cert };
      const refused = await connect({ request, options, tabId: 'tab-tunnel' });
      await call('trust:confirm-destination', { tabId: 'tab-tunnel', ...pairOf(refused) });
      expect(await connect({ request, options, tabId: 'tab-tunnel' })).toMatchObject({ ok: true });
      expect(proxy.tunnels.map((tunnel) => tunnel.authority)).toEqual(['chat.shomei.test:443']);
      expect(server.accepted).toEqual(['chat.shomei.test']);
    } finally {
      await proxy.close();
      server.close();
    }
  });
});

describe('an AppSync subscription signed for one host, sent to another', () => {
  const subscription = (url: string, options?: object) => ({
    subscriptionId: crypto.randomUUID(),
    tabId: 'tab-appsync',
    request: {
      method: 'POST',
      name: 'On message',
      url,
      auth: { ...sigv4('appsync'), isQuerySigned: false },
      body: { kind: 'text', language: 'graphql', text: 'subscription { onMessage { id } }' },
    },
    ...(options ? { options } : {}),
  });

  it('plain http:// to an AppSync API asks before its real-time socket opens; the ask can be confirmed', async () => {
    const refused = await call(
      'appsync:subscribe',
      subscription('http://abc123.appsync-api.us-east-1.amazonaws.com/graphql'),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: {
          signedFor: 'abc123.appsync-api.us-east-1.amazonaws.com',
          sentTo: 'abc123.appsync-realtime-api.us-east-1.amazonaws.com over plain ws:// (unencrypted)',
          reasons: ['plain ws://'],
          canConfirm: true,
        },
      },
    });
    expect(refused.error?.message).toMatch(/^Not subscribed: signed for abc123\.appsync-api/);
    expect(await call('trust:confirm-destination', { tabId: 'tab-appsync', ...pairOf(refused) })).toMatchObject({
      ok: true,
    });
  });

  it('a connect-to address is refused before anything is resolved, signed or asked', async () => {
    // Credentials that do not exist: the refusal comes before any credential is looked at.
    const input = subscription('https://abc123.appsync-api.us-east-1.amazonaws.com/graphql', {
      connectTo: '127.0.0.1:9',
    });
    input.request.auth = {
      ...input.request.auth,
      credentialSource: { source: 'profile', profileId: 'no-such-profile' },
    } as never;
    const refused = await call('appsync:subscribe', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.error?.message).toMatch(/^Not subscribed: subscriptions do not use a connect-to address/);
  });

  it('a proxy asks, naming the real-time host it would reach through it', async () => {
    const refused = await call(
      'appsync:subscribe',
      subscription('https://abc123.appsync-api.us-east-1.amazonaws.com/graphql', { proxyUrl: 'http://127.0.0.1:9' }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: {
          sentTo: 'abc123.appsync-realtime-api.us-east-1.amazonaws.com through the proxy http://127.0.0.1:9',
          reasons: ['a proxy'],
        },
      },
    });
  });
});
