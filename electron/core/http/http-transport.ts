import { subscribe } from 'node:diagnostics_channel';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type * as Undici from 'undici';
import type { buildConnector, Dispatcher } from 'undici';
import { ShomeiError } from '../../../shared/errors';
import type { SigningRecord } from '../signing/sign-request';
import { readBody } from './read-body';
import { toTransportError } from './transport-errors';

/** A request in wire form, sent byte for byte: what the signer produced, or the planned request with its host. */
export interface WireRequest {
  method: string;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  /** The bytes, or a body read as it is sent (a file), whose `size` goes out as Content-Length. */
  body: Uint8Array | WireBodyStream;
  /** Set when it was signed: what the signature covers, for the inspector. Never sent as such; the transport ignores it. */
  signing?: SigningRecord | undefined;
}

/** A body produced as it is sent, of a size known in advance. */
export interface WireBodyStream {
  size: number;
  /** A fresh pass over the bytes; called once per send (again for a redirect that keeps the body). */
  open(): AsyncIterable<Uint8Array>;
}

/** The number of bytes a wire body carries. */
export function wireBodySize(body: WireRequest['body']): number {
  return body instanceof Uint8Array ? body.byteLength : body.size;
}

/** Where bodies larger than `memoryLimitBytes` go: a file, with the first `previewBytes` kept in memory. */
export interface SpoolOptions {
  dir: string;
  memoryLimitBytes: number;
  previewBytes: number;
}

/** Limits, cancellation and connection choices for one send. */
export interface TransportOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  /** Bytes received so far, and the total when the server announced it (Content-Length, no content-encoding). */
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
  /** Default true. Security: turning it off is the user's explicit, visible choice. */
  isTlsVerified?: boolean;
  /** Extra authorities to trust, PEM, on top of Node's roots. */
  caBundlePem?: string;
  /** An explicit proxy; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  proxyUrl?: string;
  /** `host:port` to connect to instead of the URL's host; the Host header and TLS name stay the URL's. */
  connectTo?: string;
  spool?: SpoolOptions;
}

/** What came back. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** The whole (decoded) body, or its first part when it was spooled to `bodyFile`. */
  body: Buffer;
  bodyFile?: string;
  /** Decoded body size. */
  size: number;
  /** Bytes on the wire when a content-encoding was decoded. */
  compressedSize?: number;
  headersSize: number;
  isTruncated: boolean;
  /** The header block exactly as it went out on the socket, from undici's diagnostics channel. */
  sentHeaderBlock: string | undefined;
  timing: {
    startedAt: string;
    totalMs: number;
    dnsMs?: number;
    connectMs?: number;
    tlsMs?: number;
    firstByteMs?: number;
    downloadMs?: number;
    isConnectionReused?: boolean;
  };
}

/** Sends wire requests. The core's only door to the network. */
export interface HttpTransport {
  send(request: WireRequest, options: TransportOptions): Promise<WireResponse>;
  /** Closes every connection; sends still in flight fail as network errors rather than hold a quit. */
  close(): Promise<void>;
}

interface SocketTiming {
  start: number;
  lookup?: number;
  connect?: number;
  secure?: number;
  isUsed: boolean;
}

const socketTimings = new WeakMap<Socket, SocketTiming>();

// undici publishes the exact header block it writes, and the socket, on
// `undici:client:sendHeaders`; we keep the latest few per method + URL so each send can show what
// really went on the wire and how its connection was made.
interface SentRecord {
  block: string;
  socket: Socket | undefined;
  at: number;
}
const sentRecords = new Map<string, SentRecord[]>();
subscribe('undici:client:sendHeaders', (message) => {
  const { request: req, headers, socket } = message as { request: { origin?: string; path?: string; method?: string }; headers: string; socket?: Socket };
  const key = `${String(req.method)} ${String(req.origin)}${String(req.path)}`;
  const queue = sentRecords.get(key) ?? [];
  queue.push({ block: headers, socket, at: performance.now() });
  sentRecords.set(key, queue.slice(-8));
  if (sentRecords.size > 256) {
    const oldest = sentRecords.keys().next().value;
    if (oldest !== undefined) sentRecords.delete(oldest);
  }
});

function takeSentRecord(method: string, origin: string, path: string): SentRecord | undefined {
  const key = `${method} ${origin}${path}`;
  const queue = sentRecords.get(key);
  const record = queue?.shift();
  if (queue && queue.length === 0) sentRecords.delete(key);
  return record;
}

/** Splits `scheme://authority/path?query` without normalizing anything. */
export function splitWireUrl(url: string): { origin: string; path: string; protocol: string; hostname: string } {
  const match = /^(https?):\/\/(\[[^\]]+\]|[^/?#:]+)(:\d+)?([^#]*)/i.exec(url);
  if (!match) throw new ShomeiError('INVALID_INPUT', `"${url}" is not an http(s) URL`);
  const protocol = `${(match[1] as string).toLowerCase()}:`;
  const hostname = (match[2] as string).toLowerCase();
  const rest = match[4] ?? '';
  return {
    origin: `${protocol}//${hostname}${match[3] ?? ''}`,
    path: rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`,
    protocol,
    hostname,
  };
}

/** A connector that records DNS, TCP and TLS timings on each new socket. */
/** undici, loaded at the first send: a host (browser mode) starts without it. */
let undici: typeof Undici | undefined;

function timedConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const base = (undici as typeof Undici).buildConnector(options);
  return (connectOptions, callback) => {
    const timing: SocketTiming = { start: performance.now(), isUsed: false };
    const socket = (base as unknown as (o: buildConnector.Options, cb: buildConnector.Callback) => Socket | undefined)(connectOptions, callback);
    if (socket) {
      socketTimings.set(socket, timing);
      socket.once('lookup', () => (timing.lookup = performance.now()));
      socket.once('connect', () => (timing.connect = performance.now()));
      socket.once('secureConnect', () => (timing.secure = performance.now()));
    }
  };
}

/**
 * An undici transport. It never follows redirects (the request service does, re-signing), never
 * adds or rewrites a header the caller set (undici adds only `content-length` and `connection`
 * when absent), sends the path verbatim, decodes gzip/deflate/br, streams large bodies to a file,
 * and maps failures to `NETWORK_ERROR`, `DNS_ERROR`, `TLS_ERROR`, `TIMEOUT` or `CANCELLED`.
 */
export function createHttpTransport(options: { now?: () => Date; dispatcher?: Dispatcher; env?: NodeJS.ProcessEnv } = {}): HttpTransport {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const dispatchers = new Map<string, Dispatcher>();

  const dispatcherFor = async (send: TransportOptions, servername: string | undefined): Promise<Dispatcher> => {
    const envProxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
    const usesProxy = send.proxyUrl !== undefined || envProxy !== undefined;
    if (options.dispatcher && send.isTlsVerified !== false && !send.caBundlePem && !usesProxy && !servername) return options.dispatcher;
    const isTlsVerified = send.isTlsVerified !== false;
    const caKey = send.caBundlePem ? createHash('sha256').update(send.caBundlePem).digest('hex') : '';
    const key = JSON.stringify([isTlsVerified, caKey, send.proxyUrl ?? (envProxy ? 'env' : ''), servername ?? '']);
    const cached = dispatchers.get(key);
    if (cached) return cached;
    undici ??= await import('undici');
    const { Agent, EnvHttpProxyAgent, ProxyAgent } = undici;
    const tls = {
      rejectUnauthorized: isTlsVerified,
      ...(send.caBundlePem ? { ca: trustedAuthorities(send.caBundlePem) } : {}),
      ...(servername ? { servername } : {}),
    };
    let created: Dispatcher;
    if (send.proxyUrl) {
      created = new ProxyAgent({ uri: send.proxyUrl, requestTls: tls });
    } else if (envProxy) {
      created = new EnvHttpProxyAgent({
        ...(env.HTTP_PROXY ?? env.http_proxy ? { httpProxy: env.HTTP_PROXY ?? env.http_proxy } : {}),
        ...(env.HTTPS_PROXY ?? env.https_proxy ? { httpsProxy: env.HTTPS_PROXY ?? env.https_proxy } : {}),
        ...(env.NO_PROXY ?? env.no_proxy ? { noProxy: env.NO_PROXY ?? env.no_proxy } : {}),
        requestTls: tls,
        connect: tls,
      });
    } else {
      created = new Agent({ keepAliveTimeout: 4_000, connections: 64, connect: timedConnector(tls) });
    }
    dispatchers.set(key, created);
    return created;
  };

  return {
    async send(wire, send) {
      const startedAt = now();
      const started = performance.now();
      // A timer of our own, cleared when the send ends: AbortSignal.timeout's lives (with its signal)
      // until it fires, so every send of the last timeoutMs stayed in memory (4,000 of them after a
      // fast 5,000 sends at the default 30 s; npm run bench's send-path RSS figure).
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new DOMException('The request timed out', 'TimeoutError')), send.timeoutMs);
      // Like AbortSignal.timeout's: the timer alone never keeps a process (shomei run, say) alive.
      timer.unref();
      const signal = send.signal ? AbortSignal.any([send.signal, timeout.signal]) : timeout.signal;
      const flatHeaders: string[] = [];
      for (const [name, value] of wire.headers) flatHeaders.push(name, value);
      // A streamed body would otherwise go out chunked, which S3 and API Gateway refuse for signed uploads.
      if (!(wire.body instanceof Uint8Array) && !wire.headers.some(([name]) => name.toLowerCase() === 'content-length')) flatHeaders.push('content-length', String(wireBodySize(wire.body)));
      const target = splitWireUrl(wire.url);
      const origin = send.connectTo ? `${target.protocol}//${send.connectTo}` : target.origin;
      try {
        // Inside the try: a dispatcher that cannot be made (a proxy URL undici refuses) is a send
        // error like any other, and the timer is cleared.
        const dispatcher = await dispatcherFor(send, send.connectTo && target.protocol === 'https:' ? target.hostname.replace(/^\[|\]$/g, '') : undefined);
        // dispatcher.request takes the path verbatim; the top-level request() would run it through
        // the WHATWG URL parser, which rewrites `/./` and `/../` and would break the signature.
        const response = await dispatcher.request({
          origin,
          path: target.path,
          method: wire.method as Dispatcher.HttpMethod,
          headers: flatHeaders,
          body: wire.body instanceof Uint8Array ? (wire.body.byteLength > 0 ? wire.body : null) : Readable.from(wire.body.open(), { objectMode: false }),
          signal,
          headersTimeout: send.timeoutMs,
          bodyTimeout: send.timeoutMs,
        });
        const firstByte = performance.now();
        const headers = toPairs(response.headers);
        const encoding = (headers.find(([name]) => name === 'content-encoding')?.[1] ?? '').trim().toLowerCase();
        const length = Number(headers.find(([name]) => name === 'content-length')?.[1] ?? Number.NaN);
        const read = await readBody(response.body, encoding, send, Number.isSafeInteger(length) ? length : undefined);
        const done = performance.now();
        const record = takeSentRecord(wire.method, origin.toLowerCase(), target.path);
        const phases = connectionPhases(record);
        return {
          status: response.statusCode,
          statusText: STATUS_CODES[response.statusCode] ?? '',
          headers,
          body: read.preview,
          ...(read.file ? { bodyFile: read.file } : {}),
          size: read.size,
          ...(read.compressedSize === undefined ? {} : { compressedSize: read.compressedSize }),
          headersSize: headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0),
          isTruncated: read.isTruncated,
          sentHeaderBlock: record?.block,
          timing: {
            startedAt: startedAt.toISOString(),
            totalMs: done - started,
            ...phases,
            firstByteMs: firstByte - (record?.at ?? started),
            downloadMs: done - firstByte,
          },
        };
      } catch (error) {
        throw toTransportError(error, wire.url, { isTimeout: timeout.signal.aborted, isCancelled: send.signal?.aborted ?? false, timeoutMs: send.timeoutMs, connectTo: send.connectTo });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      // destroy(), not close(): a host that quits must not wait for a hanging server to answer.
      await Promise.all([...dispatchers.values()].map((d) => d.destroy()));
      dispatchers.clear();
      if (options.dispatcher) await options.dispatcher.close();
    },
  };
}

/**
 * The authorities a connection trusts when the user adds a CA bundle: Node's own roots plus the
 * bundle. Node's `ca` option replaces the roots, which would make every public endpoint fail.
 */
export function trustedAuthorities(caBundlePem: string): string[] {
  return [...rootCertificates, caBundlePem];
}

function connectionPhases(record: SentRecord | undefined): { dnsMs?: number; connectMs?: number; tlsMs?: number; isConnectionReused?: boolean } {
  const timing = record?.socket ? socketTimings.get(record.socket) : undefined;
  if (!timing) return {};
  if (timing.isUsed) return { isConnectionReused: true };
  timing.isUsed = true;
  const afterDns = timing.lookup ?? timing.start;
  return {
    isConnectionReused: false,
    ...(timing.lookup === undefined ? {} : { dnsMs: timing.lookup - timing.start }),
    ...(timing.connect === undefined ? {} : { connectMs: timing.connect - afterDns }),
    ...(timing.secure === undefined || timing.connect === undefined ? {} : { tlsMs: timing.secure - timing.connect }),
  };
}

function toPairs(headers: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.push([name, v]);
    else out.push([name, value]);
  }
  return out;
}
