import { EMPTY_SECRET_REF, isOnlyReferences } from '../../../shared/contract/auth';
import { createAuthImport } from '../auth/interop';
import {
  emptySettings,
  type Collection,
  type CredentialRef,
  type RequestDraft,
  type SavedAuth,
  type SavedBody,
  type SavedRequest,
} from '../../../shared/contract/collections';
import { ConnectToSchema } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { splitQuery } from '../collections/url-query';
import { IGNORED_FLAGS, readCurlWords } from './curl-flags';
import { newCurlCommand, OPTION_READERS } from './curl-option-readers';
import {
  createImportContext,
  CREDENTIAL_HEADERS,
  SET_UP_PROFILE,
  SIGNING_HEADERS,
  type CollectionImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { splitShellWords } from './shell-words';

const FORMAT = 'curl command';

/** One curl command read into a request, with what was left out. */
export interface CurlParse {
  request: RequestDraft;
  dropped: CollectionImport['report']['dropped'];
}

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
  return collectionOf(parseCurlCommands(text, context), context, options);
}

/**
 * `importCurl` for commands already split into words (each starting with `curl`), as a shell
 * script's importer has them: the same requests and report, without quoting them back into text
 * to be split again.
 */
export function importCurlCommands(commands: string[][], options: ImportOptions = {}): CollectionImport {
  const context = createImportContext(options);
  return collectionOf(requestsOfCommands(commands, context), context, options);
}

function collectionOf(requests: SavedRequest[], context: ImportContext, options: ImportOptions): CollectionImport {
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
  return requestsOfCommands(commands, context);
}

function requestsOfCommands(commands: string[][], context: ImportContext): SavedRequest[] {
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

function parseOne(args: string[], path: string, context: ImportContext): SavedRequest {
  const words = readCurlWords(args, FORMAT);
  const command = newCurlCommand(words.urls);
  for (const [name, value = ''] of words.options) {
    const reader = OPTION_READERS[name];
    if (reader) reader(command, value, { name, path, context });
    else if (!IGNORED_FLAGS.has(name) && !name.startsWith('--no-'))
      context.drop(`${path} › ${name}${value ? ` ${value}` : ''}`, 'option', 'Shomei has no equivalent');
  }

  if (command.urls.length === 0)
    throw new ShomeiError('IMPORT_FAILED', `This is not a valid ${FORMAT}: it has no URL. Nothing was imported.`);
  if (command.urls.length > 1)
    context.drop(path, `${command.urls.length - 1} more URL(s)`, 'one request is made from the first URL');
  let url = command.urls[0] as string;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('{{')) url = `http://${url}`;
  for (const { flag, value } of command.connectTargets) {
    const where = `${path} › ${flag} ${value}`;
    const target = connectTargetOf(flag, value, url);
    if (typeof target !== 'string') context.drop(where, 'connect-to address', target.why);
    else if (command.send.connectTo !== undefined)
      context.drop(where, 'connect-to address', `Shomei connects to one address; ${command.send.connectTo} was kept`);
    else {
      command.send.connectTo = target;
      if (flag === '--resolve' && value.includes(','))
        context.drop(where, 'more addresses', `Shomei connects to one address; ${target} was kept`);
    }
  }

  // Headers that carry credentials or are recomputed at every send are never kept.
  let authorization: string | undefined;
  const keptHeaders = command.headers.filter((h) => {
    const lower = h.name.toLowerCase();
    // An Authorization header made of {{variables}} (`Bearer {{token}}`) is kept as bearer auth.
    if (lower === 'authorization' && command.sigv4 === undefined && bearerOfHeader(h.value) !== undefined) {
      authorization = h.value;
      return false;
    }
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
  if (command.data.length > 0) {
    const pieces: string[] = [];
    let filePath: string | undefined;
    for (const part of command.data) {
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
    if (command.data.some((d) => d.kind === 'json')) {
      if (!hasHeader('Content-Type'))
        keptHeaders.push({ name: 'Content-Type', value: 'application/json', isEnabled: true });
      if (!hasHeader('Accept')) keptHeaders.push({ name: 'Accept', value: 'application/json', isEnabled: true });
    }
    if (command.isGet) {
      queryFromData.push(...pieces);
      if (filePath !== undefined)
        context.drop(`${path} › @${filePath}`, 'file data with -G', 'add the query from the file by hand');
    } else if (filePath !== undefined && pieces.length === 0) {
      body = { kind: 'binary', filePath };
    } else {
      if (filePath !== undefined)
        context.drop(`${path} › @${filePath}`, 'file data mixed with text data', 'only the text data was kept');
      const isJson = command.data.some((d) => d.kind === 'json') || /^\s*[[{]/.test(pieces.join(''));
      body = { kind: 'text', language: isJson ? 'json' : 'raw', text: pieces.join('&') };
      if (!hasHeader('Content-Type') && !command.data.some((d) => d.kind === 'json')) {
        keptHeaders.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded', isEnabled: true });
      }
    }
  } else if (command.parts.length > 0) {
    body = { kind: 'multipart', parts: command.parts };
  } else if (command.uploadFile !== undefined && command.uploadFile !== '-' && command.uploadFile !== '.') {
    body = { kind: 'binary', filePath: command.uploadFile };
  }

  const [base, query] = splitQuery(url);
  const extra = [
    ...command.urlQueries.map((q) => (q.startsWith('+') ? q.slice(1) : encodeDataUrlencode(q, path, context))),
    ...queryFromData,
  ];
  const params = [...query, ...splitQuery(`?${extra.join('&')}`)[1]];

  const resolvedMethod =
    command.method ??
    (command.isHead
      ? 'HEAD'
      : command.isGet
        ? 'GET'
        : command.data.length > 0 || command.parts.length > 0
          ? 'POST'
          : command.uploadFile !== undefined
            ? 'PUT'
            : 'GET');
  const auth = withPayloadFromHeaders(
    readAuth(command.sigv4, command.user, path, context, { oauth2Bearer: command.oauth2Bearer, authorization }),
    command.headers,
  );
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
    options: command.send,
  };
}

/**
 * `-H 'x-amz-content-sha256: UNSIGNED-PAYLOAD'` is dropped with the other signing headers, but what
 * it meant is kept: the AWS auth signs with an unsigned payload.
 */
function withPayloadFromHeaders(auth: SavedAuth, headers: ReadonlyArray<{ name: string; value: string }>): SavedAuth {
  if (auth.type !== 'aws-sigv4') return auth;
  const sha = headers.find((h) => h.name.toLowerCase() === 'x-amz-content-sha256');
  return sha?.value.trim().toUpperCase() === 'UNSIGNED-PAYLOAD' ? { ...auth, payload: 'unsigned' } : auth;
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

/** `Bearer {{token}}` or `{{token}}` alone: the prefix and the token; undefined for anything holding a literal secret. */
function bearerOfHeader(value: string): { prefix: string; token: string } | undefined {
  const match = /^\s*(Bearer)\s+(.+?)\s*$/i.exec(value);
  const [prefix, token] = match ? [match[1] as string, match[2] as string] : ['', value.trim()];
  return token.includes('{{') && isOnlyReferences(token) ? { prefix, token } : undefined;
}

function readAuth(
  sigv4: string | undefined,
  user: string | undefined,
  path: string,
  context: ImportContext,
  tokens: { oauth2Bearer?: string | undefined; authorization?: string | undefined } = {},
): SavedAuth {
  if (user !== undefined && sigv4 !== undefined)
    context.drop(`${path} › --user`, 'AWS access key and secret (--user)', SET_UP_PROFILE);
  if (sigv4 === undefined) {
    const io = createAuthImport(path, context);
    // -u user:password is Basic: the user name is kept, a literal password is reported and left to the vault.
    if (user !== undefined) {
      const colon = user.indexOf(':');
      return {
        type: 'basic',
        username: colon < 0 ? user : user.slice(0, colon),
        passwordRef: colon < 0 ? EMPTY_SECRET_REF : io.secret(user.slice(colon + 1), 'password (--user)'),
      };
    }
    if (tokens.oauth2Bearer !== undefined)
      return { type: 'bearer', tokenRef: io.secret(tokens.oauth2Bearer, 'token (--oauth2-bearer)'), prefix: 'Bearer' };
    const header = tokens.authorization === undefined ? undefined : bearerOfHeader(tokens.authorization);
    if (header) return { type: 'bearer', tokenRef: { kind: 'variables', text: header.token }, prefix: header.prefix };
    return { type: 'inherit' };
  }
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
