import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import aws4 from 'aws4';

/** A key the server accepts. With a session token, the token must come along and match. */
export interface KnownCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What the server saw of one request, for assertions. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as on the request line. */
  target: string;
  /** Raw header pairs in order, names as sent. */
  rawHeaders: Array<[string, string]>;
  body: Buffer;
  verdict: Verdict;
}

/** Whether the signature held, and why not. */
export interface Verdict {
  ok: boolean;
  reason: string;
  mode: 'header' | 'query' | 'none';
  canonicalRequest?: string;
  stringToSign?: string;
}

/** A running verifying server. */
export interface VerifyingServer {
  origin: string;
  port: number;
  received: ReceivedRequest[];
  /** Route handlers checked before verification (e.g. redirects); return true when handled. */
  routes: Map<string, (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void>;
  close(): Promise<void>;
}

const DEFAULT_REGION = 'us-east-1';

function groupSignedHeaders(raw: Array<[string, string]>, signed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of signed) {
    const values = raw.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    if (values.length > 0) out[name] = values.join(',');
  }
  return out;
}

/**
 * Verifies one request's SigV4 signature with the independent `aws4` library (header or query
 * signing), the payload hash, the session token and the clock.
 */
export function verifySigV4(
  method: string,
  target: string,
  rawHeaders: Array<[string, string]>,
  body: Buffer,
  known: readonly KnownCredentials[],
  now: Date = new Date(),
): Verdict {
  const header = (name: string) => rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];
  const url = new URL(target, 'http://placeholder');
  const authorization = header('authorization');
  const isQuery = url.searchParams.has('X-Amz-Signature');
  if (!authorization && !isQuery) return { ok: false, reason: 'MissingAuthenticationToken', mode: 'none' };

  let credential: string;
  let signedHeaders: string[];
  let provided: string;
  let amzDate: string;
  if (isQuery) {
    credential = url.searchParams.get('X-Amz-Credential') ?? '';
    signedHeaders = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    provided = url.searchParams.get('X-Amz-Signature') ?? '';
    amzDate = url.searchParams.get('X-Amz-Date') ?? '';
  } else {
    const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'IncompleteSignature', mode: 'header' };
    credential = match[1] as string;
    signedHeaders = (match[2] as string).split(';');
    provided = match[3] as string;
    amzDate = header('x-amz-date') ?? '';
  }
  const [accessKeyId, , region = DEFAULT_REGION, service = ''] = credential.split('/');
  const key = known.find((k) => k.accessKeyId === accessKeyId);
  if (!key) return { ok: false, reason: 'InvalidClientTokenId', mode: isQuery ? 'query' : 'header' };
  const token = isQuery ? url.searchParams.get('X-Amz-Security-Token') : header('x-amz-security-token');
  if ((key.sessionToken ?? null) !== (token ?? null)) return { ok: false, reason: 'InvalidToken', mode: isQuery ? 'query' : 'header' };
  if (!isQuery && token && !signedHeaders.includes('x-amz-security-token')) {
    return { ok: false, reason: 'SessionTokenNotSigned', mode: 'header' };
  }
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (Number.isNaN(signedAt)) return { ok: false, reason: 'MissingDate', mode: isQuery ? 'query' : 'header' };
  if (isQuery) {
    const expires = Number(url.searchParams.get('X-Amz-Expires') ?? '0');
    if (now.getTime() > signedAt + expires * 1000) return { ok: false, reason: 'ExpiredPresignedUrl', mode: 'query' };
  } else if (Math.abs(now.getTime() - signedAt) > 15 * 60 * 1000) {
    return { ok: false, reason: 'RequestTimeTooSkewed', mode: 'header' };
  }
  const contentSha = header('x-amz-content-sha256');
  if (contentSha && contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== createHash('sha256').update(body).digest('hex')) {
    return { ok: false, reason: 'XAmzContentSHA256Mismatch', mode: isQuery ? 'query' : 'header' };
  }

  // aws4 recomputes from the request as received: only the headers that were signed, the raw target.
  let path = target;
  if (isQuery) {
    const params = new URLSearchParams(url.search);
    params.delete('X-Amz-Signature');
    path = `${url.pathname}${params.size > 0 ? `?${[...params].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''}`;
  }
  const signer = new aws4.RequestSigner(
    {
      host: header('host'),
      path,
      method,
      service,
      region,
      headers: groupSignedHeaders(rawHeaders, signedHeaders),
      body: body.byteLength > 0 ? body : undefined,
      signQuery: isQuery,
      doNotModifyHeaders: true,
    },
    { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(isQuery && key.sessionToken ? { sessionToken: key.sessionToken } : {}) },
  ) as unknown as { datetime: string; canonicalString(): string; stringToSign(): string; signature(): string; prepareRequest(): void };
  signer.datetime = amzDate;
  signer.prepareRequest();
  signer.datetime = amzDate;
  const expected = signer.signature();
  const verdict = { mode: isQuery ? ('query' as const) : ('header' as const), canonicalRequest: signer.canonicalString(), stringToSign: signer.stringToSign() };
  return expected === provided ? { ok: true, reason: 'verified', ...verdict } : { ok: false, reason: 'SignatureDoesNotMatch', ...verdict };
}

/**
 * Starts a loopback server that verifies SigV4 with `aws4` (not our signer). Verified requests get
 * 200 and a JSON echo (method, path, query, body sha256); anything else gets 403 with an AWS-style
 * JSON error. Routes registered in `routes` (by path) answer first.
 */
export async function startVerifyingServer(known: KnownCredentials[], options: { now?: () => Date } = {}): Promise<VerifyingServer> {
  const received: ReceivedRequest[] = [];
  const routes: VerifyingServer['routes'] = new Map();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawHeaders: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      const target = req.url ?? '/';
      const verdict = verifySigV4(req.method ?? 'GET', target, rawHeaders, body, known, options.now?.() ?? new Date());
      const entry: ReceivedRequest = { method: req.method ?? 'GET', target, rawHeaders, body, verdict };
      received.push(entry);
      const route = routes.get(target.split('?')[0] ?? '/');
      if (route) return route(req, res, entry);
      if (!verdict.ok) {
        res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': verdict.reason });
        res.end(JSON.stringify({ message: `Signature check failed: ${verdict.reason}`, reason: verdict.reason }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          verified: true,
          method: req.method,
          target,
          bodySha256: createHash('sha256').update(body).digest('hex'),
          bodyLength: body.byteLength,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
