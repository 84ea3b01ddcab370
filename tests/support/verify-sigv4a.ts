import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import aws4 from 'aws4';
import { SIGV4A_SUITE_DIR } from './sigv4a-suite';

/** The SigV4a suite's credentials, and the P-256 public key the AWS Common Runtime derived from them. */
export const SIGV4A_SUITE_KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** The suite's public key for `SIGV4A_SUITE_KEYS`, as a Node key object. */
export function sigV4aSuitePublicKey(): KeyObject {
  const { X, Y } = JSON.parse(readFileSync(join(SIGV4A_SUITE_DIR, 'get-vanilla', 'public-key.json'), 'utf8')) as { X: string; Y: string };
  const b64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(X), y: b64url(Y) }, format: 'jwk' });
}

/**
 * Verifies a header-signed SigV4a request without Shomei's signer: the canonical request comes
 * from `aws4` (SigV4 and SigV4a canonicalize alike), the string to sign is assembled here, and the
 * ECDSA signature is checked by Node's crypto against the suite's public key.
 */
export function verifySigV4a(method: string, target: string, rawHeaders: Array<[string, string]>, body: Buffer, publicKey: KeyObject): { ok: boolean; reason: string; regionSet?: string } {
  const header = (name: string) => rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];
  const match = /^AWS4-ECDSA-P256-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(header('authorization') ?? '');
  if (!match) return { ok: false, reason: 'IncompleteSignature' };
  const [, , shortDate = '', service = '', signedList = '', signature = ''] = match;
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('x-amz-region-set')) return { ok: false, reason: 'RegionSetNotSigned' };
  const amzDate = header('x-amz-date') ?? '';
  const grouped: Record<string, string> = {};
  for (const name of signedHeaders) {
    const values = rawHeaders.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    if (values.length > 0) grouped[name] = values.join(',');
  }
  const contentSha = header('x-amz-content-sha256');
  if (contentSha && contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== createHash('sha256').update(body).digest('hex')) return { ok: false, reason: 'XAmzContentSHA256Mismatch' };
  const signer = new aws4.RequestSigner(
    { host: header('host'), path: target, method, service, region: 'us-east-1', headers: grouped, body: body.byteLength > 0 ? body : undefined, doNotModifyHeaders: true },
    SIGV4A_SUITE_KEYS,
  ) as unknown as { datetime: string; canonicalString(): string; prepareRequest(): void };
  signer.datetime = amzDate;
  signer.prepareRequest();
  signer.datetime = amzDate;
  const canonicalRequest = signer.canonicalString();
  const stringToSign = ['AWS4-ECDSA-P256-SHA256', amzDate, `${shortDate}/${service}/aws4_request`, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const isValid = verify('sha256', Buffer.from(stringToSign), { key: publicKey, dsaEncoding: 'der' }, Buffer.from(signature, 'hex'));
  return { ok: isValid, reason: isValid ? 'verified' : 'SignatureDoesNotMatch', regionSet: header('x-amz-region-set') };
}

/** A loopback server that checks each request's SigV4a with `verifySigV4a`: 200 when it holds, 403 otherwise, the verdict as JSON. */
export interface SigV4aVerifyingServer {
  origin: string;
  /** Each request's verdict, in order. */
  seen: Array<{ ok: boolean; reason: string; regionSet?: string | undefined }>;
  close(): Promise<void>;
}

/** Starts a `SigV4aVerifyingServer` on 127.0.0.1 and a free port, for the suite's keys. */
export async function startSigV4aVerifyingServer(): Promise<SigV4aVerifyingServer> {
  const key = sigV4aSuitePublicKey();
  const seen: SigV4aVerifyingServer['seen'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      const verdict = verifySigV4a(req.method ?? 'GET', req.url ?? '/', rawHeaders, Buffer.concat(chunks), key);
      seen.push(verdict);
      res.writeHead(verdict.ok ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify(verdict));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
