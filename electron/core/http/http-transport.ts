import { subscribe } from 'node:diagnostics_channel';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { pipeline, Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createHash, randomUUID } from 'node:crypto';
import { Agent, buildConnector, EnvHttpProxyAgent, errors as undiciErrors, ProxyAgent, type Dispatcher } from 'undici';
import { ShomeiError } from '../../../shared/errors';

/** A request in wire form: what the signer produced, sent byte for byte. */
export interface WireRequest {
  method: string;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  /** The bytes, or a body read as it is sent (a file), whose `size` goes out as Content-Length. */
  body: Uint8Array | WireBodyStream;
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
function timedConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const base = buildConnector(options);
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

  const dispatcherFor = (send: TransportOptions, servername: string | undefined): Dispatcher => {
    const envProxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
    const usesProxy = send.proxyUrl !== undefined || envProxy !== undefined;
    if (options.dispatcher && send.isTlsVerified !== false && !send.caBundlePem && !usesProxy && !servername) return options.dispatcher;
    const isTlsVerified = send.isTlsVerified !== false;
    const caKey = send.caBundlePem ? createHash('sha256').update(send.caBundlePem).digest('hex') : '';
    const key = JSON.stringify([isTlsVerified, caKey, send.proxyUrl ?? (envProxy ? 'env' : ''), servername ?? '']);
    const cached = dispatchers.get(key);
    if (cached) return cached;
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
      const timeout = AbortSignal.timeout(send.timeoutMs);
      const signal = send.signal ? AbortSignal.any([send.signal, timeout]) : timeout;
      const flatHeaders: string[] = [];
      for (const [name, value] of wire.headers) flatHeaders.push(name, value);
      // A streamed body would otherwise go out chunked, which S3 and API Gateway refuse for signed uploads.
      if (!(wire.body instanceof Uint8Array) && !wire.headers.some(([name]) => name.toLowerCase() === 'content-length')) flatHeaders.push('content-length', String(wireBodySize(wire.body)));
      const target = splitWireUrl(wire.url);
      const origin = send.connectTo ? `${target.protocol}//${send.connectTo}` : target.origin;
      const dispatcher = dispatcherFor(send, send.connectTo && target.protocol === 'https:' ? target.hostname.replace(/^\[|\]$/g, '') : undefined);

      try {
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
        throw toTransportError(error, wire.url, { isTimeout: timeout.aborted, isCancelled: send.signal?.aborted ?? false, timeoutMs: send.timeoutMs, connectTo: send.connectTo });
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

interface ReadResult {
  preview: Buffer;
  file?: string;
  size: number;
  compressedSize?: number;
  isTruncated: boolean;
}

/** Reads (and decodes) the body; `contentLength` is the announced size on the wire, if any. */
async function readBody(body: Readable, encoding: string, send: TransportOptions, contentLength: number | undefined): Promise<ReadResult> {
  let compressedSize: number | undefined;
  let source: AsyncIterable<Buffer> = body;
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  // Progress counts decoded bytes, so a total is known only when nothing is decoded.
  const totalBytes = decoder ? undefined : contentLength;
  if (decoder) {
    compressedSize = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        compressedSize = (compressedSize ?? 0) + chunk.byteLength;
        done(null, chunk);
      },
    });
    source = pipeline(body, counter, decoder, () => undefined);
  }
  const spool = send.spool;
  const chunks: Buffer[] = [];
  let size = 0;
  let file: string | undefined;
  let writer: WriteStream | undefined;
  let isTruncated = false;
  try {
    for await (const chunk of source) {
      const room = send.maxBodyBytes - size;
      const piece = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      if (spool && !writer && size + piece.byteLength > spool.memoryLimitBytes) {
        mkdirSync(spool.dir, { recursive: true, mode: 0o700 });
        file = join(spool.dir, `${randomUUID()}.body`);
        writer = createWriteStream(file, { mode: 0o600 });
        for (const held of chunks) writer.write(held);
        const preview = Buffer.concat(chunks).subarray(0, spool.previewBytes);
        chunks.length = 0;
        chunks.push(preview);
      }
      if (writer) {
        if (!writer.write(piece)) await new Promise<void>((resolve) => writer?.once('drain', () => resolve()));
      } else {
        chunks.push(piece);
      }
      size += piece.byteLength;
      send.onProgress?.(size, totalBytes);
      if (chunk.byteLength > room) {
        isTruncated = true;
        body.destroy();
        break;
      }
    }
  } finally {
    if (writer) await new Promise<void>((resolve, reject) => writer?.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  const preview = writer ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks, size);
  return { preview, ...(file ? { file } : {}), size, ...(compressedSize === undefined ? {} : { compressedSize }), isTruncated };
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

const TLS_CODES = /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|EPROTO$|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

/** Turns a transport failure into a ShomeiError a person can act on. */
export function toTransportError(
  error: unknown,
  url: string,
  state: { isTimeout: boolean; isCancelled: boolean; timeoutMs: number; connectTo?: string | undefined },
): ShomeiError {
  if (error instanceof ShomeiError) return error;
  // With a connect-to address, the URL's host was never contacted: name both.
  const host = state.connectTo ? `${safeHost(url)} (at the connect-to address ${state.connectTo})` : safeHost(url);
  if (state.isCancelled) return new ShomeiError('CANCELLED', 'The request was cancelled');
  if (
    state.isTimeout ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new ShomeiError('TIMEOUT', `No complete answer from ${host} within ${formatMs(state.timeoutMs)}`);
  }
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = String((cause as NodeJS.ErrnoException)?.code ?? (error as NodeJS.ErrnoException)?.code ?? '');
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ECONNREFUSED') return new ShomeiError('NETWORK_ERROR', `Connection refused by ${host}: is the server running?`, { code });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new ShomeiError('DNS_ERROR', `Could not find the host ${host} (DNS lookup failed)`, { code });
  }
  if (TLS_CODES.test(code)) {
    return new ShomeiError('TLS_ERROR', `The TLS connection to ${host} failed: ${detail}. Add its CA bundle, or turn off TLS verification for this request if you trust it.`, { code });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new ShomeiError('NETWORK_ERROR', `The connection to ${host} was closed before the answer was complete`, { code });
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new ShomeiError('NETWORK_ERROR', `${host} sent a malformed HTTP answer (${detail})`, { code });
  }
  return new ShomeiError('NETWORK_ERROR', `Could not reach ${host}: ${detail}`, code ? { code } : undefined);
}

function safeHost(url: string): string {
  const match = /^https?:\/\/([^/?#]+)/i.exec(url);
  return match?.[1] ?? 'the server';
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
