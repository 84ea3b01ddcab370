import { subscribe } from 'node:diagnostics_channel';
import { STATUS_CODES } from 'node:http';
import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import { ShomeiError } from '../../../shared/errors';

/** A request in wire form: what the signer produced, sent byte for byte. */
export interface WireRequest {
  method: string;
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
}

/** Limits and cancellation for one send. */
export interface TransportOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  onProgress?: (receivedBytes: number) => void;
}

/** What came back, with the body read up to the cap. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Buffer;
  isTruncated: boolean;
  /** The header block exactly as it went out on the socket, from undici's diagnostics channel. */
  sentHeaderBlock: string | undefined;
  timing: { startedAt: string; totalMs: number };
}

/** Sends wire requests. The core's only door to the network. */
export interface HttpTransport {
  send(request: WireRequest, options: TransportOptions): Promise<WireResponse>;
  close(): Promise<void>;
}

/**
 * An undici transport. It never follows redirects, never adds or rewrites a header the caller
 * set (undici adds only `content-length` and `connection` when absent), and maps failures to
 * `NETWORK_ERROR`, `DNS_ERROR`, `TLS_ERROR`, `TIMEOUT` or `CANCELLED` with a readable message.
 */
export function createHttpTransport(options: { now?: () => Date; dispatcher?: Dispatcher } = {}): HttpTransport {
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 4_000, connections: 64 });
  const now = options.now ?? (() => new Date());

  return {
    async send(wire, sendOptions) {
      const startedAt = now();
      const started = performance.now();
      const timeout = AbortSignal.timeout(sendOptions.timeoutMs);
      const signal = sendOptions.signal ? AbortSignal.any([sendOptions.signal, timeout]) : timeout;
      const flatHeaders: string[] = [];
      for (const [name, value] of wire.headers) flatHeaders.push(name, value);

      try {
        const { origin, path } = splitWireUrl(wire.url);
        // dispatcher.request takes the path verbatim; the top-level request() would run it through
        // the WHATWG URL parser, which rewrites `/./` and `/../` and would break the signature.
        const response = await dispatcher.request({
          origin,
          path,
          method: wire.method as Dispatcher.HttpMethod,
          headers: flatHeaders,
          body: wire.body.byteLength > 0 ? wire.body : null,
          signal,
          headersTimeout: sendOptions.timeoutMs,
          bodyTimeout: sendOptions.timeoutMs,
        });
        const { buffer, isTruncated } = await readCapped(response.body, sendOptions.maxBodyBytes, sendOptions.onProgress);
        return {
          status: response.statusCode,
          statusText: STATUS_CODES[response.statusCode] ?? '',
          headers: toPairs(response.headers),
          body: buffer,
          isTruncated,
          sentHeaderBlock: takeSentHeaders(wire),
          timing: { startedAt: startedAt.toISOString(), totalMs: performance.now() - started },
        };
      } catch (error) {
        throw toTransportError(error, wire.url, { isTimeout: timeout.aborted, isCancelled: sendOptions.signal?.aborted ?? false, timeoutMs: sendOptions.timeoutMs });
      }
    },
    close: () => dispatcher.close(),
  };
}

// undici publishes the exact header block it writes on `undici:client:sendHeaders`; we keep
// the latest few per method + URL so a send can show what really went on the socket.
const sentBlocks = new Map<string, string[]>();
subscribe('undici:client:sendHeaders', (message) => {
  const { request: req, headers } = message as { request: { origin?: string; path?: string; method?: string }; headers: string };
  const key = `${String(req.method)} ${String(req.origin)}${String(req.path)}`;
  const queue = sentBlocks.get(key) ?? [];
  queue.push(headers);
  sentBlocks.set(key, queue.slice(-8));
  if (sentBlocks.size > 256) {
    const oldest = sentBlocks.keys().next().value;
    if (oldest !== undefined) sentBlocks.delete(oldest);
  }
});

/** Splits `scheme://authority/path?query` without normalizing anything. */
export function splitWireUrl(url: string): { origin: string; path: string } {
  const match = /^(https?:\/\/[^/?#]+)([^#]*)/i.exec(url);
  if (!match) throw new ShomeiError('INVALID_INPUT', `"${url}" is not an http(s) URL`);
  const rest = match[2] ?? '';
  return { origin: (match[1] as string).toLowerCase(), path: rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}` };
}

function takeSentHeaders(wire: WireRequest): string | undefined {
  const { origin, path } = splitWireUrl(wire.url);
  const key = `${wire.method} ${origin}${path}`;
  const queue = sentBlocks.get(key);
  const block = queue?.shift();
  if (queue && queue.length === 0) sentBlocks.delete(key);
  return block;
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  maxBytes: number,
  onProgress?: (receivedBytes: number) => void,
): Promise<{ buffer: Buffer; isTruncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = maxBytes - size;
    if (chunk.byteLength > room) {
      chunks.push(chunk.subarray(0, room));
      size += room;
      body.destroy();
      return { buffer: Buffer.concat(chunks, size), isTruncated: true };
    }
    chunks.push(chunk);
    size += chunk.byteLength;
    onProgress?.(size);
  }
  return { buffer: Buffer.concat(chunks, size), isTruncated: false };
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
  state: { isTimeout: boolean; isCancelled: boolean; timeoutMs: number },
): ShomeiError {
  if (error instanceof ShomeiError) return error;
  const host = safeHost(url);
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
  if (TLS_CODES.test(code)) return new ShomeiError('TLS_ERROR', `The TLS connection to ${host} failed: ${detail}`, { code });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new ShomeiError('NETWORK_ERROR', `The connection to ${host} was closed before the answer was complete`, { code });
  }
  if (code === 'HPE_INVALID_CHUNK_SIZE' || code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new ShomeiError('NETWORK_ERROR', `${host} sent a malformed HTTP answer (${code})`, { code });
  }
  return new ShomeiError('NETWORK_ERROR', `Could not reach ${host}: ${detail}`, code ? { code } : undefined);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
