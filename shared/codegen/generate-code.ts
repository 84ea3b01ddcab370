import { awsUriEncode, encodePathOnce, parseQuery } from '../aws/uri-encoding';
import { ShomeiError } from '../errors';

/** The snippets Shomei writes, declared once: the UI lists these, and `CodeTarget` is derived from them. */
export const CODE_TARGETS = [
  { target: 'curl', label: 'curl (--aws-sigv4)' },
  { target: 'awscurl', label: 'awscurl' },
  { target: 'python-requests-aws4auth', label: 'Python: requests + requests-aws4auth' },
  { target: 'python-aws-requests-auth', label: 'Python: requests + aws-requests-auth' },
  { target: 'python-botocore', label: 'Python: botocore SigV4Auth' },
  { target: 'javascript-smithy', label: 'JavaScript: @smithy/signature-v4' },
] as const satisfies ReadonlyArray<{ target: string; label: string }>;

/** One language and library a request can be written in. */
export type CodeTarget = (typeof CODE_TARGETS)[number]['target'];

/** Where the Python snippets get their keys: the environment, boto's default chain, or an assumed role. */
export type PythonCredentials = 'env' | 'instance-role' | 'assume-role';

/** The request to write out. Holds no secret: the code reads credentials when it runs. */
export interface CodeRequest {
  /** e.g. `POST`. */
  method: string;
  /** Absolute http(s) URL, query as the user typed it. */
  url: string;
  /** Enabled headers, in order. Signing headers (host, authorization, x-amz-date, …) are left out if present. */
  headers: Array<[string, string]>;
  /** UTF-8 text body, or undefined for none. */
  body?: string | undefined;
  region: string;
  service: string;
  /** True when temporary credentials (with a session token) are expected. */
  hasSessionToken: boolean;
  /** The role the `assume-role` Python variant assumes; a placeholder when missing. */
  roleArn?: string | undefined;
  /** How the request is sent (the Options tab); left out, each tool keeps its own defaults. */
  options?: CodeSendOptions | undefined;
}

/**
 * The send options generated code carries, as `SendOptions` has them. A proxy's user name and
 * password are never written: the code gets the proxy without them.
 */
export interface CodeSendOptions {
  timeoutMs?: number | undefined;
  isFollowingRedirects?: boolean | undefined;
  maxRedirects?: number | undefined;
  isTlsVerified?: boolean | undefined;
  /** PEM text: authorities trusted on top of the usual public roots, as Shomei does (curl's `--cacert` can only replace them; its note says so). */
  caBundlePem?: string | undefined;
  proxyUrl?: string | undefined;
  /** `host:port` to connect to instead of the URL's host, which stays the signed one. */
  connectTo?: string | undefined;
}

/** Code that signs the request when it runs, with short hints for the person running it. */
export interface GeneratedCode {
  target: CodeTarget;
  language: 'shell' | 'python' | 'javascript';
  code: string;
  notes: string[];
}

/** Options for `generateCode`; `pythonCredentials` only affects the Python targets (default `env`). */
export interface GenerateOptions {
  pythonCredentials?: PythonCredentials;
}

/** Services whose paths are encoded once and that want a signed `x-amz-content-sha256`. */
const S3_STYLE_SERVICES = new Set(['s3', 's3-object-lambda', 's3express', 's3-outposts']);
const CONTENT_SHA256_SERVICES = new Set([...S3_STYLE_SERVICES, 'aoss']);
/** Headers the signer or the HTTP client owns; a copy from the request must never ride along. */
const OWNED_HEADERS = new Set([
  'host',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'content-length',
]);
const PLACEHOLDER_ROLE_ARN = 'arn:aws:iam::123456789012:role/ROLE_NAME';

/**
 * Writes `request` as code in `target` that signs it with SigV4 at run time. Credentials are
 * always read when the code runs (`$AWS_ACCESS_KEY_ID`, `os.environ`, boto's chain, an assumed
 * role, `process.env`): this function never receives a secret and never writes a signature. The
 * query is put in SigV4 canonical order, so tools that sign it as written (curl) sign it right.
 * Send options: curl carries them all (but follows redirects only without a session token header,
 * which curl would send to any host); awscurl only TLS verification; Python and JavaScript the
 * timeout and TLS verification (Python the proxy too), and they show redirects instead of
 * following them. The notes name whatever a snippet leaves out.
 * Pure, and safe in the browser. Throws `INVALID_INPUT` for a URL that is not http(s).
 */
export function generateCode(request: CodeRequest, target: CodeTarget, options: GenerateOptions = {}): GeneratedCode {
  const prepared = prepare(request);
  const credentials = options.pythonCredentials ?? 'env';
  const writers: Record<CodeTarget, () => GeneratedCode> = {
    curl: () => writeCurl(prepared),
    awscurl: () => writeAwscurl(prepared),
    'python-requests-aws4auth': () => writeRequestsAws4auth(prepared, credentials),
    'python-aws-requests-auth': () => writeAwsRequestsAuth(prepared, credentials),
    'python-botocore': () => writeBotocore(prepared, credentials),
    'javascript-smithy': () => writeSmithy(prepared),
  };
  return writers[target]();
}

/** The request as every writer needs it: canonical wire URL, cleaned headers, service traits. */
interface PreparedRequest {
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
  options: PreparedOptions;
}

/** Send options cleaned for writing: blanks dropped, the proxy without credentials and with its port. */
interface PreparedOptions {
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

function prepare(request: CodeRequest): PreparedRequest {
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
  const headers: Array<[string, string]> = [];
  const droppedHeaders: string[] = [];
  for (const [name, value] of request.headers) {
    if (OWNED_HEADERS.has(name.trim().toLowerCase())) droppedHeaders.push(name);
    else headers.push([name.trim(), value]);
  }
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
    isS3Style: S3_STYLE_SERVICES.has(request.service.trim()),
    isContentSha256Sent: CONTENT_SHA256_SERVICES.has(request.service.trim()),
    options: prepareOptions(request.options),
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same-named headers joined with `,` (as SigV4 signs them), in first-seen order and spelling. */
function mergedHeaders(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const merged = new Map<string, [string, string]>();
  for (const [name, value] of headers) {
    const existing = merged.get(name.toLowerCase());
    if (existing) existing[1] = `${existing[1]},${value}`;
    else merged.set(name.toLowerCase(), [name, value]);
  }
  return [...merged.values()];
}

function commonNotes(request: PreparedRequest): string[] {
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
function leftOutNotes(tool: string, leftOut: ReadonlyArray<string | false | undefined>): string[] {
  const items = leftOut.filter((item): item is string => typeof item === 'string');
  return items.length > 0 ? [`Not carried over (${tool} has no such setting): ${items.join('; ')}.`] : [];
}

/**
 * Why a snippet that does not follow redirects shows them instead, when Shomei would follow: the
 * next request needs a signature of its own, and these clients would re-send the old one (and the
 * session token) to wherever the redirect points.
 */
function redirectNotes(request: PreparedRequest, tool: string): string[] {
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
function pathEscapeNotes(request: PreparedRequest, tool: string, encodes: 'once' | 'twice'): string[] {
  if (!/%[0-9A-F]{2}/.test(request.path) || request.isS3Style === (encodes === 'once')) return [];
  return [
    request.isS3Style
      ? `${tool} signs escapes in the path encoded twice, but S3 signs them as sent: if this is refused, use the botocore or smithy variant.`
      : `${tool} signs the path as sent, but services other than S3 sign escapes in it encoded twice: if this is refused, use the botocore or smithy variant.`,
  ];
}

/** requests-aws4auth signs the host name without its port, so a non-default port (LocalStack's 4566) is refused. */
function portNotes(request: PreparedRequest): string[] {
  return /:\d+$/.test(request.hostHeader)
    ? ['requests-aws4auth signs the host without its port: against a non-default port, use another variant.']
    : [];
}

// ---- Shell ----

/** Quotes a word for POSIX shells: bare when safe, else single quotes with `'\''` for quotes inside. */
function quoteShell(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `-H` arguments; an empty value is written `Name;`, curl's way of sending a header with no value. */
function curlHeaderArgs(headers: ReadonlyArray<readonly [string, string]>): string[] {
  return headers.map(([name, value]) => `-H ${quoteShell(value.trim() === '' ? `${name};` : `${name}: ${value}`)}`);
}

function writeCurl(request: PreparedRequest): GeneratedCode {
  const notes = [
    `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first; the shell fills them in when the command runs.`,
    'Needs curl 7.75 or later (--aws-sigv4).',
    'The query is in SigV4 canonical order because curl signs it exactly as written: keep that order if you edit it.',
  ];
  const scope = `aws:amz:${request.region}:${request.service}`;
  const lines = [
    request.method === 'HEAD' ? 'curl --head' : `curl -X ${quoteShell(request.method)}`,
    `--aws-sigv4 ${/^[A-Za-z0-9._:-]+$/.test(scope) ? `"${scope}"` : quoteShell(scope)}`,
    // Security: the keys stay references; double quotes so the shell expands them at run time.
    '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
  ];
  if (request.hasSessionToken) lines.push('-H "x-amz-security-token: $AWS_SESSION_TOKEN"');
  if (request.isContentSha256Sent) {
    lines.push(`-H ${quoteShell(`x-amz-content-sha256: ${sha256Hex(request.body ?? '')}`)}`);
    notes.push('x-amz-content-sha256 is the SHA-256 of this exact body: change the body and it must change too.');
  }
  lines.push(...curlHeaderArgs(request.headers));
  if (request.body !== undefined) {
    // --data-binary reads a file for a leading @; --data-raw sends the text as it is.
    lines.push(`${request.body.startsWith('@') ? '--data-raw' : '--data-binary'} ${quoteShell(request.body)}`);
  }
  if (request.isS3Style && /(^|\/)\.\.?(\/|$)/.test(request.path)) lines.push('--path-as-is');
  const options = curlOptionArgs(request);
  lines.push(...options.args, quoteShell(request.url));
  notes.push(...options.notes, ...pathEscapeNotes(request, 'curl', 'once'));
  return {
    target: 'curl',
    language: 'shell',
    code: `${[...options.prelude, lines.join(' \\\n  ')].join('\n')}\n`,
    notes: [...notes, ...commonNotes(request)],
  };
}

/**
 * curl arguments for the send options, the lines that must run before the command (a CA bundle
 * written to a temporary file), and notes.
 */
function curlOptionArgs(request: PreparedRequest): { args: string[]; prelude: string[]; notes: string[] } {
  const options = request.options;
  const args: string[] = [];
  const prelude: string[] = [];
  const notes: string[] = [];
  if (options.timeoutSeconds !== undefined) args.push(`--max-time ${seconds(options.timeoutSeconds)}`);
  if (options.isFollowingRedirects === true) {
    if (request.hasSessionToken)
      // Security: curl sends every -H header to whatever host a redirect leads to, the session token
      // included, where Shomei sends it to the same origin only.
      notes.push(
        'Redirects are not followed (no --location): curl would send the x-amz-security-token header to any host a redirect leads to.',
      );
    else {
      // Without a token header this is safe: curl signs each same-host hop again and sends no credentials elsewhere.
      args.push('--location');
      if (options.maxRedirects !== undefined) args.push(`--max-redirs ${options.maxRedirects}`);
    }
  }
  if (!options.isTlsVerified) args.push('--insecure');
  if (options.caBundlePem !== undefined) {
    const pem = options.caBundlePem.trimEnd().split('\n');
    // Security: a quoted here-document writes the PEM as it is, expanding nothing; its end marker
    // is a line the PEM does not hold, so no text in it can end the document early and run as commands.
    let marker = 'SHOMEI_CA_BUNDLE';
    while (pem.includes(marker)) marker += '_';
    prelude.push('CA_BUNDLE="$(mktemp)"', `cat > "$CA_BUNDLE" <<'${marker}'`, ...pem, marker);
    args.push('--cacert "$CA_BUNDLE"');
    notes.push(
      'The CA bundle from Options is written to a temporary file first. curl then trusts only those authorities, while Shomei trusts them on top of the public roots: a request that relies on both needs a combined bundle.',
    );
  }
  if (options.proxyUrl !== undefined) args.push(`--proxy ${quoteShell(options.proxyUrl)}`);
  // Empty HOST1 and PORT1 match any host and port, as Shomei's connect-to applies to every hop.
  if (options.connectTo !== undefined) args.push(`--connect-to ${quoteShell(`::${options.connectTo}`)}`);
  return { args, prelude, notes };
}

function writeAwscurl(request: PreparedRequest): GeneratedCode {
  const notes = [
    'pip install awscurl',
    'awscurl reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the environment itself (or your AWS profile with --profile).',
  ];
  const lines = [
    `awscurl --service ${quoteShell(request.service)} --region ${quoteShell(request.region)}`,
    `-X ${quoteShell(request.method)}`,
  ];
  lines.push(...mergedHeaders(request.headers).map(([name, value]) => `-H ${quoteShell(`${name}: ${value}`)}`));
  if (request.body !== undefined) {
    lines.push(`-d ${quoteShell(request.body)}`);
    if (request.body.startsWith('@'))
      notes.push(
        'awscurl reads a file for a body that starts with @: put this body in a file and pass -d @file instead.',
      );
  }
  const options = request.options;
  if (!options.isTlsVerified) lines.push('--insecure');
  lines.push(quoteShell(request.url));
  notes.push(
    ...leftOutNotes('awscurl', [
      options.timeoutSeconds !== undefined && `the timeout of ${seconds(options.timeoutSeconds)} s`,
      options.isFollowingRedirects === false && 'not following redirects (awscurl follows them)',
      options.caBundlePem !== undefined && 'the CA bundle (save it as a file and set REQUESTS_CA_BUNDLE to it)',
      options.proxyUrl !== undefined && `the proxy (run it with HTTPS_PROXY=${options.proxyUrl})`,
      options.connectTo !== undefined && `connect to ${options.connectTo}`,
    ]),
  );
  return {
    target: 'awscurl',
    language: 'shell',
    code: `${lines.join(' \\\n  ')}\n`,
    notes: [...notes, ...commonNotes(request)],
  };
}

// ---- Python ----

/** A Python string literal: JSON's escapes are all valid Python, and non-ASCII text stays as UTF-8 source. */
function py(value: string): string {
  return JSON.stringify(value);
}

function pythonRequestBlock(request: PreparedRequest, extra: string[] = []): string[] {
  const headers = mergedHeaders(request.headers);
  return [
    `METHOD = ${py(request.method)}`,
    `URL = ${py(request.url)}`,
    ...extra,
    headers.length === 0
      ? 'HEADERS = {}'
      : ['HEADERS = {', ...headers.map(([name, value]) => `    ${py(name)}: ${py(value)},`), '}'].join('\n'),
    `BODY = ${request.body === undefined ? 'None' : `${py(request.body)}.encode("utf-8")`}`,
    `REGION = ${py(request.region)}`,
    `SERVICE = ${py(request.service)}`,
  ];
}

function roleArnLine(request: PreparedRequest): string {
  return `ROLE_ARN = ${py(request.roleArn ?? PLACEHOLDER_ROLE_ARN)}`;
}

/** Imports and lines that leave `access_key`, `secret_key` and `session_token` set, for the requests-based variants. */
function pythonKeys(
  request: PreparedRequest,
  credentials: PythonCredentials,
): { imports: string[]; lines: string[]; notes: string[] } {
  switch (credentials) {
    case 'env':
      return {
        imports: ['import os'],
        lines: [
          '# Security: the keys are read from the environment when this runs; none are written here.',
          'access_key = os.environ["AWS_ACCESS_KEY_ID"]',
          'secret_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
          `session_token = ${request.hasSessionToken ? 'os.environ["AWS_SESSION_TOKEN"]' : 'os.environ.get("AWS_SESSION_TOKEN")'}`,
        ],
        notes: [
          `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
        ],
      };
    case 'instance-role':
      return {
        imports: ['import boto3'],
        lines: [
          "# boto3's default chain: environment, AWS profiles, SSO, container or EC2 instance role.",
          'credentials = boto3.Session().get_credentials().get_frozen_credentials()',
          'access_key, secret_key, session_token = credentials.access_key, credentials.secret_key, credentials.token',
        ],
        notes: ["Uses boto3's default credential chain (instance or container role, AWS profile, SSO, environment)."],
      };
    case 'assume-role':
      return {
        imports: ['import boto3'],
        lines: [
          "# Temporary keys for the role, from STS; the caller comes from boto3's default chain.",
          `assumed = boto3.client("sts", region_name=REGION).assume_role(RoleArn=ROLE_ARN, RoleSessionName="shomei")["Credentials"]`,
          'access_key, secret_key, session_token = assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"]',
        ],
        notes: assumeRoleNotes(request),
      };
  }
}

function assumeRoleNotes(request: PreparedRequest): string[] {
  return [
    'Assumes ROLE_ARN with STS first; the caller needs sts:AssumeRole on it.',
    ...(request.roleArn === undefined ? ['Replace ROLE_ARN with the role to assume.'] : []),
  ];
}

function pythonFile(docstring: string, imports: string[], body: string[]): string {
  // isort's order: standard library, then third party; `import x` before `from x import y`, each sorted.
  const order = (a: string, b: string) =>
    Number(a.startsWith('from ')) - Number(b.startsWith('from ')) || compare(a, b);
  const stdlib = [
    ...new Set(imports.filter((line) => /^import (os|hashlib|ssl|tempfile|urllib\.\w+)$/.test(line))),
  ].sort(order);
  const thirdParty = [...new Set(imports.filter((line) => !stdlib.includes(line)))].sort(order);
  const groups = [[`"""${docstring}"""`], stdlib, thirdParty]
    .filter((group) => group.length > 0)
    .map((group) => group.join('\n'));
  return `${[...groups, ...body].join('\n\n')}\n`;
}

/** A number of seconds as Python and the shell write it (`30`, `2.5`). */
function seconds(value: number): string {
  return String(Number(value.toFixed(3)));
}

/**
 * The send options for the requests-based variants: lines that set TIMEOUT, VERIFY and PROXIES,
 * their imports, and the keyword arguments that pass them. Redirects are never followed.
 */
function requestsOptions(request: PreparedRequest): {
  imports: string[];
  lines: string[];
  kwargs: string[];
  notes: string[];
} {
  const options = request.options;
  const imports: string[] = [];
  const lines: string[] = [];
  const kwargs: string[] = [];
  if (options.timeoutSeconds !== undefined) {
    lines.push(`TIMEOUT = ${seconds(options.timeoutSeconds)}  # seconds to connect, and to wait for each read`);
    kwargs.push('timeout=TIMEOUT');
  }
  if (!options.isTlsVerified) {
    lines.push("# Security: certificate verification is off, as in this request's Options.", 'VERIFY = False');
    kwargs.push('verify=VERIFY');
  } else if (options.caBundlePem !== undefined) {
    imports.push('import tempfile', 'import certifi');
    lines.push(
      "# The CA bundle from Options, trusted on top of the public roots (requests' own certifi bundle), as in Shomei.",
      `CA_BUNDLE = ${py(options.caBundlePem)}`,
      'with open(certifi.where()) as public_roots, tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as ca_file:',
      '    ca_file.write(public_roots.read() + "\\n" + CA_BUNDLE)',
      'VERIFY = ca_file.name',
    );
    kwargs.push('verify=VERIFY');
  }
  if (options.proxyUrl !== undefined) {
    lines.push(`PROXIES = {"http": ${py(options.proxyUrl)}, "https": ${py(options.proxyUrl)}}`);
    kwargs.push('proxies=PROXIES');
  }
  // Security: requests would re-send the old signature and the session token to wherever a redirect points.
  kwargs.push('allow_redirects=False');
  return {
    imports,
    lines,
    kwargs,
    notes: [
      ...redirectNotes(request, 'requests'),
      ...leftOutNotes('requests', [options.connectTo !== undefined && `connect to ${options.connectTo}`]),
    ],
  };
}

/** `requests.request(…)` with the request's own arguments, then the options' keyword arguments, one per line. */
function requestsCall(kwargs: string[]): string {
  const args = ['METHOD', 'URL', 'headers=HEADERS', 'data=BODY', 'auth=auth', ...kwargs];
  return ['requests.request(', ...args.map((arg) => `    ${arg},`), ')'].join('\n');
}

function pythonSend(call: string): string {
  return [`response = ${call}`, 'print(response.status_code)', 'print(response.text)'].join('\n');
}

function writeRequestsAws4auth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by requests-aws4auth when it runs.',
    [...keys.imports, ...options.imports, 'import requests', 'from requests_aws4auth import AWS4Auth'],
    [
      pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      'auth = AWS4Auth(access_key, secret_key, REGION, SERVICE, session_token=session_token)',
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests requests-aws4auth' : 'pip install requests requests-aws4auth boto3';
  return {
    target: 'python-requests-aws4auth',
    language: 'python',
    code,
    notes: [install, ...keys.notes, ...portNotes(request), ...options.notes, ...commonNotes(request)],
  };
}

function writeAwsRequestsAuth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by aws-requests-auth when it runs.',
    [...keys.imports, ...options.imports, 'import requests', 'from aws_requests_auth.aws_auth import AWSRequestsAuth'],
    [
      pythonRequestBlock(request, [
        `HOST = ${py(request.hostHeader)}`,
        ...(credentials === 'assume-role' ? [roleArnLine(request)] : []),
      ]).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      [
        'auth = AWSRequestsAuth(',
        '    aws_access_key=access_key,',
        '    aws_secret_access_key=secret_key,',
        '    aws_token=session_token,',
        '    aws_host=HOST,',
        '    aws_region=REGION,',
        '    aws_service=SERVICE,',
        ')',
      ].join('\n'),
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests aws-requests-auth' : 'pip install requests aws-requests-auth boto3';
  return {
    target: 'python-aws-requests-auth',
    language: 'python',
    code,
    notes: [
      install,
      ...keys.notes,
      ...pathEscapeNotes(request, 'aws-requests-auth', 'twice'),
      ...options.notes,
      ...commonNotes(request),
    ],
  };
}

function writeBotocore(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const signer = request.isS3Style ? 'S3SigV4Auth' : 'SigV4Auth';
  const imports = [
    'import urllib.error',
    'import urllib.request',
    `from botocore.auth import ${signer}`,
    'from botocore.awsrequest import AWSRequest',
  ];
  let keyLines: string[];
  let notes: string[];
  switch (credentials) {
    case 'env':
      imports.push('import os', 'from botocore.credentials import Credentials');
      keyLines = [
        '# Security: the keys are read from the environment when this runs; none are written here.',
        'credentials = Credentials(',
        '    os.environ["AWS_ACCESS_KEY_ID"],',
        '    os.environ["AWS_SECRET_ACCESS_KEY"],',
        `    ${request.hasSessionToken ? 'os.environ["AWS_SESSION_TOKEN"]' : 'os.environ.get("AWS_SESSION_TOKEN")'},`,
        ')',
      ];
      notes = [
        "Needs only botocore and Python's standard library (pip install botocore, or apt install python3-botocore).",
        `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
      ];
      break;
    case 'instance-role':
      imports.push('import botocore.session');
      keyLines = [
        "# botocore's default chain: environment, AWS profiles, SSO, container or EC2 instance role.",
        'credentials = botocore.session.get_session().get_credentials()',
        'if credentials is None:',
        '    raise SystemExit("No AWS credentials found")',
      ];
      notes = [
        'pip install botocore',
        "Uses botocore's default credential chain (instance or container role, AWS profile, SSO, environment).",
      ];
      break;
    case 'assume-role':
      imports.push('import botocore.session', 'from botocore.credentials import Credentials');
      keyLines = [
        "# Temporary keys for the role, from STS; the caller comes from botocore's default chain.",
        'sts = botocore.session.get_session().create_client("sts", region_name=REGION)',
        'assumed = sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="shomei")["Credentials"]',
        'credentials = Credentials(assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"])',
      ];
      notes = ['pip install botocore', ...assumeRoleNotes(request)];
      break;
  }
  const blocks = [
    pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
    keyLines.join('\n'),
  ];
  if (request.isContentSha256Sent && !request.isS3Style) {
    // SigV4Auth hashes the payload but only S3SigV4Auth sends the hash; this service wants it as a header.
    imports.push('import hashlib');
    blocks.push('HEADERS["x-amz-content-sha256"] = hashlib.sha256(BODY or b"").hexdigest()');
  }
  const options = request.options;
  const setup: string[] = [];
  const handlers = ['KeepRedirects()'];
  if (options.timeoutSeconds !== undefined)
    setup.push(`TIMEOUT = ${seconds(options.timeoutSeconds)}  # seconds to connect, and to wait for each read`);
  if (!options.isTlsVerified) {
    imports.push('import ssl');
    setup.push(
      "# Security: certificate verification is off, as in this request's Options.",
      'context = ssl.create_default_context()',
      'context.check_hostname = False',
      'context.verify_mode = ssl.CERT_NONE',
    );
    handlers.push('urllib.request.HTTPSHandler(context=context)');
  } else if (options.caBundlePem !== undefined) {
    imports.push('import ssl');
    setup.push(
      '# The CA bundle from Options, trusted on top of the default roots, as in Shomei.',
      `CA_BUNDLE = ${py(options.caBundlePem)}`,
      'context = ssl.create_default_context()',
      'context.load_verify_locations(cadata=CA_BUNDLE)',
    );
    handlers.push('urllib.request.HTTPSHandler(context=context)');
  }
  if (options.proxyUrl !== undefined) {
    setup.push(`PROXY = ${py(options.proxyUrl)}`);
    handlers.push('urllib.request.ProxyHandler({"http": PROXY, "https": PROXY})');
  }
  if (setup.length > 0) blocks.push(setup.join('\n'));
  blocks.push(
    [
      'request = AWSRequest(method=METHOD, url=URL, headers=HEADERS, data=BODY)',
      `${signer}(credentials, SERVICE, REGION).add_auth(request)`,
      'prepared = request.prepare()',
    ].join('\n'),
    // Blank lines around the class, as PEP 8 wants at the top level.
    [
      '',
      'class KeepRedirects(urllib.request.HTTPRedirectHandler):',
      '    """Answers with the redirect itself: following it would send this signature and token to the new URL."""',
      '',
      '    def redirect_request(self, req, fp, code, msg, headers, newurl):',
      '        return None',
      '',
    ].join('\n'),
    [
      'outgoing = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers.items()), method=prepared.method)',
      `opener = urllib.request.build_opener(${handlers.join(', ')})`,
      'try:',
      `    with opener.open(outgoing${options.timeoutSeconds !== undefined ? ', timeout=TIMEOUT' : ''}) as response:`,
      '        status, payload = response.status, response.read()',
      'except urllib.error.HTTPError as error:',
      '    status, payload = error.code, error.read()',
      'print(status)',
      'print(payload.decode("utf-8", errors="replace"))',
    ].join('\n'),
  );
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by botocore when it runs.',
    imports,
    blocks,
  );
  notes.push(
    ...redirectNotes(request, 'urllib'),
    ...leftOutNotes('urllib', [options.connectTo !== undefined && `connect to ${options.connectTo}`]),
  );
  return { target: 'python-botocore', language: 'python', code, notes: [...notes, ...commonNotes(request)] };
}

// ---- JavaScript ----

function writeSmithy(request: PreparedRequest): GeneratedCode {
  const js = (value: string) => JSON.stringify(value);
  const headers = mergedHeaders(request.headers);
  const lines = [
    "import { Sha256 } from '@aws-crypto/sha256-js';",
    "import { SignatureV4 } from '@smithy/signature-v4';",
    '',
    `const url = new URL(${js(request.url)});`,
    `const method = ${js(request.method)};`,
    headers.length === 0
      ? 'const headers = {};'
      : ['const headers = {', ...headers.map(([name, value]) => `  ${js(name)}: ${js(value)},`), '};'].join('\n'),
    `const body = ${request.body === undefined ? 'undefined' : js(request.body)};`,
    '',
    '// Security: the keys are read from the environment when this runs; none are written here.',
    'const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;',
    "if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) throw new Error('Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY first');",
    '',
    'const signer = new SignatureV4({',
    '  credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN },',
    `  region: ${js(request.region)},`,
    `  service: ${js(request.service)},`,
    '  sha256: Sha256,',
    // S3-style services sign the path encoded once; the rest encode it again.
    `  uriEscapePath: ${request.isS3Style ? 'false' : 'true'},`,
    '});',
    '',
    'const query = {};',
    'for (const [key, value] of url.searchParams) {',
    '  query[key] = Object.hasOwn(query, key) ? [query[key], value].flat() : value;',
    '}',
  ];
  if (request.isContentSha256Sent) {
    lines.push(
      '',
      '// This service wants the SHA-256 of the body as a header, too.',
      'const hash = new Sha256();',
      "hash.update(body ?? '');",
      "headers['x-amz-content-sha256'] = Buffer.from(await hash.digest()).toString('hex');",
    );
  }
  lines.push(
    '',
    'const signed = await signer.sign({',
    '  method,',
    '  protocol: url.protocol,',
    '  hostname: url.hostname,',
    "  port: url.port === '' ? undefined : Number(url.port),",
    '  path: url.pathname,',
    '  query,',
    '  headers: { ...headers, host: url.host },',
    '  body,',
    '});',
  );
  const options = request.options;
  if (!options.isTlsVerified)
    lines.push(
      "// Security: certificate verification is off, as in this request's Options (Node warns about it).",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    );
  lines.push(
    // Security: fetch would not sign a redirected request again, and would carry the token along.
    'const response = await fetch(url, {',
    '  method: signed.method,',
    '  headers: signed.headers,',
    '  body: signed.body,',
    "  redirect: 'manual',",
    ...(options.timeoutSeconds !== undefined
      ? [`  signal: AbortSignal.timeout(${Math.round(options.timeoutSeconds * 1000)}),`]
      : []),
    '});',
    'console.log(response.status);',
    'console.log(await response.text());',
  );
  return {
    target: 'javascript-smithy',
    language: 'javascript',
    code: `${lines.join('\n')}\n`,
    notes: [
      'npm install @smithy/signature-v4 @aws-crypto/sha256-js',
      'An ES module for Node 18 or later: save it as request.mjs and run node request.mjs.',
      `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
      ...redirectNotes(request, 'fetch'),
      ...leftOutNotes('fetch', [
        options.caBundlePem !== undefined &&
          "the CA bundle (save it as a file and run node with NODE_EXTRA_CA_CERTS=FILE, which adds it to Node's authorities)",
        options.proxyUrl !== undefined && `the proxy ${options.proxyUrl}`,
        options.connectTo !== undefined && `connect to ${options.connectTo}`,
      ]),
      ...commonNotes(request),
    ],
  };
}

// ---- SHA-256 ----

const ROUND_CONSTANTS = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = Uint32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

function rotateRight(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/**
 * Hex SHA-256 (FIPS 180-4) of a string's UTF-8 bytes. Written out because this file runs in the
 * browser too, where `node:crypto` is missing and Web Crypto's digest is async.
 */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  // The length in bits, as a 64-bit big-endian number at the very end.
  view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);

  const state = INITIAL_STATE.slice();
  const schedule = new Uint32Array(64);
  const working = new Uint32Array(8);
  const word = (array: Uint32Array, i: number) => array[i] as number;
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 64; i += 1) {
      if (i < 16) {
        schedule[i] = view.getUint32(block + i * 4);
        continue;
      }
      const w15 = word(schedule, i - 15);
      const w2 = word(schedule, i - 2);
      const s0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3);
      const s1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10);
      schedule[i] = word(schedule, i - 16) + s0 + word(schedule, i - 7) + s1;
    }
    working.set(state);
    for (let i = 0; i < 64; i += 1) {
      const a = word(working, 0);
      const e = word(working, 4);
      const choose = (e & word(working, 5)) ^ (~e & word(working, 6));
      const majority = (a & word(working, 1)) ^ (a & word(working, 2)) ^ (word(working, 1) & word(working, 2));
      const t1 =
        word(working, 7) +
        (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) +
        choose +
        word(ROUND_CONSTANTS, i) +
        word(schedule, i);
      const t2 = (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + majority;
      // Shift every variable down one (h = g, …, b = a); then e = d + t1 and a = t1 + t2. Stores wrap mod 2^32.
      working.copyWithin(1, 0, 7);
      working[4] = word(working, 4) + t1;
      working[0] = t1 + t2;
    }
    for (let i = 0; i < 8; i += 1) state[i] = word(state, i) + word(working, i);
  }
  return Array.from(state, (n) => n.toString(16).padStart(8, '0')).join('');
}
