import { awsUriEncode, encodePathOnce, parseQuery } from '../../../shared/aws/uri-encoding';
import { ShomeiError } from '../../../shared/errors';

/** A URL taken apart the way SigV4 needs it, without the WHATWG parser's rewriting of paths. */
export interface RequestUrl {
  /** `http:` or `https:`. */
  protocol: 'http:' | 'https:';
  /** Lower-cased host name; IPv6 literals keep their brackets. */
  hostname: string;
  /** The port when it is not the scheme's default, else undefined. */
  port: number | undefined;
  /** The `Host` header value AWS expects: host, plus `:port` only when not the default. */
  hostHeader: string;
  /** The path as it goes on the wire: every byte outside RFC 3986's unreserved set and `/` is percent-encoded exactly once. */
  path: string;
  /** Decoded query pairs in the user's order; a key without `=` has value `null`. */
  query: Array<[string, string | null]>;
}

/** Serializes query pairs with AWS encoding, keeping their order. */
export function formatQuery(query: ReadonlyArray<readonly [string, string | null]>): string {
  return query
    .map(([key, value]) => (value === null ? awsUriEncode(key) : `${awsUriEncode(key)}=${awsUriEncode(value)}`))
    .join('&');
}

/**
 * Parses an absolute http(s) URL for signing. Never normalizes `.`/`..`/`//` in the path (S3 keys
 * keep them) and never double-encodes. Throws `INVALID_INPUT` with a readable message.
 */
export function parseRequestUrl(raw: string, options: { isPathVerbatim?: boolean } = {}): RequestUrl {
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(raw.trim());
  if (!match) {
    throw new ShomeiError('INVALID_INPUT', `"${raw}" is not an http:// or https:// URL`);
  }
  const [, schemeRaw = '', authority = '', rawPath = '', rawQuery = ''] = match;
  const protocol = schemeRaw.toLowerCase() === 'https' ? 'https:' : 'http:';
  if (authority.includes('@')) {
    throw new ShomeiError('INVALID_INPUT', 'Put credentials in the Auth tab, not in the URL (user:password@host)');
  }
  const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!hostMatch || !hostMatch[1]) {
    throw new ShomeiError('INVALID_INPUT', `"${authority}" is not a valid host`);
  }
  const hostname = hostMatch[1].toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9._~%!$&'()*+,;=-]+)$/.test(hostname)) {
    throw new ShomeiError('INVALID_INPUT', `"${hostname}" is not a valid host name`);
  }
  const portNumber = hostMatch[2] === undefined ? undefined : Number(hostMatch[2]);
  if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) {
    throw new ShomeiError('INVALID_INPUT', `Port ${portNumber} is out of range`);
  }
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const port = portNumber === defaultPort ? undefined : portNumber;
  return {
    protocol,
    hostname,
    port,
    hostHeader: port === undefined ? hostname : `${hostname}:${port}`,
    path: options.isPathVerbatim ? rawPath || '/' : encodePathOnce(rawPath === '' ? '/' : rawPath),
    query: parseQuery(rawQuery),
  };
}

/** The full wire URL for a parsed URL and (possibly different) query. */
export function formatRequestUrl(
  url: RequestUrl,
  query: ReadonlyArray<readonly [string, string | null]> = url.query,
): string {
  const q = formatQuery(query);
  return `${url.protocol}//${url.hostHeader}${url.path}${q === '' ? '' : `?${q}`}`;
}
