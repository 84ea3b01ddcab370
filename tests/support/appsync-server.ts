import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { verifySigV4, type KnownCredentials, type Verdict } from './verifying-server';

/**
 * A stand-in for AppSync's real-time endpoint on loopback, speaking its `graphql-ws` protocol as
 * AWS documents it. It checks the connection URL's `header` (SigV4 verified with `aws4`, not our
 * signer, over `POST /graphql/connect` with `{}`; or an API key; or a token) and the authorization
 * of each `start` (SigV4 over `POST /graphql` with the start's `data`), sends `ka` on an interval,
 * publishes `data` when the test-only `POST /publish` is called, answers `stop` with `complete`,
 * and refuses bad authorization with AppSync's error shapes.
 */
export interface AppSyncServer {
  /** `http://127.0.0.1:<port>/graphql`: the GraphQL API URL a request names. */
  graphqlUrl: string;
  /** The real-time URL the client must open: `ws://127.0.0.1:<port>/graphql/realtime`. */
  realtimeUrl: string;
  /** Every message a client sent, parsed, in order. */
  received: Array<Record<string, unknown>>;
  /** Each verification (connection header or start) with what it checked. */
  verdicts: Array<{ on: 'connect' | 'start'; ok: boolean; reason: string; verdict?: Verdict }>;
  /** Subscriptions started and not stopped, by operation id. */
  active: Map<string, { socket: WebSocket; query: string; variables: unknown }>;
  /** Sends `data` to every active subscription; resolves with how many got it. */
  publish(data: unknown): number;
  /** The `Sec-WebSocket-Protocol` values of each connection, and its raw query string. */
  handshakes: Array<{ protocols: string; query: string }>;
  /** Calls `listener` with the running count after each `ka` sent. */
  onKa(listener: (count: number) => void): void;
  close(): Promise<void>;
}

/** How the stand-in behaves. */
export interface AppSyncServerOptions {
  known?: KnownCredentials[];
  apiKeys?: string[];
  /** Cognito/OIDC/Lambda tokens accepted in `Authorization`. */
  tokens?: string[];
  /** Tokens good for connecting only: a `start` with one is refused (a user without rights to the subscription). */
  connectOnlyTokens?: string[];
  /** `connectionTimeoutMs` announced in `connection_ack` (default 300000, as AppSync). */
  connectionTimeoutMs?: number;
  /** How often `ka` is sent; 0 sends none (a dead connection). Default 50 ms. */
  kaIntervalMs?: number;
}

const UNAUTHORIZED = {
  errorType: 'UnauthorizedException',
  message: 'You are not authorized to make this call.',
};

export async function startAppSyncServer(options: AppSyncServerOptions = {}): Promise<AppSyncServer> {
  const known = options.known ?? [];
  const received: AppSyncServer['received'] = [];
  const verdicts: AppSyncServer['verdicts'] = [];
  const active: AppSyncServer['active'] = new Map();
  const handshakes: AppSyncServer['handshakes'] = [];
  const timers = new Set<ReturnType<typeof setInterval>>();
  let host = '';
  let kaCount = 0;
  const kaListeners: Array<(count: number) => void> = [];

  const check = (on: 'connect' | 'start', authorization: unknown, path: string, body: string): boolean => {
    if (authorization === null || typeof authorization !== 'object') {
      verdicts.push({ on, ok: false, reason: 'no authorization object' });
      return false;
    }
    const fields = Object.entries(authorization as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    const field = (name: string) => fields.find(([key]) => key.toLowerCase() === name)?.[1];
    if (field('host') !== host) {
      verdicts.push({ on, ok: false, reason: `host ${field('host')} is not ${host}` });
      return false;
    }
    const signature = field('authorization');
    if (signature?.startsWith('AWS4-')) {
      const verdict = verifySigV4('POST', path, fields, Buffer.from(body, 'utf8'), known);
      verdicts.push({ on, ok: verdict.ok, reason: verdict.reason, verdict });
      return verdict.ok;
    }
    const apiKey = field('x-api-key');
    if (apiKey !== undefined) {
      const ok = (options.apiKeys ?? []).includes(apiKey);
      verdicts.push({ on, ok, reason: ok ? 'api key' : 'unknown api key' });
      return ok;
    }
    const tokens = [...(options.tokens ?? []), ...(on === 'connect' ? (options.connectOnlyTokens ?? []) : [])];
    const ok = signature !== undefined && tokens.includes(signature);
    verdicts.push({ on, ok, reason: ok ? 'token' : 'unknown token' });
    return ok;
  };

  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/publish') {
        const count = publish(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ delivered: count }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false) });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    handshakes.push({ protocols: String(req.headers['sec-websocket-protocol'] ?? ''), query: url.search });
    if (url.pathname !== '/graphql/realtime' || !String(req.headers['sec-websocket-protocol'] ?? '').includes('graphql-ws')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, url));
  });

  const accept = (ws: WebSocket, url: URL) => {
    let header: unknown;
    try {
      header = JSON.parse(Buffer.from(url.searchParams.get('header') ?? '', 'base64').toString('utf8'));
    } catch {
      header = undefined;
    }
    const isPayloadEmpty = url.searchParams.get('payload') === 'e30=';
    let isAcked = false;
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Record<string, unknown>;
      received.push(message);
      if (message.type === 'connection_init') {
        if (!isPayloadEmpty || !check('connect', header, '/graphql/connect', '{}')) {
          ws.send(JSON.stringify({ type: 'connection_error', payload: { errors: [{ ...UNAUTHORIZED, errorCode: 401 }] } }));
          ws.close(1000);
          return;
        }
        isAcked = true;
        ws.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: options.connectionTimeoutMs ?? 300_000 } }));
        const kaIntervalMs = options.kaIntervalMs ?? 50;
        if (kaIntervalMs > 0) {
          const timer = setInterval(() => {
            ws.send(JSON.stringify({ type: 'ka' }));
            kaCount += 1;
            for (const listener of kaListeners) listener(kaCount);
          }, kaIntervalMs);
          timers.add(timer);
          ws.on('close', () => {
            clearInterval(timer);
            timers.delete(timer);
          });
        }
        return;
      }
      const id = typeof message.id === 'string' ? message.id : '';
      if (message.type === 'start') {
        const payload = (message.payload ?? {}) as { data?: unknown; extensions?: { authorization?: unknown } };
        const data = typeof payload.data === 'string' ? payload.data : '';
        if (!isAcked || !check('start', payload.extensions?.authorization, '/graphql', data)) {
          ws.send(JSON.stringify({ type: 'error', id, payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } }));
          return;
        }
        const parsed = JSON.parse(data) as { query?: string; variables?: unknown };
        if (typeof parsed.query !== 'string' || !/^\s*subscription\b/.test(parsed.query)) {
          ws.send(JSON.stringify({ type: 'error', id, payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] } }));
          return;
        }
        active.set(id, { socket: ws, query: parsed.query, variables: parsed.variables });
        ws.send(JSON.stringify({ type: 'start_ack', id }));
        return;
      }
      if (message.type === 'stop') {
        active.delete(id);
        ws.send(JSON.stringify({ type: 'complete', id }));
      }
    });
    ws.on('close', () => {
      for (const [id, entry] of active) if (entry.socket === ws) active.delete(id);
    });
  };

  const publish = (data: unknown): number => {
    for (const [id, entry] of active) entry.socket.send(JSON.stringify({ type: 'data', id, payload: { data } }));
    return active.size;
  };

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  return {
    graphqlUrl: `http://${host}/graphql`,
    realtimeUrl: `ws://${host}/graphql/realtime`,
    received,
    verdicts,
    active,
    publish,
    handshakes,
    onKa: (listener) => kaListeners.push(listener),
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
