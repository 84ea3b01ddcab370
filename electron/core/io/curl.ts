import {
  emptySettings,
  type Collection,
  type CredentialRef,
  type MultipartPart,
  type RequestDraft,
  type SavedAuth,
  type SavedBody,
  type SavedRequest,
  type SavedSendOptions,
  withoutProxyCredentials,
} from '../../../shared/contract/collections';
import { ConnectToSchema, SendOptionsSchema, type KeyValueRow } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { joinQuery, splitQuery } from '../collections/url-query';
import {
  createImportContext,
  CREDENTIAL_HEADERS,
  SET_UP_PROFILE,
  SIGNING_HEADERS,
  type CollectionImport,
  type ExportNote,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { quoteShellWord, splitShellWords } from './shell-words';

const FORMAT = 'curl command';

/** One curl command read into a request, with what was left out. */
export interface CurlParse {
  request: RequestDraft;
  dropped: CollectionImport['report']['dropped'];
}

/** Long options that take a value, and the short letters that take one. */
const VALUE_OPTIONS = new Set([
  '--request',
  '--header',
  '--data',
  '--data-ascii',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '--form',
  '--form-string',
  '--user',
  '--aws-sigv4',
  '--url',
  '--url-query',
  '--user-agent',
  '--referer',
  '--cookie',
  '--upload-file',
  '--output',
  '--connect-timeout',
  '--max-time',
  '--proxy',
  '--noproxy',
  '--cacert',
  '--capath',
  '--proxy-cacert',
  '--pass',
  '--cert',
  '--key',
  '--resolve',
  '--connect-to',
  '--max-redirs',
  '--retry',
  '--write-out',
  '--config',
  '--oauth2-bearer',
  '--proxy-user',
  '--interface',
  '--limit-rate',
  '--range',
  '--cookie-jar',
  '--dump-header',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--variable',
]);
const SHORT_WITH_VALUE = new Set([
  'X',
  'H',
  'd',
  'F',
  'u',
  'A',
  'e',
  'b',
  'T',
  'o',
  'm',
  'x',
  'r',
  'E',
  'K',
  'c',
  'D',
  'w',
  'U',
  'Y',
  'y',
  'z',
  'C',
  'P',
  'Q',
  't',
]);
const SHORT_LONG: Record<string, string> = {
  X: '--request',
  H: '--header',
  d: '--data',
  F: '--form',
  u: '--user',
  A: '--user-agent',
  e: '--referer',
  b: '--cookie',
  T: '--upload-file',
  o: '--output',
  m: '--max-time',
  x: '--proxy',
  G: '--get',
  I: '--head',
  k: '--insecure',
  L: '--location',
  s: '--silent',
  S: '--show-error',
  v: '--verbose',
  i: '--include',
  f: '--fail',
  K: '--config',
  w: '--write-out',
  U: '--proxy-user',
};
/** Flags that change nothing Shomei saves. */
const IGNORED_FLAGS = new Set([
  '--silent',
  '--show-error',
  '--verbose',
  '--include',
  '--fail',
  '--fail-with-body',
  '--compressed',
  '--no-buffer',
  '--globoff',
  '--http1.1',
  '--http2',
  '--http1.0',
  '--progress-bar',
  '--no-progress-meter',
  '--path-as-is',
  '--tlsv1.2',
  '--tlsv1.3',
  '--ipv4',
  '--ipv6',
  '--output',
  '--connect-timeout',
  '--retry',
  '--write-out',
  '--dump-header',
  '--stderr',
  '--trace',
  '--trace-ascii',
  '--limit-rate',
  '--remote-name',
  '--remote-header-name',
]);

/** curl's `--data-urlencode` encoding: everything but RFC 3986 unreserved characters is `%XX`. */
function curlEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Reads one or more curl commands (one per line, with `\` continuations) into requests: `-X`,
 * `-H`, `-d`/`--data`/`--data-raw`/`--data-binary`/`--data-urlencode`, `--json`, `-F`/`--form-string`,
 * `-G`, `--url`, `--url-query`, `-u`, `-A`, `-e`, `-b`, `-T`, `-I` and `--aws-sigv4
 * "aws:amz:region:service"` (→ AWS auth); and as send options `-m`, `-L` (without it, redirects are
 * not followed, as curl did), `--max-redirs`, `-k`, `-x` and `--connect-to`/`--resolve` for the URL's
 * own host and port. Keys given with `--user`, a proxy's user name and password, and credential
 * headers are dropped and reported; `--cacert` is reported, never read (an import reads no file).
 * Throws `IMPORT_FAILED` when the text is not a curl command.
 */
export function importCurl(text: string, options: ImportOptions = {}): CollectionImport {
  const context = createImportContext(options);
  const requests = parseCurlCommands(text, context);
  const collection: Collection = {
    id: context.newId(),
    name: options.name ?? (requests.length === 1 ? 'Imported from curl' : 'Imported curl commands'),
    settings: emptySettings(),
    items: requests,
  };
  return { collection, report: { imported: requests.length, dropped: context.dropped } };
}

/** Reads a single curl command (e.g. pasted into the URL bar) into a request draft. */
export function parseCurl(text: string, options: ImportOptions = {}): CurlParse {
  const context = createImportContext(options);
  const requests = parseCurlCommands(text, context);
  if (requests.length !== 1)
    throw new ShomeiError(
      'IMPORT_FAILED',
      `Paste one curl command at a time (found ${requests.length}). Nothing was imported.`,
    );
  const { kind: _kind, id: _id, ...request } = requests[0] as SavedRequest;
  return { request, dropped: context.dropped };
}

function parseCurlCommands(text: string, context: ImportContext): SavedRequest[] {
  let words;
  try {
    words = splitShellWords(text.trim().replace(/^\$\s+/gm, ''));
  } catch (error) {
    throw new ShomeiError(
      'IMPORT_FAILED',
      `This is not a valid ${FORMAT}: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`,
    );
  }
  const commands = words.commands.filter((c) => c.length > 0);
  if (commands.length === 0)
    throw new ShomeiError('IMPORT_FAILED', `This is not a valid ${FORMAT}: it is empty. Nothing was imported.`);
  if (words.operators.length > 0)
    context.drop('curl', `everything after ${words.operators.join(', ')}`, 'only the curl command itself is imported');
  return commands.map((command, index) => {
    if (!/^curl(\.exe)?$/i.test(command[0] ?? '')) {
      throw new ShomeiError(
        'IMPORT_FAILED',
        `This is not a valid ${FORMAT}: line ${index + 1} starts with "${(command[0] ?? '').slice(0, 40)}", not "curl". Nothing was imported.`,
      );
    }
    return parseOne(command.slice(1), commands.length > 1 ? `curl #${index + 1}` : 'curl', context);
  });
}

interface DataPart {
  kind: 'data' | 'raw' | 'binary' | 'urlencode' | 'json';
  value: string;
}

function parseOne(args: string[], path: string, context: ImportContext): SavedRequest {
  const options: Array<[string, string | undefined]> = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const takeValue = (name: string): string => {
      const value = args[i + 1];
      if (value === undefined)
        throw new ShomeiError(
          'IMPORT_FAILED',
          `This is not a valid ${FORMAT}: ${name} needs a value. Nothing was imported.`,
        );
      i += 1;
      return value;
    };
    if (arg === '--') {
      urls.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      options.push([arg, VALUE_OPTIONS.has(arg) ? takeValue(arg) : undefined]);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Short flags may be combined (`-sSL`) and the last may carry its value (`-XPOST`, `-H'A: b'`).
      for (let k = 1; k < arg.length; k += 1) {
        const letter = arg[k] as string;
        const long = SHORT_LONG[letter] ?? `-${letter}`;
        if (SHORT_WITH_VALUE.has(letter)) {
          const rest = arg.slice(k + 1);
          options.push([long, rest !== '' ? rest : takeValue(`-${letter}`)]);
          break;
        }
        options.push([long, undefined]);
      }
      continue;
    }
    urls.push(arg);
  }

  let method: string | undefined;
  let isGet = false;
  let isHead = false;
  const headers: KeyValueRow[] = [];
  const data: DataPart[] = [];
  const parts: MultipartPart[] = [];
  const urlQueries: string[] = [];
  let uploadFile: string | undefined;
  let sigv4: string | undefined;
  let user: string | undefined;
  // A curl command without -L shows the redirect instead of following it, and that is what the
  // user ran and saw: the import keeps it (Shomei follows by default), so the request answers as
  // the command did. The Options tab shows it, one click away from following.
  const send: SavedSendOptions = { isFollowingRedirects: false };
  const connectTargets: Array<{ flag: '--connect-to' | '--resolve'; value: string }> = [];

  for (const [name, value = ''] of options) {
    switch (name) {
      case '--request':
        method = value.toUpperCase();
        break;
      case '--header': {
        const colon = value.indexOf(':');
        const semicolon = value.indexOf(';');
        if (colon < 0 && semicolon > 0 && value.slice(semicolon + 1).trim() === '') {
          headers.push({ name: value.slice(0, semicolon).trim(), value: '', isEnabled: true });
        } else if (colon > 0) {
          const headerName = value.slice(0, colon).trim();
          const headerValue = value.slice(colon + 1).trim();
          if (headerValue === '')
            context.drop(
              `${path} › header ${headerName}`,
              'header removal',
              'curl removes the header; Shomei simply does not send it',
            );
          else headers.push({ name: headerName, value: headerValue, isEnabled: true });
        } else if (value.startsWith('@')) {
          context.drop(`${path} › -H ${value}`, 'headers from a file', 'read the file and add its headers by hand');
        } else {
          context.drop(`${path} › -H ${value}`, 'header', 'it has no colon');
        }
        break;
      }
      case '--data':
      case '--data-ascii':
        data.push({ kind: 'data', value });
        break;
      case '--data-raw':
        data.push({ kind: 'raw', value });
        break;
      case '--data-binary':
        data.push({ kind: 'binary', value });
        break;
      case '--data-urlencode':
        data.push({ kind: 'urlencode', value });
        break;
      case '--json':
        data.push({ kind: 'json', value });
        break;
      case '--form':
      case '--form-string':
        parts.push(readFormPart(value, name === '--form-string', path, context));
        break;
      case '--get':
        isGet = true;
        break;
      case '--head':
        isHead = true;
        break;
      case '--url':
        urls.push(value);
        break;
      case '--url-query':
        urlQueries.push(value);
        break;
      case '--user':
        user = value;
        break;
      case '--aws-sigv4':
        sigv4 = value;
        break;
      case '--user-agent':
        headers.push({ name: 'User-Agent', value, isEnabled: true });
        break;
      case '--referer':
        headers.push({ name: 'Referer', value: value.replace(/;auto$/, ''), isEnabled: true });
        break;
      case '--cookie':
        if (value.includes('=')) headers.push({ name: 'Cookie', value, isEnabled: true });
        else context.drop(`${path} › --cookie ${value}`, 'cookie file', 'cookies from files are not imported');
        break;
      case '--upload-file':
        uploadFile = value;
        break;
      case '--oauth2-bearer':
      case '--pass':
        context.drop(`${path} › ${name}`, 'credentials', SET_UP_PROFILE);
        break;
      case '--proxy-user':
        context.drop(`${path} › --proxy-user`, 'proxy user name and password', PROXY_CREDENTIALS_WHY);
        break;
      case '--max-time':
        readTimeout(value, send, `${path} › --max-time ${value}`, context);
        break;
      case '--location':
        send.isFollowingRedirects = true;
        break;
      case '--location-trusted':
        send.isFollowingRedirects = true;
        context.drop(
          `${path} › --location-trusted`,
          'credentials sent to other hosts',
          'Shomei never sends credentials to another origin on a redirect; it follows redirects as with -L',
        );
        break;
      case '--no-location':
        send.isFollowingRedirects = false;
        break;
      case '--max-redirs':
        readMaxRedirects(value, send, `${path} › --max-redirs ${value}`, context);
        break;
      case '--insecure':
        // Security: kept because the command ran that way; the Options tab and every response warn while it is off.
        send.isTlsVerified = false;
        break;
      case '--no-insecure':
        send.isTlsVerified = true;
        break;
      case '--cacert':
      case '--capath':
        context.drop(
          `${path} › ${name} ${value}`,
          'CA certificates from a file',
          'an import never reads files: paste the PEM text into Options › CA bundle',
        );
        break;
      case '--proxy':
        readProxy(value, send, `${path} › --proxy`, context);
        break;
      case '--connect-to':
      case '--resolve':
        connectTargets.push({ flag: name as '--connect-to' | '--resolve', value });
        break;
      default:
        if (!IGNORED_FLAGS.has(name) && !name.startsWith('--no-')) {
          context.drop(`${path} › ${name}${value ? ` ${value}` : ''}`, 'option', 'Shomei has no equivalent');
        }
    }
  }

  if (urls.length === 0)
    throw new ShomeiError('IMPORT_FAILED', `This is not a valid ${FORMAT}: it has no URL. Nothing was imported.`);
  if (urls.length > 1) context.drop(path, `${urls.length - 1} more URL(s)`, 'one request is made from the first URL');
  let url = urls[0] as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('{{')) url = `http://${url}`;
  for (const { flag, value } of connectTargets) {
    const where = `${path} › ${flag} ${value}`;
    const target = connectTargetOf(flag, value, url);
    if (typeof target !== 'string') context.drop(where, 'connect-to address', target.why);
    else if (send.connectTo !== undefined)
      context.drop(where, 'connect-to address', `Shomei connects to one address; ${send.connectTo} was kept`);
    else {
      send.connectTo = target;
      if (flag === '--resolve' && value.includes(','))
        context.drop(where, 'more addresses', `Shomei connects to one address; ${target} was kept`);
    }
  }

  // Headers that carry credentials or are recomputed at every send are never kept.
  const keptHeaders = headers.filter((h) => {
    const lower = h.name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) {
      context.drop(`${path} › header ${h.name}`, 'header value', SET_UP_PROFILE);
      return false;
    }
    if (SIGNING_HEADERS.has(lower)) {
      context.drop(`${path} › header ${h.name}`, 'header', 'it is computed again at every send');
      return false;
    }
    return true;
  });
  const hasHeader = (n: string) => keptHeaders.some((h) => h.name.toLowerCase() === n.toLowerCase());

  let body: SavedBody = { kind: 'none' };
  const queryFromData: string[] = [];
  if (data.length > 0) {
    const pieces: string[] = [];
    let filePath: string | undefined;
    for (const part of data) {
      if ((part.kind === 'data' || part.kind === 'binary' || part.kind === 'json') && part.value.startsWith('@')) {
        filePath = part.value.slice(1);
        if (part.kind === 'data')
          context.drop(
            `${path} › -d ${part.value}`,
            'newline stripping',
            'curl -d @file strips newlines; Shomei sends the file as is',
          );
        continue;
      }
      if (part.kind === 'urlencode') {
        pieces.push(encodeDataUrlencode(part.value, path, context));
        continue;
      }
      // -d strips CR and LF from file contents only; literal arguments are sent as given.
      pieces.push(part.value);
    }
    if (data.some((d) => d.kind === 'json')) {
      if (!hasHeader('Content-Type'))
        keptHeaders.push({ name: 'Content-Type', value: 'application/json', isEnabled: true });
      if (!hasHeader('Accept')) keptHeaders.push({ name: 'Accept', value: 'application/json', isEnabled: true });
    }
    if (isGet) {
      queryFromData.push(...pieces);
      if (filePath !== undefined)
        context.drop(`${path} › @${filePath}`, 'file data with -G', 'add the query from the file by hand');
    } else if (filePath !== undefined && pieces.length === 0) {
      body = { kind: 'binary', filePath };
    } else {
      if (filePath !== undefined)
        context.drop(`${path} › @${filePath}`, 'file data mixed with text data', 'only the text data was kept');
      const isJson = data.some((d) => d.kind === 'json') || /^\s*[[{]/.test(pieces.join(''));
      body = { kind: 'text', language: isJson ? 'json' : 'raw', text: pieces.join('&') };
      if (!hasHeader('Content-Type') && !data.some((d) => d.kind === 'json')) {
        keptHeaders.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded', isEnabled: true });
      }
    }
  } else if (parts.length > 0) {
    body = { kind: 'multipart', parts };
  } else if (uploadFile !== undefined && uploadFile !== '-' && uploadFile !== '.') {
    body = { kind: 'binary', filePath: uploadFile };
  }

  const [base, query] = splitQuery(url);
  const extra = [
    ...urlQueries.map((q) => (q.startsWith('+') ? q.slice(1) : encodeDataUrlencode(q, path, context))),
    ...queryFromData,
  ];
  const params = [...query, ...splitQuery(`?${extra.join('&')}`)[1]];

  const resolvedMethod =
    method ??
    (isHead
      ? 'HEAD'
      : isGet
        ? 'GET'
        : data.length > 0 || parts.length > 0
          ? 'POST'
          : uploadFile !== undefined
            ? 'PUT'
            : 'GET');
  const auth = readAuth(sigv4, user, path, context);
  context.imported += 1;
  return {
    kind: 'request',
    id: context.newId(),
    name: `${resolvedMethod} ${base.replace(/^[a-z]+:\/\//i, '')}`.slice(0, 256),
    method: resolvedMethod,
    url: base,
    params,
    headers: keptHeaders,
    body,
    auth,
    options: send,
  };
}

/** Why a proxy's user name and password are dropped, wherever they come from. */
const PROXY_CREDENTIALS_WHY =
  'saved requests never hold them: type them into Options › Proxy before sending, or put them in HTTPS_PROXY';
const LIMITS = SendOptionsSchema.shape;
const MAX_TIMEOUT_MS = 3_600_000;
const MAX_REDIRECTS = 50;

/** `--max-time <fractional seconds>` as `timeoutMs`; 0 (no limit) and nonsense keep the default. */
function readTimeout(value: string, send: SavedSendOptions, where: string, context: ImportContext): void {
  const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (Number.isNaN(seconds)) {
    context.drop(where, 'timeout', 'it is not a number of seconds; the default timeout applies');
  } else if (seconds === 0) {
    context.drop(where, 'no time limit', 'Shomei always stops waiting at some point; the default timeout applies');
  } else if (seconds * 1000 > MAX_TIMEOUT_MS) {
    send.timeoutMs = MAX_TIMEOUT_MS;
    context.drop(where, 'timeout', 'Shomei waits at most an hour; it was set to that');
  } else {
    send.timeoutMs = Math.max(1, Math.round(seconds * 1000));
  }
}

/** `--max-redirs <n>` as `maxRedirects`; -1 (unlimited) and anything over Shomei's limit become that limit. */
function readMaxRedirects(value: string, send: SavedSendOptions, where: string, context: ImportContext): void {
  const count = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (Number.isNaN(count) || count < -1) {
    context.drop(where, 'redirect limit', 'it is not a number of redirects');
  } else if (count === -1 || count > MAX_REDIRECTS) {
    send.maxRedirects = MAX_REDIRECTS;
    context.drop(where, 'redirect limit', `Shomei follows at most ${MAX_REDIRECTS}; it was set to that`);
  } else {
    send.maxRedirects = count;
  }
}

/**
 * `-x [scheme://][user:password@]host[:port]` as `proxyUrl`: http:// when no scheme is given, and
 * curl's default port (1080, or 443 for https://) written out. The user name and password are
 * dropped and reported.
 */
function readProxy(value: string, send: SavedSendOptions, where: string, context: ImportContext): void {
  const trimmed = value.trim();
  if (trimmed === '') {
    context.drop(`${where} ""`, 'no proxy', 'Shomei cannot switch HTTPS_PROXY off for one request');
    return;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    context.drop(`${where} ${scheme}://…`, `${scheme} proxy`, 'Shomei sends through http:// and https:// proxies only');
    return;
  }
  const withScheme = scheme === undefined ? `http://${trimmed}` : trimmed;
  // Security: the user name and password never reach the saved request, nor the report.
  const proxyUrl = withoutProxyCredentials(withScheme);
  if (proxyUrl !== withScheme) context.drop(where, 'proxy user name and password', PROXY_CREDENTIALS_WHY);
  const authority = proxyUrl.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  const hasPort = /^(\[[^\]]*\]|[^:]*):\d+$/.test(authority);
  const defaultPort = scheme === 'https' ? 443 : 1080;
  const candidate = hasPort ? proxyUrl : proxyUrl.replace(authority, `${authority}:${defaultPort}`);
  if (!LIMITS.proxyUrl.safeParse(candidate).success) {
    context.drop(`${where} ${proxyUrl}`, 'proxy', 'Shomei takes a proxy as http://host:port or https://host:port');
    return;
  }
  send.proxyUrl = candidate;
}

/** The URL's host (brackets and case dropped) and port (the scheme's when absent); undefined for `{{variables}}`. */
function hostAndPort(url: string): { host: string; port: string } | undefined {
  if (url.includes('{{')) return undefined;
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
    return { host: parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
  } catch {
    return undefined;
  }
}

/**
 * `--connect-to HOST1:PORT1:HOST2:PORT2` or `--resolve [+]HOST:PORT:ADDR[,ADDR…]` as Shomei's
 * single connect-to `host:port`, when it applies to the request's URL (an empty HOST1/PORT1 or a
 * `*` host matches any); otherwise why not.
 */
function connectTargetOf(flag: '--connect-to' | '--resolve', value: string, url: string): string | { why: string } {
  if (flag === '--resolve' && value.trim().startsWith('-'))
    return { why: 'it removes an address; Shomei has nothing to remove' };
  const address = /^(\[[^\]]*\]|[^:[\]]*):(\d*):(.*)$/.exec(value.trim());
  if (!address)
    return { why: `it is not in ${flag === '--connect-to' ? 'HOST1:PORT1:HOST2:PORT2' : 'HOST:PORT:ADDRESS'} form` };
  const [, rawHost = '', port = '', rest = ''] = address;
  const host = rawHost
    .replace(/^\+/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const target = hostAndPort(url);
  if (target === undefined) return { why: 'the URL’s host is not known before sending (a {{variable}} or not a URL)' };
  const isAnyHost = flag === '--connect-to' ? host === '' : host === '*';
  const isAnyPort = flag === '--connect-to' && port === '';
  if (!(isAnyHost || host === target.host) || !(isAnyPort || port === target.port))
    return { why: `it is for ${rawHost || '*'}:${port || '*'}, not for this URL (${target.host}:${target.port})` };
  let connectTo: string;
  if (flag === '--connect-to') {
    const second = /^(\[[^\]]*\]|[^:[\]]*):(\d*)$/.exec(rest);
    if (!second) return { why: 'it is not in HOST1:PORT1:HOST2:PORT2 form' };
    const [, toHost = '', toPort = ''] = second;
    const hostPart = toHost === '' ? (target.host.includes(':') ? `[${target.host}]` : target.host) : toHost;
    connectTo = `${hostPart}:${toPort === '' ? target.port : toPort}`;
  } else {
    const [first = ''] = rest.split(',');
    const addr = first.trim();
    connectTo = `${addr.includes(':') && !addr.startsWith('[') ? `[${addr}]` : addr}:${target.port}`;
  }
  return ConnectToSchema.safeParse(connectTo).success
    ? connectTo
    : { why: 'Shomei connects to one host:port (e.g. 10.0.0.5:443)' };
}

function encodeDataUrlencode(value: string, path: string, context: ImportContext): string {
  // curl's forms: `content`, `=content`, `name=content`, `@file`, `name@file`.
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) {
    context.drop(
      `${path} › --data-urlencode ${value}`,
      'URL-encoded file contents',
      'read the file and paste its contents',
    );
    return '';
  }
  if (eq === 0) return curlEscape(value.slice(1));
  if (eq > 0) return `${value.slice(0, eq)}=${curlEscape(value.slice(eq + 1))}`;
  return curlEscape(value);
}

function readFormPart(value: string, isLiteral: boolean, path: string, context: ImportContext): MultipartPart {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  let content = eq < 0 ? '' : value.slice(eq + 1);
  if (isLiteral) return { kind: 'text', name, value: content, isEnabled: true };
  let contentType: string | undefined;
  const typeMatch = /;type=([^;]+)/.exec(content);
  if ((content.startsWith('@') || content.startsWith('<')) && typeMatch) {
    contentType = typeMatch[1];
    content = content.replace(typeMatch[0], '');
  }
  if (content.startsWith('@')) {
    const filePath = content.slice(1).replace(/;filename=[^;]*/, '');
    return { kind: 'file', name, filePath, isEnabled: true, ...(contentType ? { contentType } : {}) };
  }
  if (content.startsWith('<')) {
    context.drop(`${path} › -F ${name}`, 'text field read from a file', 'it was imported as a file part');
    return { kind: 'file', name, filePath: content.slice(1), isEnabled: true, ...(contentType ? { contentType } : {}) };
  }
  return { kind: 'text', name, value: content, isEnabled: true };
}

function readAuth(
  sigv4: string | undefined,
  user: string | undefined,
  path: string,
  context: ImportContext,
): SavedAuth {
  if (user !== undefined) {
    const what = sigv4 !== undefined ? 'AWS access key and secret (--user)' : 'user name and password (--user)';
    context.drop(`${path} › --user`, what, SET_UP_PROFILE);
  }
  if (sigv4 === undefined) return { type: 'inherit' };
  // --aws-sigv4 "provider1[:provider2[:region[:service]]]"
  const [provider = '', , region = '', service = ''] = sigv4.split(':');
  if (provider.toLowerCase() !== 'aws')
    context.drop(
      `${path} › --aws-sigv4 ${sigv4}`,
      `provider "${provider}"`,
      'Shomei signs for AWS; the provider was taken as aws',
    );
  const credentials: CredentialRef = { source: 'inherit' };
  return {
    type: 'aws-sigv4',
    credentialSource: credentials,
    region,
    service,
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
}

/** A request ready to write as curl: the URL may still hold `{{variables}}`. */
export interface CurlSource {
  method: string;
  url: string;
  params?: readonly KeyValueRow[] | undefined;
  headers: readonly KeyValueRow[] | ReadonlyArray<readonly [string, string]>;
  body: SavedBody;
  auth:
    | SavedAuth
    | { type: 'aws-sigv4'; credentialSource: CredentialRef; region: string; service: string; isQuerySigned: boolean };
  /** The request's own send options; absent ones follow Shomei's defaults. */
  options?: SavedSendOptions | undefined;
}

/**
 * Writes one request as a curl command with one option per line. AWS auth becomes `--aws-sigv4`
 * with keys taken from `$AWS_ACCESS_KEY_ID`/`$AWS_SECRET_ACCESS_KEY` at run time, so the command
 * never holds a secret; the notes say which credential profile those should come from. Send
 * options become `--max-time`, `--location` (unless AWS auth sends the session token header,
 * which curl would carry to other hosts), `--max-redirs`, `--insecure`, `--proxy` and
 * `--connect-to ::HOST:PORT`, so `importCurl` reads them back; a CA bundle is left out with a note.
 */
export function exportCurl(request: CurlSource): { text: string; notes: ExportNote[] } {
  const notes: ExportNote[] = [];
  const lines: string[] = [
    `curl --request ${quoteShellWord(request.method)}`,
    `--url ${quoteShellWord(joinQuery(request.url, request.params ?? []))}`,
  ];
  const headerPairs: Array<[string, string]> = request.headers.flatMap((h) =>
    Array.isArray(h)
      ? [[h[0], h[1]] as [string, string]]
      : (h as KeyValueRow).isEnabled
        ? [[(h as KeyValueRow).name, (h as KeyValueRow).value] as [string, string]]
        : [],
  );
  for (const [name, value] of headerPairs) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || SIGNING_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`--header ${quoteShellWord(`${name}: ${value}`)}`);
  }
  const auth = request.auth;
  if (auth.type === 'aws-sigv4') {
    lines.push(`--aws-sigv4 ${quoteShellWord(`aws:amz:${auth.region}:${auth.service}`.replace(/:+$/, ''))}`);
    // Security: the shell fills the keys in when the command runs; they are never written here.
    lines.push('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    lines.push('--header "X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
    const ref = auth.credentialSource;
    const from =
      ref.source === 'profile'
        ? `the Shomei credential profile "${ref.profileId}"`
        : ref.source === 'aws-profile'
          ? `the AWS profile "${ref.profile}" (e.g. eval "$(aws configure export-credentials --profile ${ref.profile} --format env)")`
          : 'your AWS credentials';
    notes.push({
      path: 'auth',
      message: `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from ${from} before running it; drop the token header for long-term keys`,
    });
    if (auth.isQuerySigned)
      notes.push({
        path: 'auth',
        message: 'curl signs in the Authorization header; the presigned-URL setting was not carried over',
      });
  }
  lines.push(...curlOptionArgs(request.options ?? {}, auth.type === 'aws-sigv4', notes));
  const body = request.body;
  switch (body.kind) {
    case 'text':
      if (body.contentType !== undefined && !headerPairs.some(([n]) => n.toLowerCase() === 'content-type')) {
        lines.push(`--header ${quoteShellWord(`Content-Type: ${body.contentType}`)}`);
      }
      lines.push(`--data-raw ${quoteShellWord(body.text)}`);
      break;
    case 'form-urlencoded':
      for (const row of body.rows.filter((r) => r.isEnabled))
        lines.push(`--data-urlencode ${quoteShellWord(`${row.name}=${row.value}`)}`);
      break;
    case 'multipart':
      for (const part of body.parts.filter((p) => p.isEnabled)) {
        const type = part.contentType !== undefined ? `;type=${part.contentType}` : '';
        if (part.kind === 'file') lines.push(`--form ${quoteShellWord(`${part.name}=@${part.filePath}${type}`)}`);
        else lines.push(`--form-string ${quoteShellWord(`${part.name}=${part.value}`)}`);
      }
      break;
    case 'binary':
      if (body.contentType !== undefined) lines.push(`--header ${quoteShellWord(`Content-Type: ${body.contentType}`)}`);
      lines.push(`--data-binary ${quoteShellWord(`@${body.filePath}`)}`);
      break;
    case 'none':
      break;
  }
  return { text: `${lines.join(' \\\n  ')}\n`, notes };
}

/** curl arguments for a request's send options; what curl cannot take from the command line goes to `notes`. */
function curlOptionArgs(options: SavedSendOptions, isSendingToken: boolean, notes: ExportNote[]): string[] {
  const args: string[] = [];
  if (options.timeoutMs !== undefined) args.push(`--max-time ${options.timeoutMs / 1000}`);
  // Absent follows Shomei's default, which follows; curl only follows with --location.
  if (options.isFollowingRedirects !== false) {
    if (isSendingToken)
      // Security: curl sends every -H header to whatever host a redirect leads to, the session token
      // included, where Shomei sends it to the same origin only; so this command is not told to follow.
      notes.push({
        path: 'options',
        message:
          'Redirects are not followed (no --location): curl would send the X-Amz-Security-Token header to any host a redirect leads to. Add --location yourself only for long-term keys (without that header)',
      });
    else args.push('--location');
  }
  if (options.maxRedirects !== undefined) args.push(`--max-redirs ${options.maxRedirects}`);
  if (options.isTlsVerified === false) args.push('--insecure');
  if (options.caBundlePem !== undefined)
    notes.push({
      path: 'options',
      message: 'The CA bundle is not written: save it as a .pem file and add --cacert FILE',
    });
  if (options.proxyUrl !== undefined) {
    // Security: saved requests hold no proxy user name or password; strip them anyway should one slip through.
    const proxyUrl = withoutProxyCredentials(options.proxyUrl);
    const authority = proxyUrl.replace(/^https?:\/\//i, '').replace(/\/$/, '');
    // curl assumes port 1080 when none is given; Shomei uses the scheme's.
    const port = /^https:/i.test(proxyUrl) ? 443 : 80;
    const explicit = /^(\[[^\]]*\]|[^:]*):\d+$/.test(authority)
      ? proxyUrl
      : proxyUrl.replace(authority, `${authority}:${port}`);
    args.push(`--proxy ${quoteShellWord(explicit)}`);
  }
  // Empty HOST1 and PORT1 match any host and port, as Shomei's connect-to applies to every hop.
  if (options.connectTo !== undefined) args.push(`--connect-to ${quoteShellWord(`::${options.connectTo}`)}`);
  return args;
}
