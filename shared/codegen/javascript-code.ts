import { awsUriEncode } from '../aws/uri-encoding';
import { API_KEY_ENV, apiKeyNotes, apiKeyPlacement } from './api-key-code';
import type { GeneratedCode } from './generate-code';
import { commonNotes, leftOutNotes, mergedHeaders, redirectNotes, type PreparedRequest } from './prepared-request';

/**
 * `fetch(url, …)` of the request (the expressions for its method, headers and body), not following
 * redirects, with the timeout when set, then its status and text printed.
 */
export function fetchAndPrint(
  method: string,
  headers: string,
  body: string,
  timeoutSeconds: number | undefined,
): string[] {
  return [
    'const response = await fetch(url, {',
    `  method: ${method},`,
    `  headers: ${headers},`,
    `  body: ${body},`,
    "  redirect: 'manual',",
    ...(timeoutSeconds !== undefined ? [`  signal: AbortSignal.timeout(${Math.round(timeoutSeconds * 1000)}),`] : []),
    '});',
    'console.log(response.status);',
    'console.log(await response.text());',
  ];
}

/** JavaScript (ESM) that signs with `@smithy/signature-v4` (SigV4a: `@smithy/signature-v4a`) and sends with `fetch`, keys from `process.env`. */
export function writeSmithy(request: PreparedRequest): GeneratedCode {
  const js = (value: string) => JSON.stringify(value);
  const headers = mergedHeaders(request.headers);
  const lines = [
    "import { Sha256 } from '@aws-crypto/sha256-js';",
    request.isSigV4a
      ? "import { SignatureV4a } from '@smithy/signature-v4a';"
      : "import { SignatureV4 } from '@smithy/signature-v4';",
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
    ...(request.isSigV4a ? ['// SigV4a (ECDSA P-256): the region is the region set the signature is good for.'] : []),
    `const signer = new ${request.isSigV4a ? 'SignatureV4a' : 'SignatureV4'}({`,
    '  credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN },',
    `  region: ${js(request.isSigV4a ? request.regionSet : request.region)},`,
    `  service: ${js(request.service)},`,
    '  sha256: Sha256,',
    // S3-style services sign the path encoded once; the rest encode it again.
    `  uriEscapePath: ${request.isS3Style ? 'false' : 'true'},`,
    '});',
    ...javascriptApiKey(request),
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
    ...fetchAndPrint('signed.method', 'signed.headers', 'signed.body', options.timeoutSeconds),
  );
  return {
    target: 'javascript-smithy',
    language: 'javascript',
    code: `${lines.join('\n')}\n`,
    notes: [
      `npm install ${request.isSigV4a ? '@smithy/signature-v4a' : '@smithy/signature-v4'} @aws-crypto/sha256-js`,
      ...(request.isSigV4a ? [`Signs with SigV4a for the region set ${request.regionSet}.`] : []),
      'An ES module for Node 18 or later: save it as request.mjs and run node request.mjs.',
      `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
      ...apiKeyNotes(request),
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

/**
 * JavaScript lines that read the key and put it on `headers` or the end of `url`'s query
 * (percent-encoded as SigV4 wants, the rest of the query left as written), before anything signs.
 */
export function javascriptApiKey(request: PreparedRequest): string[] {
  const key = request.apiKey;
  if (!key) return [];
  const js = (value: string) => JSON.stringify(value);
  return [
    '',
    `// Security: ${apiKeyPlacement(key)}; read when this runs, nothing secret is written here.`,
    `const apiKey = process.env.${API_KEY_ENV};`,
    `if (!apiKey) throw new Error('Set ${API_KEY_ENV} first');`,
    key.in === 'header'
      ? `headers[${js(key.name)}] = apiKey;`
      : [
          "const encodedKey = encodeURIComponent(apiKey).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());",
          `url.search = (url.search ? url.search + '&' : '?') + ${js(`${awsUriEncode(key.name)}=`)} + encodedKey;`,
        ].join('\n'),
  ];
}
