import { oauthFormEncode } from '../encoding/oauth-form';
import { API_KEY_ENV, apiKeyNotes, apiKeyPlacement, commentText } from './api-key-code';
import type { CodeAuth, CodeTarget, GeneratedCode } from './generate-code';
import { commonNotes, leftOutNotes, mergedHeaders, type PreparedRequest } from './prepared-request';
import { fetchAndPrint, javascriptApiKey } from './javascript-code';
import { py, pythonApiKey, pythonFile } from './python-code';
import { requestsOptions } from './python-requests-code';
import { curlHeaderArgs, curlOptionArgs, curlWithSecretHeaders, quoteShell, shellPercentEncoded } from './shell-code';

/**
 * The environment variable each secret is read from when generated code runs. Security: generated
 * code never holds a secret; it reads these, and each snippet says so in a comment.
 */
export const SECRET_ENV = {
  bearer: 'TOKEN',
  basic: 'BASIC_PASSWORD',
  'api-key': API_KEY_ENV,
  oauth2: 'CLIENT_SECRET',
} as const satisfies Record<Exclude<CodeAuth['type'], 'none'>, string>;

/** The variable the auth's secret is read from; undefined for no auth. */
function secretEnvOf(auth: CodeAuth): string | undefined {
  return auth.type === 'none' ? undefined : SECRET_ENV[auth.type];
}

/** What every language writes for one auth, one line for a comment: where the secret comes from and what it adds. */
function authSummary(auth: CodeAuth): string {
  return commentText(describeAuth(auth));
}

function describeAuth(auth: CodeAuth): string {
  switch (auth.type) {
    case 'none':
      return 'no auth';
    case 'bearer':
      return `the bearer token from $${SECRET_ENV.bearer}`;
    case 'basic':
      return `Basic auth as ${auth.username}, the password from $${SECRET_ENV.basic}`;
    case 'api-key':
      return `the API key from $${SECRET_ENV['api-key']} in the ${auth.in === 'header' ? 'header' : 'query parameter'} ${auth.name}`;
    case 'oauth2':
      return `an OAuth 2.0 token fetched from ${auth.tokenUrl} first (client credentials, the client secret from $${SECRET_ENV.oauth2})`;
  }
}

/**
 * The token request's form fields but the client secret, in the order main sends them: the
 * grant's, scope and audience when set, the extra parameters (blank names left out), and the
 * client id when it goes in the body.
 */
function tokenBodyFields(auth: Extract<CodeAuth, { type: 'oauth2' }>): Array<[string, string]> {
  const fields: Array<[string, string]> = [['grant_type', 'client_credentials']];
  if (auth.scope.trim() !== '') fields.push(['scope', auth.scope.trim()]);
  if (auth.audience.trim() !== '') fields.push(['audience', auth.audience.trim()]);
  for (const { name, value } of auth.extraParams) if (name.trim() !== '') fields.push([name.trim(), value]);
  if (auth.clientAuthentication === 'body') fields.push(['client_id', auth.clientId]);
  return fields;
}

/** The fields as the form body main sends (`oauthFormEncode`d), without the client secret. */
function tokenForm(auth: Extract<CodeAuth, { type: 'oauth2' }>): string {
  return tokenBodyFields(auth)
    .map(([name, value]) => `${oauthFormEncode(name)}=${oauthFormEncode(value)}`)
    .join('&');
}

/** How curl sends `$env` as an API key: a header line for its standard input, or a query parameter curl encodes. */
function curlApiKey(key: { in: 'header' | 'query'; name: string }, env: string): { header?: string; arg?: string } {
  // --url-query (curl 7.87) encodes the value and appends it to the URL's query.
  return key.in === 'header'
    ? { header: `${quoteShell(`${key.name}: `)}"$${env}"` }
    : { arg: `--url-query ${quoteShell(`${key.name}=`)}"$${env}"` };
}

function notesFor(auth: CodeAuth, request: PreparedRequest): string[] {
  const env = secretEnvOf(auth);
  return [
    env === undefined
      ? 'Sent without auth, as the request is.'
      : `Set ${env} in the environment first: ${authSummary(auth)}. No secret is written in this code.`,
    ...apiKeyNotes(request),
    ...(request.options.isFollowingRedirects === true
      ? ['Redirects are shown, not followed: the client would send the credential on to wherever a redirect points.']
      : []),
    ...commonNotes(request),
  ];
}

/** curl with the auth's header, user or query parameter read from the environment (an OAuth token fetched first, read with jq). */
export function writeCurlWithAuth(request: PreparedRequest, auth: CodeAuth, target: CodeTarget): GeneratedCode {
  const env = secretEnvOf(auth) ?? '';
  const prelude = [
    ...(env === ''
      ? []
      : [
          `# Security: ${authSummary(auth)}; the shell reads it when this runs, nothing secret is written here.`,
          `: "\${${env}:?Set ${env} first}"`,
        ]),
    ...(request.apiKey
      ? [
          `# Security: ${apiKeyPlacement(request.apiKey)}, read when this runs too.`,
          `: "\${${API_KEY_ENV}:?Set ${API_KEY_ENV} first}"`,
        ]
      : []),
  ];
  // Security: curl would send every -H header (the credential) to any host a redirect leads to.
  const options = curlOptionArgs({ ...request, options: { ...request.options, isFollowingRedirects: undefined } });
  // Credential headers go to curl's standard input (curlWithSecretHeaders), other arguments after it.
  const secretHeaders: string[] = [];
  const lines: string[] = [];
  const addKey = (key: { header?: string; arg?: string }) => {
    if (key.header) secretHeaders.push(key.header);
    if (key.arg) lines.push(key.arg);
  };
  switch (auth.type) {
    case 'none':
      break;
    case 'bearer':
      // Security: the prefix may come from an imported file; single-quoted, the shell expands none of it.
      secretHeaders.push(
        `${quoteShell(`Authorization: ${auth.prefix.trim() ? `${auth.prefix.trim()} ` : ''}`)}"$${env}"`,
      );
      break;
    case 'basic':
      // curl blanks its --user argument once read.
      lines.push(`--user ${quoteShell(`${auth.username}:`)}"$${env}"`);
      break;
    case 'api-key':
      addKey(curlApiKey(auth, env));
      break;
    case 'oauth2': {
      // RFC 6749 §2.3.1: the id and secret form-encoded before curl joins them for Basic, as main does.
      const client =
        auth.clientAuthentication === 'basic'
          ? [`--user ${quoteShell(`${oauthFormEncode(auth.clientId)}:`)}"$CLIENT_SECRET_FORM"`]
          : [];
      prelude.push(
        '# The client credentials grant: ask the token URL for an access token, then send it.',
        shellPercentEncoded('CLIENT_SECRET_FORM', env, true),
        [
          // Security: a secret in the body goes through curl's standard input, not its command line.
          `TOKEN="$(${auth.clientAuthentication === 'body' ? `printf 'client_secret=%s' "$CLIENT_SECRET_FORM" | ` : ''}curl -sS --fail-with-body -X POST`,
          ...client,
          `-H ${quoteShell('Accept: application/json')}`,
          `--data-raw ${quoteShell(tokenForm(auth))}`,
          ...(auth.clientAuthentication === 'body' ? ['--data-binary @-'] : []),
          ...options.args,
          `${quoteShell(auth.tokenUrl)} | jq -re .access_token)" || { echo 'No access token from the token endpoint' >&2; exit 1; }`,
        ].join(' \\\n  '),
      );
      secretHeaders.push('"Authorization: Bearer $TOKEN"');
      break;
    }
  }
  if (request.apiKey) addKey(curlApiKey(request.apiKey, API_KEY_ENV));
  lines.unshift(
    curlWithSecretHeaders(
      request.method === 'HEAD' ? 'curl --head' : `curl -X ${quoteShell(request.method)}`,
      secretHeaders,
    ),
  );
  lines.push(...curlHeaderArgs(mergedHeaders(request.headers)));
  if (request.body !== undefined)
    lines.push(`${request.body.startsWith('@') ? '--data-raw' : '--data-binary'} ${quoteShell(request.body)}`);
  lines.push(...options.args, quoteShell(request.url));
  return {
    target,
    language: 'shell',
    code: `${[...options.prelude, ...prelude, lines.join(' \\\n  ')].join('\n')}\n`,
    notes: [
      ...notesFor(auth, request),
      ...((auth.type === 'api-key' && auth.in === 'query') || request.apiKey?.in === 'query'
        ? ['Needs curl 7.87 or later (--url-query).']
        : []),
      ...(auth.type === 'oauth2'
        ? ['Needs jq to form-encode the client secret and to read the token from the token endpoint’s answer.']
        : []),
      ...options.notes,
    ],
  };
}

/** Python with requests: the auth from `os.environ` (an OAuth token fetched first). */
export function writeRequestsWithAuth(request: PreparedRequest, auth: CodeAuth, target: CodeTarget): GeneratedCode {
  const env = secretEnvOf(auth);
  const options = requestsOptions(request);
  const key = pythonApiKey(request);
  const headers = mergedHeaders(request.headers);
  const body: string[] = [
    `METHOD = ${py(request.method)}`,
    `URL = ${py(request.url)}`,
    headers.length === 0
      ? 'HEADERS = {}'
      : ['HEADERS = {', ...headers.map(([name, value]) => `    ${py(name)}: ${py(value)},`), '}'].join('\n'),
    `BODY = ${request.body === undefined ? 'None' : `${py(request.body)}.encode("utf-8")`}`,
    ...options.lines,
    ...(env === undefined
      ? []
      : [
          [
            `# Security: ${authSummary(auth)}; read when this runs, nothing secret is written here.`,
            `SECRET = os.environ[${py(env)}]`,
          ].join('\n'),
        ]),
    ...(key.lines.length > 0 ? [key.lines.join('\n')] : []),
  ];
  const kwargs = ['headers=HEADERS', 'data=BODY', ...options.kwargs];
  switch (auth.type) {
    case 'none':
      break;
    case 'bearer':
      body.push(
        `HEADERS["Authorization"] = ${auth.prefix.trim() ? `${py(`${auth.prefix.trim()} `)} + SECRET` : 'SECRET'}`,
      );
      break;
    case 'basic':
      // UTF-8 as Shomei sends it (requests would encode text as Latin-1).
      kwargs.push(`auth=(${py(auth.username)}.encode("utf-8"), SECRET.encode("utf-8"))`);
      break;
    case 'api-key':
      if (auth.in === 'header') body.push(`HEADERS[${py(auth.name)}] = SECRET`);
      else kwargs.push(`params={${py(auth.name)}: SECRET}`);
      break;
    case 'oauth2': {
      const form = tokenBodyFields(auth);
      body.push(
        [
          '# The client credentials grant: ask the token URL for an access token, then send it.',
          '# requests form-encodes the fields as main does (quote_plus); RFC 6749 §2.3.1 wants the id and',
          '# secret form-encoded before Basic joins them.',
          'token_response = requests.post(',
          `    ${py(auth.tokenUrl)},`,
          '    headers={"Accept": "application/json"},',
          `    data={${form.map(([n, v]) => `${py(n)}: ${py(v)}`).join(', ')}${auth.clientAuthentication === 'body' ? ', "client_secret": SECRET' : ''}},`,
          ...(auth.clientAuthentication === 'basic'
            ? [`    auth=(${py(oauthFormEncode(auth.clientId))}, urllib.parse.quote_plus(SECRET, safe="")),`]
            : []),
          ...options.kwargs.map((k) => `    ${k},`),
          ')',
          'token_response.raise_for_status()',
          'token = token_response.json()',
          'HEADERS["Authorization"] = "Bearer " + token["access_token"]',
        ].join('\n'),
      );
      break;
    }
  }
  body.push(
    ['response = requests.request(', ...['METHOD', 'URL', ...kwargs].map((a) => `    ${a},`), ')'].join('\n'),
    ['print(response.status_code)', 'print(response.text)'].join('\n'),
  );
  return {
    target,
    language: 'python',
    code: pythonFile(
      `Sends the request from Shomei with ${authSummary(auth)}.`,
      [
        ...(env === undefined && key.imports.length === 0 ? [] : ['import os']),
        'import requests',
        ...options.imports,
        ...key.imports,
        ...(auth.type === 'oauth2' && auth.clientAuthentication === 'basic' ? ['import urllib.parse'] : []),
      ],
      body,
    ),
    notes: ['pip install requests', ...notesFor(auth, request), ...options.notes],
  };
}

/** JavaScript (ESM, Node 18+) with fetch: the auth from `process.env` (an OAuth token fetched first). */
export function writeFetchWithAuth(request: PreparedRequest, auth: CodeAuth, target: CodeTarget): GeneratedCode {
  const js = (value: string) => JSON.stringify(value);
  const env = secretEnvOf(auth);
  const headers = mergedHeaders(request.headers);
  const options = request.options;
  const lines = [
    `const url = new URL(${js(request.url)});`,
    headers.length === 0
      ? 'const headers = {};'
      : ['const headers = {', ...headers.map(([name, value]) => `  ${js(name)}: ${js(value)},`), '};'].join('\n'),
    `const body = ${request.body === undefined ? 'undefined' : js(request.body)};`,
    ...(env === undefined
      ? []
      : [
          '',
          `// Security: ${authSummary(auth)}; read when this runs, nothing secret is written here.`,
          `const secret = process.env.${env};`,
          `if (!secret) throw new Error('Set ${env} first');`,
        ]),
  ];
  lines.push(...javascriptApiKey(request));
  if (!options.isTlsVerified)
    lines.push(
      "// Security: certificate verification is off, as in this request's Options (Node warns about it).",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    );
  switch (auth.type) {
    case 'none':
      break;
    case 'bearer':
      lines.push(
        `headers.Authorization = ${auth.prefix.trim() ? `${js(`${auth.prefix.trim()} `)} + secret` : 'secret'};`,
      );
      break;
    case 'basic':
      lines.push(
        `headers.Authorization = 'Basic ' + Buffer.from(${js(`${auth.username}:`)} + secret, 'utf8').toString('base64');`,
      );
      break;
    case 'api-key':
      lines.push(
        auth.in === 'header'
          ? `headers[${js(auth.name)}] = secret;`
          : `url.searchParams.append(${js(auth.name)}, secret);`,
      );
      break;
    case 'oauth2': {
      lines.push(
        '',
        '// The client credentials grant: ask the token URL for an access token, then send it.',
        '// Form-encoded as main does it (RFC 6749 Appendix B): all but A-Z a-z 0-9 - . _ ~ escaped, a space as +.',
        "const formEncode = (value) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');",
        `const form = ${js(tokenForm(auth))}${auth.clientAuthentication === 'body' ? " + '&client_secret=' + formEncode(secret)" : ''};`,
        `const tokenResponse = await fetch(${js(auth.tokenUrl)}, {`,
        "  method: 'POST',",
        '  headers: {',
        "    'Content-Type': 'application/x-www-form-urlencoded',",
        "    Accept: 'application/json',",
        ...(auth.clientAuthentication === 'basic'
          ? [
              // RFC 6749 §2.3.1: the id and secret form-encoded before base64.
              `    Authorization: 'Basic ' + Buffer.from(${js(`${oauthFormEncode(auth.clientId)}:`)} + formEncode(secret)).toString('base64'),`,
            ]
          : []),
        '  },',
        '  body: form,',
        "  redirect: 'manual',",
        '});',
        "if (!tokenResponse.ok) throw new Error('Token endpoint: ' + tokenResponse.status + ' ' + (await tokenResponse.text()));",
        'const token = await tokenResponse.json();',
        "headers.Authorization = 'Bearer ' + token.access_token;",
      );
      break;
    }
  }
  lines.push(
    '',
    // Security: fetch would carry the credential on to wherever a redirect points.
    ...fetchAndPrint(js(request.method), 'headers', 'body', options.timeoutSeconds),
  );
  return {
    target,
    language: 'javascript',
    code: `${lines.join('\n')}\n`,
    notes: [
      'An ES module for Node 18 or later: save it as request.mjs and run node request.mjs.',
      ...notesFor(auth, request),
      ...leftOutNotes('fetch', [
        options.caBundlePem !== undefined &&
          "the CA bundle (save it as a file and run node with NODE_EXTRA_CA_CERTS=FILE, which adds it to Node's authorities)",
        options.proxyUrl !== undefined && `the proxy ${options.proxyUrl}`,
        options.connectTo !== undefined && `connect to ${options.connectTo}`,
      ]),
    ],
  };
}
