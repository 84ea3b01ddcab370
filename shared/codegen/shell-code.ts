import { UNSIGNED_PAYLOAD } from '../aws/service-rules';
import { awsUriEncode } from '../aws/uri-encoding';
import { sha256Hex } from '../encoding/sha256';
import { API_KEY_ENV, apiKeyNotes, apiKeyPlacement, jqPercentEncode } from './api-key-code';
import type { GeneratedCode } from './generate-code';
import {
  commonNotes,
  leftOutNotes,
  mergedHeaders,
  pathEscapeNotes,
  seconds,
  type PreparedRequest,
} from './prepared-request';

/** Quotes a word for POSIX shells: bare when safe, else single quotes with `'\''` for quotes inside. */
export function quoteShell(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The start of a curl command whose credential headers come from its standard input (`-H @-`,
 * curl 7.55): `printf` — the shell's own, no process of its own — writes them to the pipe.
 * Security: a `-H` argument is on curl's command line, which any user of the machine can read
 * while it runs; the pipe is not. `headers` are shell words (`"Authorization: Bearer $TOKEN"`).
 */
export function curlWithSecretHeaders(command: string, headers: readonly string[]): string {
  return headers.length === 0 ? command : `printf '%s\\n' ${headers.join(' ')} | ${command} -H @-`;
}

/** `-H` arguments; an empty value is written `Name;`, curl's way of sending a header with no value. */
export function curlHeaderArgs(headers: ReadonlyArray<readonly [string, string]>): string[] {
  return headers.map(([name, value]) => `-H ${quoteShell(value.trim() === '' ? `${name};` : `${name}: ${value}`)}`);
}

/** A `curl --aws-sigv4` command, keys from the environment, with every send option curl can carry. */
export function writeCurl(request: PreparedRequest): GeneratedCode {
  const notes = [
    `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first; the shell fills them in when the command runs.`,
    'Needs curl 7.75 or later (--aws-sigv4).',
    'The query is in SigV4 canonical order because curl signs it exactly as written: keep that order if you edit it.',
  ];
  const scope = `aws:amz:${request.region}:${request.service}`;
  const key = shellApiKey(request);
  const lines = [
    curlWithSecretHeaders(request.method === 'HEAD' ? 'curl --head' : `curl -X ${quoteShell(request.method)}`, [
      ...(request.hasSessionToken ? ['"x-amz-security-token: $AWS_SESSION_TOKEN"'] : []),
      ...key.secretHeaders,
    ]),
    `--aws-sigv4 ${/^[A-Za-z0-9._:-]+$/.test(scope) ? `"${scope}"` : quoteShell(scope)}`,
    // Security: the keys stay references; double quotes so the shell expands them at run time (curl
    // blanks its --user argument once read).
    '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
  ];
  if (request.isContentSha256Sent && request.isPayloadUnsigned) {
    lines.push(`-H ${quoteShell(`x-amz-content-sha256: ${UNSIGNED_PAYLOAD}`)}`);
  } else if (request.isContentSha256Sent) {
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
  lines.push(...options.args, key.url);
  notes.push(...options.notes, ...pathEscapeNotes(request, 'curl', 'once'), ...apiKeyNotes(request), ...key.notes);
  return {
    target: 'curl',
    language: 'shell',
    code: `${[...options.prelude, ...key.prelude, lines.join(' \\\n  ')].join('\n')}\n`,
    notes: [...notes, ...commonNotes(request)],
  };
}

/**
 * curl arguments for the send options, the lines that must run before the command (a CA bundle
 * written to a temporary file), and notes.
 */
export function curlOptionArgs(request: PreparedRequest): { args: string[]; prelude: string[]; notes: string[] } {
  const options = request.options;
  const args: string[] = [];
  const prelude: string[] = [];
  const notes: string[] = [];
  if (options.timeoutSeconds !== undefined) args.push(`--max-time ${seconds(options.timeoutSeconds)}`);
  const credentialHeaders = [
    ...(request.hasSessionToken ? ['x-amz-security-token'] : []),
    ...(request.apiKey?.in === 'header' ? [request.apiKey.name] : []),
  ];
  if (options.isFollowingRedirects === true) {
    if (credentialHeaders.length > 0)
      // Security: curl sends every -H header to whatever host a redirect leads to, the session token
      // and an API key included, where Shomei sends them to the same origin only.
      notes.push(
        `Redirects are not followed (no --location): curl would send the ${credentialHeaders.join(' and ')} header to any host a redirect leads to.`,
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

/** An `awscurl` command; awscurl reads the keys itself. */
export function writeAwscurl(request: PreparedRequest): GeneratedCode {
  const notes = [
    'pip install awscurl',
    'awscurl reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the environment itself (or your AWS profile with --profile).',
  ];
  const lines = [
    `awscurl --service ${quoteShell(request.service)} --region ${quoteShell(request.region)}`,
    `-X ${quoteShell(request.method)}`,
  ];
  const key = shellApiKey(request);
  lines.push(
    ...mergedHeaders(request.headers).map(([name, value]) => `-H ${quoteShell(`${name}: ${value}`)}`),
    ...key.secretHeaders.map((header) => `-H ${header}`),
  );
  if (request.body !== undefined) {
    lines.push(`-d ${quoteShell(request.body)}`);
    if (request.body.startsWith('@'))
      notes.push(
        'awscurl reads a file for a body that starts with @: put this body in a file and pass -d @file instead.',
      );
  }
  const options = request.options;
  if (!options.isTlsVerified) lines.push('--insecure');
  lines.push(key.url);
  notes.push(
    ...apiKeyNotes(request),
    ...key.notes,
    ...(key.secretHeaders.length > 0
      ? [
          "awscurl takes the API key header on its command line, which other users of this machine can read while it runs: prefer curl's variant on a shared machine.",
        ]
      : []),
  );
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
    code: `${[...key.prelude, lines.join(' \\\n  ')].join('\n')}\n`,
    notes: [...notes, ...commonNotes(request)],
  };
}

/**
 * A shell line setting `variable` to the value of `$env` percent-encoded (`jqPercentEncode`), or
 * stopping when jq cannot. Security: the value goes through a pipe from the shell's own printf,
 * never onto a command line other processes could read.
 */
export function shellPercentEncoded(variable: string, env: string, isForm: boolean): string {
  return `${variable}="$(printf %s "$${env}" | jq -sRr ${quoteShell(jqPercentEncode(isForm))})" || { echo 'jq is needed to encode ${env}' >&2; exit 1; }`;
}

/**
 * For the shell tools that sign the query as written (curl's --aws-sigv4) or sort it themselves
 * (awscurl): the lines that check and encode the key, the `-H` argument for a header key, and the
 * URL as one shell word with the encoded key in its place in SigV4's canonical order.
 */
export function shellApiKey(request: PreparedRequest): {
  prelude: string[];
  /** The key's header as a shell word, for `curlWithSecretHeaders`. */
  secretHeaders: string[];
  url: string;
  notes: string[];
} {
  const key = request.apiKey;
  if (!key) return { prelude: [], secretHeaders: [], url: quoteShell(request.url), notes: [] };
  const prelude = [
    `# Security: ${apiKeyPlacement(key)}; the shell reads it when this runs, nothing secret is written here.`,
    `: "\${${API_KEY_ENV}:?Set ${API_KEY_ENV} first}"`,
  ];
  if (key.in === 'header')
    return {
      prelude,
      secretHeaders: [`${quoteShell(`${key.name}: `)}"$${API_KEY_ENV}"`],
      url: quoteShell(request.url),
      notes: [],
    };
  prelude.push(shellPercentEncoded('API_KEY_QUERY', API_KEY_ENV, false));
  const [base = '', query = ''] = request.url.split('?');
  const pairs = query === '' ? [] : query.split('&');
  const name = awsUriEncode(key.name);
  // Canonical order: after every pair whose name sorts before or equal to the key's.
  const at = pairs.findIndex((pair) => (pair.split('=')[0] ?? '') > name);
  const before = at < 0 ? pairs : pairs.slice(0, at);
  const after = at < 0 ? [] : pairs.slice(at);
  const head = `${base}?${[...before, `${name}=`].join('&')}`;
  return {
    prelude,
    secretHeaders: [],
    url: `${quoteShell(head)}"$API_KEY_QUERY"${after.length > 0 ? quoteShell(`&${after.join('&')}`) : ''}`,
    notes: [
      'Needs jq to percent-encode the API key for the query.',
      "In the query, the API key is part of the URL on the tool's command line, which other users of this machine can read while it runs.",
    ],
  };
}
