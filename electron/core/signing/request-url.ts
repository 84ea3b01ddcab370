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
  /** The whole URL as it goes on the wire (path and query encoded once), formatted when parsed. */
  href: string;
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
  const { protocol, authority, rawPath, rawQuery } = splitUrl(raw);
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
  const hostHeader = port === undefined ? hostname : `${hostname}:${port}`;
  const path = options.isPathVerbatim ? rawPath || '/' : encodePathOnce(rawPath === '' ? '/' : rawPath);
  const query = parseQuery(rawQuery);
  const q = formatQuery(query);
  return {
    protocol,
    hostname,
    port,
    hostHeader,
    path,
    query,
    href: `${protocol}//${hostHeader}${path}${q === '' ? '' : `?${q}`}`,
  };
}

/**
 * `scheme://authority/path?query#fragment` taken apart by position (a hot path: every signature
 * parses its URL once); the fragment is dropped. Throws `INVALID_INPUT` for anything but http(s).
 */
function splitUrl(raw: string): { protocol: 'http:' | 'https:'; authority: string; rawPath: string; rawQuery: string } {
  const url = raw.trim();
  const head = url.slice(0, 8).toLowerCase();
  const start = head.startsWith('https://') ? 8 : head.startsWith('http://') ? 7 : -1;
  const hash = url.indexOf('#');
  // A fragment is dropped, but never one that hides a line break.
  if (start === -1 || (hash !== -1 && /[\n\r\u2028\u2029]/.test(url.slice(hash)))) {
    throw new ShomeiError('INVALID_INPUT', `"${raw}" is not an http:// or https:// URL`);
  }
  const end = hash === -1 ? url.length : hash;
  const question = url.indexOf('?', start);
  const queryAt = question !== -1 && question < end ? question : end;
  let pathAt = url.indexOf('/', start);
  if (pathAt === -1 || pathAt > queryAt) pathAt = queryAt;
  return {
    protocol: start === 8 ? 'https:' : 'http:',
    authority: url.slice(start, pathAt),
    rawPath: url.slice(pathAt, queryAt),
    rawQuery: queryAt < end ? url.slice(queryAt + 1, end) : '',
  };
}

/** The full wire URL for a parsed URL and (possibly different) query. */
export function formatRequestUrl(url: RequestUrl, query?: ReadonlyArray<readonly [string, string | null]>): string {
  if (query === undefined) return url.href;
  const q = formatQuery(query);
  return `${url.protocol}//${url.hostHeader}${url.path}${q === '' ? '' : `?${q}`}`;
}
