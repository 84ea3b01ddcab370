import { randomUUID } from 'node:crypto';
import WebSocket, { type RawData } from 'ws';
import {
  APPSYNC_EMPTY_PAYLOAD,
  APPSYNC_SUBPROTOCOL,
  AppSyncServerMessageSchema,
  describeAppSyncErrors,
  operationKindOf,
  realtimeUrlOf,
  type AppSyncServerMessage,
} from '../../../shared/appsync/appsync-realtime';
import { SUBSCRIPTION_PREVIEW_BYTES, type SubscriptionEvent } from '../../../shared/contract/appsync';
import { parseGraphqlBody } from '../../../shared/graphql/graphql-body';
import type { SendOptionsInput } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { PlannedRequest } from '../requests/planned-request';
import { makeRedactor } from '../requests/redaction';
import type { CredentialResolver } from '../requests/resolved-credentials';
import { socketRoute } from '../websocket/socket-route';
import { createAppSyncAuthorizer } from './appsync-authorization';

/** Receives a subscription's events, for the window's log. */
export type SubscriptionSink = (event: SubscriptionEvent) => void;

/** AppSync real-time subscriptions, one WebSocket each, owned by main. */
export interface SubscriptionService {
  /**
   * Connects (signed header in the URL, `connection_init`, `connection_ack`), starts the
   * subscription (a signed `start`) and resolves on `start_ack`. Afterwards `data`, `error`,
   * `complete` and the socket's close reach `onEvent`; a connection without a `ka` within
   * AppSync's `connectionTimeoutMs` is reported and closed. Refusals are `SUBSCRIPTION_REFUSED`.
   */
  subscribe(
    subscriptionId: string,
    spec: PlannedRequest,
    onEvent: SubscriptionSink,
  ): Promise<{ subscriptionId: string; realtimeUrl: string; connectionTimeoutMs: number }>;
  /** Sends `stop`, waits for `complete` (at most `stopTimeoutMs`) and closes the socket. */
  unsubscribe(subscriptionId: string): Promise<{ wasActive: boolean }>;
  /** Closes every subscription's socket at once (on quit). */
  closeAll(): void;
}

/**
 * Refuses what a subscription cannot do, before anything is resolved or signed: a connect-to
 * address (a subscription talks to two hosts, the API's and its real-time twin's, so one address
 * cannot stand for both). A proxy is taken (`socketRoute`).
 */
export function assertSubscriptionOptions(options: Pick<SendOptionsInput, 'connectTo'> | undefined): void {
  if (options?.connectTo)
    throw new ShomeiError(
      'INVALID_INPUT',
      `Not subscribed: subscriptions do not use a connect-to address (they talk to the API's host and its real-time host), and this request's Options name ${options.connectTo.slice(0, 300)}. Clear it in the Options tab.`,
    );
}

/** What the subscription service needs from its host. */
export interface SubscriptionServiceDeps {
  resolveCredentials: CredentialResolver;
  now: () => Date;
  /** How long `unsubscribe` waits for AppSync's `complete` before closing anyway (default 5 s). */
  stopTimeoutMs?: number;
}

interface Live {
  socket: WebSocket;
  operationId: string;
  /** Resolved when AppSync completes the subscription or the socket closes. */
  ended: Promise<void>;
}

/** Builds the subscription service. Never puts a credential, signature or token in an event. */
export function createSubscriptionService(deps: SubscriptionServiceDeps): SubscriptionService {
  const live = new Map<string, Live>();
  const stopTimeoutMs = deps.stopTimeoutMs ?? 5000;

  const subscribe: SubscriptionService['subscribe'] = async (subscriptionId, spec, onEvent) => {
    if (live.has(subscriptionId)) throw new ShomeiError('CONFLICT', 'This subscription is already open; unsubscribe first');
    const data = subscriptionDataOf(spec);
    const realtimeUrl = realtimeUrlOf(spec.url);
    if (!realtimeUrl) throw new ShomeiError('INVALID_INPUT', 'The URL must start with https:// (or http://) and a host');
    assertSubscriptionOptions(spec.options);
    const authorizer = await createAppSyncAuthorizer(spec, deps);
    const apiUrl = new URL(spec.url);
    apiUrl.search = '';
    apiUrl.hash = '';
    const connectUrl = `${apiUrl.origin}${apiUrl.pathname.replace(/\/$/, '')}/connect`;
    const header = await authorizer.authorize(connectUrl, '{}');
    // Security: every credential of the subscription is removed from text that reaches an event or an error.
    const redact = makeRedactor(authorizer.secrets());

    let seq = 0;
    const emit = (kind: SubscriptionEvent['kind'], text?: string, size?: number) => {
      const clipped = text === undefined ? undefined : clip(redact(text));
      onEvent({
        subscriptionId,
        seq: seq++,
        at: deps.now().toISOString(),
        kind,
        ...(clipped ? { text: clipped.text, ...(clipped.isTruncated ? { isTruncated: true } : {}) } : {}),
        ...(size === undefined ? {} : { size }),
      });
    };

    const proxied = socketRoute(realtimeUrl, { proxyUrl: spec.options.proxyUrl });
    const socket = new WebSocket(
      `${realtimeUrl}?header=${encodeURIComponent(base64Json(header))}&payload=${APPSYNC_EMPTY_PAYLOAD}`,
      [APPSYNC_SUBPROTOCOL],
      {
        handshakeTimeout: spec.options.timeoutMs,
        rejectUnauthorized: spec.options.isTlsVerified,
        ...(spec.options.caBundlePem ? { ca: spec.options.caBundlePem } : {}),
        maxPayload: 16 * 1024 * 1024,
        followRedirects: false,
        ...(proxied ? { createConnection: proxied } : {}),
      },
    );
    const operationId = randomUUID();
    let endedResolve = () => {};
    const ended = new Promise<void>((resolve) => (endedResolve = resolve));
    live.set(subscriptionId, { socket, operationId, ended });

    let kaTimer: ReturnType<typeof setTimeout> | undefined;
    let connectionTimeoutMs = 0;
    let isStarted = false;
    let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
    const handshake = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const fail = (error: ShomeiError) => {
      if (!settle) return;
      settle.reject(error);
      settle = undefined;
      socket.terminate();
    };
    const watchKeepAlive = () => {
      clearTimeout(kaTimer);
      kaTimer = setTimeout(() => {
        const message = `No keep-alive (ka) from AppSync within ${connectionTimeoutMs} ms: the connection is considered dead and was closed.`;
        if (isStarted) emit('error', message);
        fail(new ShomeiError('TIMEOUT', `Not subscribed: ${message}`));
        socket.terminate();
      }, connectionTimeoutMs);
    };
    const ackTimer = setTimeout(
      () => fail(new ShomeiError('TIMEOUT', `Not subscribed: AppSync did not acknowledge within ${spec.options.timeoutMs} ms.`)),
      spec.options.timeoutMs,
    );

    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.length < 16 && chunks.push(chunk));
      response.on('end', () =>
        fail(
          new ShomeiError(
            'SUBSCRIPTION_REFUSED',
            `Not subscribed: the real-time endpoint refused the connection with HTTP ${response.statusCode}${chunks.length ? `: ${redact(Buffer.concat(chunks).toString('utf8').slice(0, 300))}` : ''}.`,
            { status: response.statusCode },
          ),
        ),
      );
      response.on('error', () => fail(new ShomeiError('NETWORK_ERROR', `Not subscribed: HTTP ${response.statusCode}`)));
    });
    socket.on('error', (error: Error) =>
      fail(new ShomeiError('NETWORK_ERROR', `Not subscribed: ${redact(error.message)}`)),
    );
    socket.on('close', (code: number, reason: Buffer) => {
      clearTimeout(kaTimer);
      clearTimeout(ackTimer);
      live.delete(subscriptionId);
      fail(new ShomeiError('NETWORK_ERROR', `Not subscribed: the connection closed (${code}${reason.length ? ` ${redact(reason.toString('utf8'))}` : ''}).`));
      if (isStarted) emit('closed', `Connection closed (${code}${reason.length ? `: ${redact(reason.toString('utf8'))}` : ''})`);
      endedResolve();
    });
    socket.on('message', (raw: RawData, isBinary: boolean) => {
      const text = rawText(raw);
      const message = isBinary ? undefined : readServerMessage(text);
      if (!message) {
        const problem = `AppSync sent a message Shomei does not understand: ${redact(text.slice(0, 200))}`;
        if (isStarted) emit('error', problem);
        else fail(new ShomeiError('SUBSCRIPTION_REFUSED', `Not subscribed: ${problem}`));
        return;
      }
      handle(message, Buffer.byteLength(text));
    });

    const handle = (message: AppSyncServerMessage, size: number) => {
      switch (message.type) {
        case 'connection_ack':
          connectionTimeoutMs = message.payload.connectionTimeoutMs;
          watchKeepAlive();
          emit('connected', `Connected to ${realtimeUrl}; AppSync keeps it alive every ${connectionTimeoutMs} ms at most`);
          void authorizer
            .authorize(apiUrl.toString(), data)
            .then((authorization) =>
              socket.send(
                JSON.stringify({
                  id: operationId,
                  payload: { data, extensions: { authorization } },
                  type: 'start',
                }),
              ),
            )
            .catch((error: unknown) =>
              fail(error instanceof ShomeiError ? error : new ShomeiError('SIGNING_FAILED', 'Not subscribed: the start could not be signed')),
            );
          return;
        case 'connection_error':
          fail(
            new ShomeiError(
              'SUBSCRIPTION_REFUSED',
              `Not subscribed: AppSync refused the connection: ${redact(describeAppSyncErrors(message.payload?.errors))}`,
              { errors: message.payload?.errors ?? [] },
            ),
          );
          return;
        case 'ka':
          if (connectionTimeoutMs > 0) watchKeepAlive();
          return;
        case 'start_ack':
          if (message.id !== operationId) return;
          clearTimeout(ackTimer);
          isStarted = true;
          emit('subscribed', `Subscribed (operation ${operationId})`);
          settle?.resolve();
          settle = undefined;
          return;
        case 'data':
          if (message.id === operationId) {
            const json = JSON.stringify(message.payload, null, 2);
            emit('data', json, size);
          }
          return;
        case 'error': {
          const text = `AppSync: ${redact(describeAppSyncErrors(message.payload?.errors))}`;
          if (!isStarted) {
            fail(new ShomeiError('SUBSCRIPTION_REFUSED', `Not subscribed: ${text}`, { errors: message.payload?.errors ?? [] }));
            return;
          }
          emit('error', text);
          return;
        }
        case 'complete':
          if (message.id !== operationId) return;
          emit('complete', 'AppSync completed the subscription');
          socket.close(1000);
          return;
      }
    };

    try {
      await handshake;
    } catch (error) {
      live.delete(subscriptionId);
      clearTimeout(kaTimer);
      socket.terminate();
      throw error;
    }
    return { subscriptionId, realtimeUrl, connectionTimeoutMs };
  };

  return {
    subscribe,
    async unsubscribe(subscriptionId) {
      const entry = live.get(subscriptionId);
      if (!entry) return { wasActive: false };
      if (entry.socket.readyState === WebSocket.OPEN) {
        entry.socket.send(JSON.stringify({ type: 'stop', id: entry.operationId }));
        // AppSync answers `stop` with `complete`, and the handler above then closes the socket.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([entry.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, stopTimeoutMs)))]);
        clearTimeout(timer);
      }
      if (entry.socket.readyState !== WebSocket.CLOSED) {
        entry.socket.close(1000);
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([entry.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, stopTimeoutMs)))]);
        clearTimeout(timer);
        entry.socket.terminate();
      }
      live.delete(subscriptionId);
      return { wasActive: true };
    },
    closeAll() {
      for (const entry of live.values()) entry.socket.terminate();
      live.clear();
    },
  };
}

/**
 * The `data` of a `start`: the request's GraphQL body as `{query, variables}` (and its operation
 * name when set). Refuses a body that is not GraphQL, or an operation that is not a subscription.
 */
export function subscriptionDataOf(spec: PlannedRequest): string {
  const text = spec.body.kind === 'bytes' ? Buffer.from(spec.body.bytes).toString('utf8') : undefined;
  const parts = text === undefined ? undefined : parseGraphqlBody(text);
  if (!parts)
    throw new ShomeiError('INVALID_INPUT', 'Not subscribed: the body must be a GraphQL query (Body → GraphQL) with a subscription.');
  const kind = operationKindOf(parts.query, parts.operationName);
  if (kind !== 'subscription')
    throw new ShomeiError(
      'INVALID_INPUT',
      kind === undefined
        ? 'Not subscribed: the GraphQL query does not parse, or it has several operations and no operation name says which.'
        : `Not subscribed: the operation is a ${kind}, not a subscription. Use Send for it.`,
    );
  const variables: unknown = parts.variables.trim() === '' ? {} : JSON.parse(parts.variables);
  const operationName = parts.operationName.trim();
  return JSON.stringify({ query: parts.query, variables, ...(operationName ? { operationName } : {}) });
}

function readServerMessage(text: string): AppSyncServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = AppSyncServerMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw).toString('utf8');
}

function base64Json(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function clip(text: string): { text: string; isTruncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength <= SUBSCRIPTION_PREVIEW_BYTES) return { text, isTruncated: false };
  return { text: bytes.subarray(0, SUBSCRIPTION_PREVIEW_BYTES).toString('utf8'), isTruncated: true };
}
