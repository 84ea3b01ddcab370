import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract/channels';
import type { CallContext, Dispatcher } from '../ipc/dispatcher';

/** The Content-Security-Policy of every page browser mode serves. Same policy as Electron's. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Options of browser mode's loopback server. */
export interface WebServerOptions {
  dispatcher: Dispatcher;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  /** 0 = any free port. */
  port?: number;
  /** A fixed token for tests; otherwise a fresh random one per launch. */
  token?: string;
  /** Largest accepted call body, bytes. */
  maxCallBytes?: number;
  /** The last open page left (its event stream closed): what it opened (WebSockets) can be closed. */
  onLastPageGone?: () => void;
}

/** A running browser-mode server. */
export interface WebServer {
  /** The URL to open, token included (in the fragment, so it is never sent in a request line). */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the renderer and the dispatcher on 127.0.0.1 only.
 * Security: every request must carry our own loopback Host (DNS rebinding) and, when present, our
 * own Origin; every call and the event stream need the per-launch token in `Authorization`, which
 * a cross-origin page cannot send without a CORS preflight that we never approve. The token is
 * never logged.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const maxCallBytes = options.maxCallBytes ?? 128 * 1024 * 1024;
  const subscribers = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const context: CallContext = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const res of subscribers) res.write(frame);
    },
  };

  const isAuthorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const server: Server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!allowedHosts.has(req.headers.host ?? '')) return deny(res, 421, 'Unknown host');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) {
      return deny(res, 403, 'Foreign origin');
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      if (!isAuthorized(req)) return deny(res, 401, 'Missing or wrong launch token');
      if (req.method === 'POST' && path.startsWith('/api/invoke/')) {
        const channel = decodeURIComponentSafe(path.slice('/api/invoke/'.length));
        if (channel === undefined) return deny(res, 400, 'Bad path');
        // Security: a client that goes away mid-call (an aborted upload) must not become an
        // unhandled rejection that takes the server, and every pending save, down with it.
        return void handleInvoke(req, res, channel).catch(() => {
          if (!res.headersSent && !res.destroyed) deny(res, 400, 'The call body did not arrive');
          else res.destroy();
        });
      }
      if (req.method === 'GET' && path === '/api/events') return handleEvents(res);
      return deny(res, 404, 'No such call');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    return serveStatic(path, res);
  });

  async function handleInvoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return deny(res, 415, 'Calls are JSON');
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxCallBytes) return deny(res, 413, 'Call too large');
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      input = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input?: unknown }).input;
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'INVALID_INPUT', message: 'The call body is not JSON' } });
    }
    const result = await options.dispatcher.dispatch(channel, input, context);
    // The caller may have gone while the call ran; its answer has nowhere to go.
    if (!res.destroyed) sendJson(res, 200, result);
  }

  function handleEvents(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    subscribers.add(res);
    res.on('close', () => {
      subscribers.delete(res);
      if (subscribers.size === 0) options.onLastPageGone?.();
    });
  }

  function serveStatic(path: string, res: ServerResponse): void {
    const relative = path === '/' ? 'index.html' : decodeURIComponentSafe(path.slice(1));
    if (relative === undefined) return deny(res, 400, 'Bad path');
    const file = normalize(join(options.staticDir, relative));
    if (!file.startsWith(normalize(options.staticDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return deny(res, 404, 'Not found');
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-store');
    if (type.startsWith('text/html')) {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('X-Frame-Options', 'DENY');
    }
    pipeline(createReadStream(file), res, () => {
      // A file that vanished or a client that left: the stream is already closed, nothing to tell.
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of subscribers) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function decodeURIComponentSafe(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
