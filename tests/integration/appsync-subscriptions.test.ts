import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { SubscriptionEvent } from '../../shared/contract/appsync';
import type { EventName } from '../../shared/contract/channels';
import { CollectionSchema, RequestDraftSchema, type RequestDraft, type SavedAuth } from '../../shared/contract/collections';
import WebSocket from 'ws';
import { createAppSyncAuthorizer } from '../../electron/core/appsync/appsync-authorization';
import { subscriptionDataOf } from '../../electron/core/appsync/subscription-service';
import { startAppSyncServer, type AppSyncServer, type AppSyncServerOptions } from '../support/appsync-server';
import { startConnectProxy } from '../support/connect-proxy';
import { makeTempDir } from '../support/temp-dir';

const KEYS = { accessKeyId: 'ASIAAPPSYNCTEMPORARY', secretAccessKey: 'appsyncSecretKey/0000000000000000000000', sessionToken: 'IQoJb3JpZ2luAPPSYNC//////////SESSION+TOKEN==' };
const API_KEY = 'da2-appsynctestapikey0123456789';
const COGNITO_TOKEN = 'eyJraWQiOiJjb2duaXRvIn0.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWNvZ25pdG8';
const SECRETS = [KEYS.secretAccessKey, KEYS.sessionToken, API_KEY, COGNITO_TOKEN];
const SUBSCRIPTION = 'subscription OnCreateTodo($owner: String) { onCreateTodo(owner: $owner) { id name } }';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;
let server: AppSyncServer | undefined;
let events: SubscriptionEvent[];
let waiters: Array<() => void>;

beforeEach(() => {
  temp = makeTempDir('shomei-appsync-');
  core = createCore({ host: 'test', version: '0.0.0-test', dataDir: temp.dir, env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_SESSION_TOKEN: KEYS.sessionToken } });
  events = [];
  waiters = [];
});
afterEach(async () => {
  await core.close();
  await server?.close();
  server = undefined;
  temp.remove();
});

async function serve(options: AppSyncServerOptions = {}): Promise<AppSyncServer> {
  // A Cognito ID token as users keep one: a secret variable of the active environment.
  await core.environments.create({ name: 'dev', variables: [{ name: 'idToken', value: COGNITO_TOKEN, isSecret: true }] });
  core.environments.setActive(core.environments.list()[0]?.id ?? null);
  server = await startAppSyncServer({ known: [KEYS], apiKeys: [API_KEY], tokens: [COGNITO_TOKEN], ...options });
  return server;
}

const iam: SavedAuth = { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'us-east-1', service: 'appsync', isQuerySigned: false, expiresInSeconds: 900 };

function draftOf(url: string, auth: SavedAuth, headers: Array<[string, string]> = [], query = SUBSCRIPTION): RequestDraft {
  return RequestDraftSchema.parse({
    name: 'OnCreateTodo',
    method: 'POST',
    url,
    headers: headers.map(([name, value]) => ({ name, value, isEnabled: true })),
    body: { kind: 'text', language: 'graphql', text: JSON.stringify({ query, variables: { owner: 'alice' } }), contentType: 'application/json' },
    auth,
  });
}

/** Calls a channel through the dispatcher the window uses, collecting `appsync:event`s. */
async function call<T>(channel: 'appsync:subscribe' | 'appsync:unsubscribe', input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const dispatcher = createDispatcher(createHandlers(core));
  return (await dispatcher.dispatch(channel, input, {
    emit: (name: EventName, payload: unknown) => {
      if (name !== 'appsync:event') return;
      events.push(payload as SubscriptionEvent);
      for (const wake of waiters.splice(0)) wake();
    },
  })) as never;
}

/** Waits until an event matches (no sleeps: woken by each event). */
async function eventWhere(match: (event: SubscriptionEvent) => boolean): Promise<SubscriptionEvent> {
  for (;;) {
    const found = events.find(match);
    if (found) return found;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

function expectNoSecret(values: unknown[]): void {
  const text = JSON.stringify(values);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('AppSync subscriptions against a loopback AppSync stand-in (SigV4 checked with aws4)', () => {
  it('IAM: signs the connection header and the start, receives published data live, stops with complete', async () => {
    const appsync = await serve();
    const subscribed = await call<{ realtimeUrl: string; connectionTimeoutMs: number }>('appsync:subscribe', { subscriptionId: 's1', request: draftOf(appsync.graphqlUrl, iam) });
    expect(subscribed).toMatchObject({ ok: true, value: { realtimeUrl: appsync.realtimeUrl, connectionTimeoutMs: 300_000 } });
    expect(appsync.handshakes[0]?.protocols).toBe('graphql-ws');
    expect(appsync.handshakes[0]?.query).toMatch(/^\?header=[^&]+&payload=e30=$/);
    expect(appsync.verdicts.map(({ on, ok, reason }) => ({ on, ok, reason }))).toEqual([
      { on: 'connect', ok: true, reason: 'verified' },
      { on: 'start', ok: true, reason: 'verified' },
    ]);
    // The canonical request aws4 rebuilt: a POST to /graphql/connect of `{}`, the session token signed.
    expect(appsync.verdicts[0]?.verdict?.canonicalRequest).toMatch(/^POST\n\/graphql\/connect\n\n/);
    expect(appsync.verdicts[0]?.verdict?.canonicalRequest).toContain('x-amz-security-token');
    expect(appsync.received.map((message) => message.type)).toEqual(['connection_init', 'start']);
    const start = appsync.received[1] as { id: string; payload: { data: string } };
    expect(JSON.parse(start.payload.data)).toEqual({ query: SUBSCRIPTION, variables: { owner: 'alice' } });
    expect([...appsync.active.values()][0]?.variables).toEqual({ owner: 'alice' });

    expect(appsync.publish({ onCreateTodo: { id: '1', name: 'first' } })).toBe(1);
    const data = await eventWhere((event) => event.kind === 'data');
    expect(JSON.parse(data.text ?? '')).toEqual({ data: { onCreateTodo: { id: '1', name: 'first' } } });
    appsync.publish({ onCreateTodo: { id: '2', name: 'second' } });
    await eventWhere((event) => event.kind === 'data' && (event.text ?? '').includes('second'));

    expect(await call('appsync:unsubscribe', { subscriptionId: 's1' })).toEqual({ ok: true, value: { wasActive: true } });
    expect(appsync.received.at(-1)).toEqual({ type: 'stop', id: start.id });
    await eventWhere((event) => event.kind === 'closed');
    expect(events.map((event) => event.kind)).toEqual(['connected', 'subscribed', 'data', 'data', 'complete', 'closed']);
    expect(events.map((event) => event.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(appsync.active.size).toBe(0);
    expect(await call('appsync:unsubscribe', { subscriptionId: 's1' })).toEqual({ ok: true, value: { wasActive: false } });
    expectNoSecret([events, subscribed]);
  });

  it('through a proxy: asks first, then subscribes through its CONNECT tunnel to the real-time host, signed as before', async () => {
    const appsync = await serve();
    const realtime = new URL(appsync.realtimeUrl);
    const proxy = await startConnectProxy({ host: realtime.hostname, port: Number(realtime.port) });
    try {
      const input = { subscriptionId: 's-proxy', tabId: 'tab-proxy', request: draftOf(appsync.graphqlUrl, iam), options: { proxyUrl: proxy.url } };
      const asked = await call('appsync:subscribe', input);
      expect(asked).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED' } });
      expect(proxy.tunnels).toEqual([]);
      const { signedFor, sentTo } = (asked as unknown as { error: { details: { signedFor: string; sentTo: string } } }).error.details;
      const dispatcher = createDispatcher(createHandlers(core));
      expect(await dispatcher.dispatch('trust:confirm-destination', { tabId: 'tab-proxy', signedFor, sentTo }, { emit: () => undefined })).toMatchObject({ ok: true });
      expect(await call('appsync:subscribe', input)).toMatchObject({ ok: true });
      expect(proxy.tunnels.map((tunnel) => tunnel.authority)).toEqual([realtime.host]);
      expect(appsync.verdicts.map(({ on, ok }) => ({ on, ok }))).toEqual([
        { on: 'connect', ok: true },
        { on: 'start', ok: true },
      ]);
      expect(await call('appsync:unsubscribe', { subscriptionId: 's-proxy' })).toEqual({ ok: true, value: { wasActive: true } });
    } finally {
      await proxy.close();
    }
  });

  it('API key: the header object is {host, x-api-key}, nothing signed', async () => {
    const appsync = await serve();
    const result = await call('appsync:subscribe', { subscriptionId: 's2', request: draftOf(appsync.graphqlUrl, { type: 'none' }, [['x-api-key', API_KEY]]) });
    expect(result.ok).toBe(true);
    expect(appsync.verdicts.map(({ on, reason }) => `${on}:${reason}`)).toEqual(['connect:api key', 'start:api key']);
    const header = JSON.parse(Buffer.from(new URLSearchParams(appsync.handshakes[0]?.query).get('header') ?? '', 'base64').toString('utf8')) as unknown;
    expect(header).toEqual({ host: new URL(appsync.graphqlUrl).host, 'x-api-key': API_KEY });
    await call('appsync:unsubscribe', { subscriptionId: 's2' });
  });

  it('Cognito token from the bearer auth type (no prefix): the header object carries Authorization', async () => {
    const appsync = await serve();
    const result = await call('appsync:subscribe', {
      subscriptionId: 's3',
      request: draftOf(appsync.graphqlUrl, { type: 'bearer', tokenRef: { kind: 'variables', text: '{{idToken}}' }, prefix: '' }),
    });
    expect(result.ok).toBe(true);
    expect(appsync.verdicts.map(({ on, reason }) => `${on}:${reason}`)).toEqual(['connect:token', 'start:token']);
    await call('appsync:unsubscribe', { subscriptionId: 's3' });
  });

  it('a bad signature is refused with AppSync’s UnauthorizedException, in a clear error, and nothing stays open', async () => {
    const appsync = await serve();
    const wrong = { source: 'inline', accessKeyId: KEYS.accessKeyId, secretAccessKey: 'notTheRightSecret/00000000000000000000000', sessionToken: KEYS.sessionToken };
    const result = await call('appsync:subscribe', { subscriptionId: 's4', request: draftOf(appsync.graphqlUrl, iam), credentials: wrong });
    expect(result).toMatchObject({ ok: false, error: { code: 'SUBSCRIPTION_REFUSED' } });
    if (result.ok) return;
    expect(result.error.message).toBe('Not subscribed: AppSync refused the connection: UnauthorizedException: You are not authorized to make this call.');
    expect(appsync.verdicts).toMatchObject([{ on: 'connect', ok: false, reason: 'SignatureDoesNotMatch' }]);
    expect(appsync.received.map((message) => message.type)).toEqual(['connection_init']);
    expect(JSON.stringify(result)).not.toContain('notTheRightSecret');
    expect(await call('appsync:unsubscribe', { subscriptionId: 's4' })).toEqual({ ok: true, value: { wasActive: false } });
  });

  it('an API key AppSync does not know: the connection is refused the same way', async () => {
    const appsync = await serve();
    const result = await call('appsync:subscribe', { subscriptionId: 's5', request: draftOf(appsync.graphqlUrl, { type: 'none' }, [['x-api-key', 'da2-someoneelseskey000000000']]) });
    expect(result).toMatchObject({ ok: false, error: { code: 'SUBSCRIPTION_REFUSED', message: expect.stringContaining('UnauthorizedException') } });
  });

  it('a start AppSync refuses (the token may connect but not subscribe): a clear error, the socket closed', async () => {
    const appsync = await serve({ tokens: [], connectOnlyTokens: [COGNITO_TOKEN] });
    const result = await call('appsync:subscribe', {
      subscriptionId: 's11',
      request: draftOf(appsync.graphqlUrl, { type: 'bearer', tokenRef: { kind: 'variables', text: '{{idToken}}' }, prefix: '' }),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SUBSCRIPTION_REFUSED', message: 'Not subscribed: AppSync: UnauthorizedException: Permission denied' } });
    expect(appsync.verdicts.map(({ on, ok }) => `${on}:${ok}`)).toEqual(['connect:true', 'start:false']);
    expect(await call('appsync:unsubscribe', { subscriptionId: 's11' })).toEqual({ ok: true, value: { wasActive: false } });
  });

  it('attacker: a start whose data was changed after signing is refused by the stand-in (it verifies each start)', async () => {
    const appsync = await serve();
    const spec = await core.drafts.subscriptionRequestOf({ request: draftOf(appsync.graphqlUrl, iam) });
    const authorizer = await createAppSyncAuthorizer(spec, { resolveCredentials: (source) => core.credentials.resolver.resolve(source), now: () => new Date() });
    const header = Buffer.from(JSON.stringify(await authorizer.authorize(`${appsync.graphqlUrl}/connect`, '{}'))).toString('base64');
    const data = subscriptionDataOf(spec);
    const authorization = await authorizer.authorize(appsync.graphqlUrl, data);
    const socket = new WebSocket(`${appsync.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
    try {
      const answers: Array<Record<string, unknown>> = [];
      const next = () => new Promise<Record<string, unknown>>((resolve) => socket.once('message', (raw) => resolve(JSON.parse(raw.toString()) as Record<string, unknown>)));
      await new Promise<void>((resolve) => socket.once('open', () => resolve()));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      answers.push(await next());
      const tampered = data.replace('alice', 'mallory');
      socket.send(JSON.stringify({ id: 'x1', type: 'start', payload: { data: tampered, extensions: { authorization } } }));
      let answer = await next();
      while (answer.type === 'ka') answer = await next();
      answers.push(answer);
      expect(answers).toEqual([
        { type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } },
        { type: 'error', id: 'x1', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } },
      ]);
      expect(appsync.verdicts.at(-1)).toMatchObject({ on: 'start', ok: false, reason: 'SignatureDoesNotMatch' });
    } finally {
      socket.terminate();
    }
  });

  it('no keep-alive within connectionTimeoutMs: the connection is reported dead and closed', async () => {
    const appsync = await serve({ kaIntervalMs: 0, connectionTimeoutMs: 300 });
    const result = await call('appsync:subscribe', { subscriptionId: 's6', request: draftOf(appsync.graphqlUrl, iam) });
    expect(result).toMatchObject({ ok: true, value: { connectionTimeoutMs: 300 } });
    const dead = await eventWhere((event) => event.kind === 'error');
    expect(dead.text).toBe('No keep-alive (ka) from AppSync within 300 ms: the connection is considered dead and was closed.');
    await eventWhere((event) => event.kind === 'closed');
    expect(await call('appsync:unsubscribe', { subscriptionId: 's6' })).toEqual({ ok: true, value: { wasActive: false } });
  });

  it('keep-alives keep the connection open past connectionTimeoutMs', async () => {
    const appsync = await serve({ kaIntervalMs: 10, connectionTimeoutMs: 1000 });
    await call('appsync:subscribe', { subscriptionId: 's7', request: draftOf(appsync.graphqlUrl, iam) });
    // Publish only after more ka than fit in one timeout went out: the watchdog was reset by each.
    await new Promise<void>((resolve) => appsync.onKa((count) => count >= 150 && resolve()));
    appsync.publish({ onCreateTodo: { id: '3', name: 'still here' } });
    await eventWhere((event) => event.kind === 'data');
    expect(events.some((event) => event.kind === 'error' || event.kind === 'closed')).toBe(false);
    await call('appsync:unsubscribe', { subscriptionId: 's7' });
  });

  it('a query that is not a subscription is refused before anything is opened', async () => {
    const appsync = await serve();
    const result = await call('appsync:subscribe', { subscriptionId: 's8', request: draftOf(appsync.graphqlUrl, iam, [], 'query Q { listTodos { items { id } } }') });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Not subscribed: the operation is a query, not a subscription. Use Send for it.' } });
    expect(appsync.handshakes).toEqual([]);
  });

  it('expired temporary keys refuse to subscribe, before anything is opened', async () => {
    const appsync = await serve();
    const expired = { source: 'inline', ...KEYS, expiration: new Date(Date.now() - 60_000).toISOString() };
    const result = await call('appsync:subscribe', { subscriptionId: 's9', request: draftOf(appsync.graphqlUrl, iam), credentials: expired });
    expect(result).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_EXPIRED' } });
    expect(appsync.handshakes).toEqual([]);
  });

  it('attacker: a request of an imported, untrusted collection may not subscribe with the user’s keys or token', async () => {
    const appsync = await serve();
    for (const [index, auth] of ([iam, { type: 'bearer', tokenRef: { kind: 'variables', text: '{{idToken}}' }, prefix: '' }] as SavedAuth[]).entries()) {
      const collection = core.collections.addCollection(
        CollectionSchema.parse({ id: `imported${index}`, name: 'Shared with me', settings: { auth }, items: [{ kind: 'request', id: `r${index}`, ...draftOf(appsync.graphqlUrl, { type: 'inherit' }) }] }),
      );
      const saved = collection.items[0];
      if (saved?.kind !== 'request') throw new Error('no request');
      const { kind: _kind, id, ...draft } = saved;
      const result = await call('appsync:subscribe', { subscriptionId: `u${index}`, request: draft, savedRequestId: id });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED', message: expect.stringMatching(/^Not subscribed: the collection "Shared with me" was imported and is not trusted yet/) } });
    }
    expect(appsync.handshakes).toEqual([]);
  });

  it('attacker: AppSync-looking messages for another operation id, and junk, do not reach the log as data', async () => {
    const appsync = await serve();
    await call('appsync:subscribe', { subscriptionId: 's10', request: draftOf(appsync.graphqlUrl, iam) });
    const socket = [...appsync.active.values()][0]?.socket;
    socket?.send(JSON.stringify({ type: 'data', id: 'someone-else', payload: { data: { forged: true } } }));
    socket?.send('not json at all');
    appsync.publish({ onCreateTodo: { id: '4', name: 'real' } });
    await eventWhere((event) => event.kind === 'data');
    expect(events.filter((event) => event.kind === 'data').map((event) => event.text)).toEqual([expect.stringContaining('real')]);
    expect(events.find((event) => event.kind === 'error')?.text).toBe('AppSync sent a message Shomei does not understand: not json at all');
    await call('appsync:unsubscribe', { subscriptionId: 's10' });
  });
});
