import { ShomeiError } from '../../../shared/errors';

const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_CODES =
  /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|EPROTO$|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

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
    // undici's HeadersTimeoutError, BodyTimeoutError and ConnectTimeoutError, by their codes.
    UNDICI_TIMEOUT_CODES.has(String((error as { code?: unknown } | null)?.code))
  ) {
    return new ShomeiError('TIMEOUT', `No complete answer from ${host} within ${formatMs(state.timeoutMs)}`);
  }
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = String((cause as NodeJS.ErrnoException)?.code ?? (error as NodeJS.ErrnoException)?.code ?? '');
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ECONNREFUSED')
    return new ShomeiError('NETWORK_ERROR', `Connection refused by ${host}: is the server running?`, { code });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new ShomeiError('DNS_ERROR', `Could not find the host ${host} (DNS lookup failed)`, { code });
  }
  if (TLS_CODES.test(code)) {
    return new ShomeiError(
      'TLS_ERROR',
      `The TLS connection to ${host} failed: ${detail}. Add its CA bundle, or turn off TLS verification for this request if you trust it.`,
      { code },
    );
  }
  if (
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'EPIPE' ||
    code === 'Z_DATA_ERROR' ||
    code === 'Z_BUF_ERROR'
  ) {
    return new ShomeiError('NETWORK_ERROR', `The connection to ${host} was closed before the answer was complete`, {
      code,
    });
  }
  if (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new ShomeiError('NETWORK_ERROR', `${host} sent a malformed HTTP answer (${detail})`, { code });
  }
  return new ShomeiError('NETWORK_ERROR', `Could not reach ${host}: ${detail}`, code ? { code } : undefined);
}

/** The URL's host and port, never its path or query (which may hold a presigned signature). */
function safeHost(url: string): string {
  const match = /^https?:\/\/([^/?#]+)/i.exec(url);
  return match?.[1] ?? 'the server';
}

/** `1500` → `1.5 s`, `250` → `250 ms`. */
function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
