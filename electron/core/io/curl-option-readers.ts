import {
  withoutProxyCredentials,
  type MultipartPart,
  type SavedSendOptions,
} from '../../../shared/contract/collections';
import { SendOptionsSchema, type KeyValueRow } from '../../../shared/contract/http';
import { SET_UP_PROFILE, type ImportContext } from './io-types';

/** A `-d`-like argument, with which of curl's data options gave it. */
export interface DataPart {
  kind: 'data' | 'raw' | 'binary' | 'urlencode' | 'json';
  value: string;
}

/** What the options of one curl command said, before it is made into a request. */
export interface CurlCommand {
  method?: string | undefined;
  isGet: boolean;
  isHead: boolean;
  headers: KeyValueRow[];
  data: DataPart[];
  parts: MultipartPart[];
  urls: string[];
  urlQueries: string[];
  uploadFile?: string | undefined;
  sigv4?: string | undefined;
  user?: string | undefined;
  /** `--oauth2-bearer`: imported as bearer auth when it is only `{{variables}}`. */
  oauth2Bearer?: string | undefined;
  send: SavedSendOptions;
  connectTargets: Array<{ flag: '--connect-to' | '--resolve'; value: string }>;
}

/** A command that has read no option yet, with the URLs given bare. */
export function newCurlCommand(urls: string[]): CurlCommand {
  return {
    isGet: false,
    isHead: false,
    headers: [],
    data: [],
    parts: [],
    urls,
    urlQueries: [],
    // A curl command without -L shows the redirect instead of following it, and that is what the
    // user ran and saw: the import keeps it (Shomei follows by default), so the request answers as
    // the command did. The Options tab shows it, one click away from following.
    send: { isFollowingRedirects: false },
    connectTargets: [],
  };
}

/** Where an option is read: the request's path in the import report, and the report itself. */
export interface OptionSite {
  /** The option as written (its long name). */
  name: string;
  path: string;
  context: ImportContext;
}

/** Reads one option's value (empty for a flag) into the command. */
export type OptionReader = (command: CurlCommand, value: string, site: OptionSite) => void;

const readHeader: OptionReader = (command, value, { path, context }) => {
  const colon = value.indexOf(':');
  const semicolon = value.indexOf(';');
  if (colon < 0 && semicolon > 0 && value.slice(semicolon + 1).trim() === '') {
    command.headers.push({ name: value.slice(0, semicolon).trim(), value: '', isEnabled: true });
  } else if (colon > 0) {
    const headerName = value.slice(0, colon).trim();
    const headerValue = value.slice(colon + 1).trim();
    if (headerValue === '')
      context.drop(
        `${path} › header ${headerName}`,
        'header removal',
        'curl removes the header; Shomei simply does not send it',
      );
    else command.headers.push({ name: headerName, value: headerValue, isEnabled: true });
  } else if (value.startsWith('@')) {
    context.drop(`${path} › -H ${value}`, 'headers from a file', 'read the file and add its headers by hand');
  } else {
    context.drop(`${path} › -H ${value}`, 'header', 'it has no colon');
  }
};

const dataOf =
  (kind: DataPart['kind']): OptionReader =>
  (command, value) => {
    command.data.push({ kind, value });
  };

const header =
  (name: string, clean: (value: string) => string = (value) => value): OptionReader =>
  (command, value) => {
    command.headers.push({ name, value: clean(value), isEnabled: true });
  };

const dropCredentials: OptionReader = (_command, _value, { name, path, context }) =>
  context.drop(`${path} › ${name}`, 'credentials', SET_UP_PROFILE);

const dropCaFile: OptionReader = (_command, value, { name, path, context }) =>
  context.drop(
    `${path} › ${name} ${value}`,
    'CA certificates from a file',
    'an import never reads files: paste the PEM text into Options › CA bundle',
  );

const connectTarget: OptionReader = (command, value, { name }) => {
  command.connectTargets.push({ flag: name as '--connect-to' | '--resolve', value });
};

/**
 * The curl options Shomei reads, by long name: each reader puts what its option says into the
 * command, or reports what it drops. An option that is neither here nor in `IGNORED_FLAGS` is
 * reported as having no equivalent.
 */
export const OPTION_READERS: Readonly<Record<string, OptionReader>> = {
  '--request': (command, value) => {
    command.method = value.toUpperCase();
  },
  '--header': readHeader,
  '--data': dataOf('data'),
  '--data-ascii': dataOf('data'),
  '--data-raw': dataOf('raw'),
  '--data-binary': dataOf('binary'),
  '--data-urlencode': dataOf('urlencode'),
  '--json': dataOf('json'),
  '--form': (command, value, { path, context }) => {
    command.parts.push(readFormPart(value, false, path, context));
  },
  '--form-string': (command, value, { path, context }) => {
    command.parts.push(readFormPart(value, true, path, context));
  },
  '--get': (command) => {
    command.isGet = true;
  },
  '--head': (command) => {
    command.isHead = true;
  },
  '--url': (command, value) => {
    command.urls.push(value);
  },
  '--url-query': (command, value) => {
    command.urlQueries.push(value);
  },
  '--user': (command, value) => {
    command.user = value;
  },
  '--aws-sigv4': (command, value) => {
    command.sigv4 = value;
  },
  '--user-agent': header('User-Agent'),
  '--referer': header('Referer', (value) => value.replace(/;auto$/, '')),
  '--cookie': (command, value, { path, context }) => {
    if (value.includes('=')) command.headers.push({ name: 'Cookie', value, isEnabled: true });
    else context.drop(`${path} › --cookie ${value}`, 'cookie file', 'cookies from files are not imported');
  },
  '--upload-file': (command, value) => {
    command.uploadFile = value;
  },
  '--oauth2-bearer': (command, value) => {
    command.oauth2Bearer = value;
  },
  '--pass': dropCredentials,
  '--proxy-user': (_command, _value, { path, context }) =>
    context.drop(`${path} › --proxy-user`, 'proxy user name and password', PROXY_CREDENTIALS_WHY),
  '--max-time': (command, value, { path, context }) =>
    readTimeout(value, command.send, `${path} › --max-time ${value}`, context),
  '--location': (command) => {
    command.send.isFollowingRedirects = true;
  },
  '--location-trusted': (command, _value, { path, context }) => {
    command.send.isFollowingRedirects = true;
    context.drop(
      `${path} › --location-trusted`,
      'credentials sent to other hosts',
      'Shomei never sends credentials to another origin on a redirect; it follows redirects as with -L',
    );
  },
  '--no-location': (command) => {
    command.send.isFollowingRedirects = false;
  },
  '--max-redirs': (command, value, { path, context }) =>
    readMaxRedirects(value, command.send, `${path} › --max-redirs ${value}`, context),
  '--insecure': (command) => {
    // Security: kept because the command ran that way; the Options tab and every response warn while it is off.
    command.send.isTlsVerified = false;
  },
  '--no-insecure': (command) => {
    command.send.isTlsVerified = true;
  },
  '--cacert': dropCaFile,
  '--capath': dropCaFile,
  '--proxy': (command, value, { path, context }) => readProxy(value, command.send, `${path} › --proxy`, context),
  '--connect-to': connectTarget,
  '--resolve': connectTarget,
};

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
