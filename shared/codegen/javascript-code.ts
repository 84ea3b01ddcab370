import type { GeneratedCode } from './generate-code';
import { commonNotes, leftOutNotes, mergedHeaders, redirectNotes, type PreparedRequest } from './prepared-request';

/** JavaScript (ESM) that signs with `@smithy/signature-v4` and sends with `fetch`, keys from `process.env`. */
export function writeSmithy(request: PreparedRequest): GeneratedCode {
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
