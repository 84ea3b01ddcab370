import { serviceRules } from '../aws/service-rules';
import { awsUriEncode, encodePathOnce, parseQuery } from '../aws/uri-encoding';
import { ShomeiError } from '../errors';
import type { CodeRequest, CodeSendOptions } from './generate-code';

/** Headers the signer or the HTTP client owns; a copy from the request must never ride along. */
const OWNED_HEADERS = new Set([
  'host',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'content-length',
]);

/** The request as every writer needs it: canonical wire URL, cleaned headers, service traits. */
export interface PreparedRequest {
  method: string;
  /** Scheme, host, path encoded once, and the query in canonical order. */
  url: string;
  /** The `Host` value: host, plus `:port` only when not the scheme's default. */
  hostHeader: string;
  path: string;
  headers: Array<[string, string]>;
  droppedHeaders: string[];
  body: string | undefined;
  region: string;
  service: string;
  hasSessionToken: boolean;
  roleArn: string | undefined;
  isS3Style: boolean;
  isContentSha256Sent: boolean;
  /** The service signs `UNSIGNED-PAYLOAD` by default (VPC Lattice). */
  isPayloadUnsigned: boolean;
  options: PreparedOptions;
  /** Signed with SigV4a (ECDSA) for `regionSet` instead of SigV4 for `region`. */
  isSigV4a: boolean;
  /** SigV4a's region set (`*` when none was given). */
  regionSet: string;
  /**
   * An API key sent beside the auth (never when the auth is the API key itself), its value read
   * from `$API_KEY` when the code runs; `replacedHeaders` are typed headers of its name, left out.
   */
  apiKey: { in: 'header' | 'query'; name: string; replacedHeaders: string[] } | undefined;
}

/** Send options cleaned for writing: blanks dropped, the proxy without credentials and with its port. */
export interface PreparedOptions {
  timeoutSeconds: number | undefined;
  /** Undefined when the caller did not say. */
  isFollowingRedirects: boolean | undefined;
  maxRedirects: number | undefined;
  isTlsVerified: boolean;
  /** Only while certificates are verified. */
  caBundlePem: string | undefined;
  proxyUrl: string | undefined;
  hasProxyCredentials: boolean;
  connectTo: string | undefined;
}

function prepareOptions(options: CodeSendOptions = {}): PreparedOptions {
  const isTlsVerified = options.isTlsVerified !== false;
  const pem = options.caBundlePem?.trim();
  const trimmedProxy = options.proxyUrl?.trim() || undefined;
  const typedProxy =
    trimmedProxy === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmedProxy)
      ? trimmedProxy
      : `http://${trimmedProxy}`;
  // Security: generated code holds no secret, so a proxy's user name and password are never written
  // (whatever the scheme: one the send would refuse, such as socks5://, may still be typed).
  const proxy = typedProxy?.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  return {
    timeoutSeconds: options.timeoutMs === undefined ? undefined : options.timeoutMs / 1000,
    isFollowingRedirects: options.isFollowingRedirects,
    maxRedirects: options.maxRedirects,
    isTlsVerified,
    caBundlePem: isTlsVerified && pem ? `${pem.replace(/\r\n?/g, '\n')}\n` : undefined,
    proxyUrl: proxy === undefined ? undefined : withProxyPort(proxy),
    hasProxyCredentials: proxy !== typedProxy,
    connectTo: options.connectTo?.trim() || undefined,
  };
}

/** The proxy URL with its port written out: clients disagree on the default (curl assumes 1080). */
function withProxyPort(proxyUrl: string): string {
  const authority = proxyUrl.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (/^(\[[^\]]*\]|[^:]*):\d+$/.test(authority) || !/^https?:/i.test(proxyUrl)) return proxyUrl;
  return proxyUrl.replace(authority, `${authority}:${/^https:/i.test(proxyUrl) ? 443 : 80}`);
}

/** Checks and normalises the request once for every writer. Throws `INVALID_INPUT` for a URL that is not http(s) or holds credentials. */
export function prepare(request: CodeRequest): PreparedRequest {
  const match = /^(https?):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(request.url.trim());
  if (!match) throw new ShomeiError('INVALID_INPUT', `"${request.url}" is not an http:// or https:// URL`);
  const [, schemeRaw = '', authority = '', rawPath = '', rawQuery = ''] = match;
  if (authority.includes('@'))
    throw new ShomeiError('INVALID_INPUT', 'Put credentials in the Auth tab, not in the URL (user:password@host)');
  const scheme = schemeRaw.toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  const hostHeader = authority.toLowerCase().endsWith(defaultPort)
    ? authority.slice(0, -defaultPort.length).toLowerCase()
    : authority.toLowerCase();
  const path = encodePathOnce(rawPath === '' ? '/' : rawPath);
  const query = canonicalQuery(rawQuery);
  const keyName = request.auth?.type === 'api-key' ? '' : (request.apiKey?.name.trim() ?? '');
  const apiKey =
    request.apiKey && keyName !== ''
      ? { in: request.apiKey.in, name: keyName, replacedHeaders: [] as string[] }
      : undefined;
  const headers: Array<[string, string]> = [];
  const droppedHeaders: string[] = [];
  for (const [name, value] of request.headers) {
    if (OWNED_HEADERS.has(name.trim().toLowerCase())) droppedHeaders.push(name);
    // As main sends it: the key replaces a typed header of its name.
    else if (apiKey?.in === 'header' && name.trim().toLowerCase() === keyName.toLowerCase())
      apiKey.replacedHeaders.push(name.trim());
    else headers.push([name.trim(), value]);
  }
  const rules = serviceRules(request.service);
  return {
    method: request.method.trim().toUpperCase(),
    url: `${scheme}://${hostHeader}${path}${query === '' ? '' : `?${query}`}`,
    hostHeader,
    path,
    headers,
    droppedHeaders,
    body: request.body,
    region: request.region.trim(),
    service: request.service.trim(),
    hasSessionToken: request.hasSessionToken,
    roleArn: request.roleArn?.trim() || undefined,
    isS3Style: rules.pathEncoding === 'single',
    isContentSha256Sent: rules.isContentSha256Sent,
    isPayloadUnsigned: rules.payload === 'unsigned',
    options: prepareOptions(request.options),
    isSigV4a: request.algorithm === 'sigv4a',
    regionSet: request.regionSet?.trim() || '*',
    apiKey,
  };
}

/** The query as SigV4 signs it: every name and value encoded, pairs sorted by name then value. */
function canonicalQuery(raw: string): string {
  return parseQuery(raw)
    .map(([name, value]): [string, string] => [awsUriEncode(name), awsUriEncode(value ?? '')])
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Orders two strings by code unit, as SigV4 sorts. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same-named headers joined with `,` (as SigV4 signs them), in first-seen order and spelling. */
export function mergedHeaders(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const merged = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const existing = merged.get(name.toLowerCase());
    if (existing) existing[1] = `${existing[1]},${value}`;
    else merged.set(name.toLowerCase(), [name, value]);
  }
  return [...merged.values()];
}

/** Notes every snippet carries: left-out headers, a proxy's dropped credentials, TLS verification off. */
export function commonNotes(request: PreparedRequest): string[] {
  return [
    ...(request.droppedHeaders.length > 0
      ? [
          `Left out ${request.droppedHeaders.join(', ')}: the signer and the HTTP client set ${request.droppedHeaders.length > 1 ? 'those' : 'that'} themselves.`,
        ]
      : []),
    ...(request.options.hasProxyCredentials
      ? ["The proxy's user name and password are not written: put them back into the proxy URL where you run it."]
      : []),
    ...(request.options.isTlsVerified ? [] : ["Certificate verification is off, as in this request's Options."]),
  ];
}

/** One note naming the send options `tool` cannot carry, or none. */
export function leftOutNotes(tool: string, leftOut: ReadonlyArray<string | false | undefined>): string[] {
  const items = leftOut.filter((item): item is string => typeof item === 'string');
  return items.length > 0 ? [`Not carried over (${tool} has no such setting): ${items.join('; ')}.`] : [];
}

/**
 * Why a snippet that does not follow redirects shows them instead, when Shomei would follow: the
 * next request needs a signature of its own, and these clients would re-send the old one (and the
 * session token) to wherever the redirect points.
 */
export function redirectNotes(request: PreparedRequest, tool: string): string[] {
  return request.options.isFollowingRedirects === true
    ? [
        `Redirects are shown, not followed: ${tool} would not sign the next request again, and would send the session token on to the new URL, even on another host.`,
      ]
    : [];
}

/**
 * A warning when the path has `%XX` escapes and the tool encodes them the other way: S3-style
 * services sign the path as sent, the rest sign it encoded a second time.
 */
export function pathEscapeNotes(request: PreparedRequest, tool: string, encodes: 'once' | 'twice'): string[] {
  if (!/%[0-9A-F]{2}/.test(request.path) || request.isS3Style === (encodes === 'once')) return [];
  return [
    request.isS3Style
      ? `${tool} signs escapes in the path encoded twice, but S3 signs them as sent: if this is refused, use the botocore or smithy variant.`
      : `${tool} signs the path as sent, but services other than S3 sign escapes in it encoded twice: if this is refused, use the botocore or smithy variant.`,
  ];
}

/** requests-aws4auth signs the host name without its port, so a non-default port (LocalStack's 4566) is refused. */
export function portNotes(request: PreparedRequest): string[] {
  return /:\d+$/.test(request.hostHeader)
    ? ['requests-aws4auth signs the host without its port: against a non-default port, use another variant.']
    : [];
}

/** A number of seconds as Python and the shell write it (`30`, `2.5`). */
export function seconds(value: number): string {
  return String(Number(value.toFixed(3)));
}
