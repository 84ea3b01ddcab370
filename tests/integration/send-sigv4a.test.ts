import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestSpecSchema } from '../../shared/contract/http';
import { createHttpTransport } from '../../electron/core/http/http-transport';
import { createRequestService, resolveInlineCredentials } from '../../electron/core/requests/request-service';
import { SIGV4A_SUITE_KEYS, sigV4aSuitePublicKey, verifySigV4a } from '../support/verify-sigv4a';

let server: Server;
let origin = '';
const seen: Array<{ ok: boolean; reason: string; regionSet?: string }> = [];

beforeAll(async () => {
  const key = sigV4aSuitePublicKey();
  server = createServer((req, res) => {
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
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SigV4a sends, verified on loopback with aws4 canonicalization and Node ECDSA', () => {
  const service = createRequestService({ transport: createHttpTransport(), resolveCredentials: resolveInlineCredentials, now: () => new Date() });
  const spec = (regionSet: string | undefined, body = '{"a":"ü"}') =>
    RequestSpecSchema.parse({
      method: 'PUT',
      url: `${origin}/bucket/key%20a//b.txt?x=1&a=2`,
      headers: [{ name: 'Content-Type', value: 'application/json', isEnabled: true }],
      body: { kind: 'text', text: body },
      auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...SIGV4A_SUITE_KEYS }, region: 'us-east-1', service: 's3', algorithm: 'sigv4a', ...(regionSet ? { regionSet } : {}) },
    });

  it('signs for region set * by default, and the summary says SigV4a', async () => {
    const response = await service.send('v4a-1', spec(undefined));
    expect(seen.at(-1)).toEqual({ ok: true, reason: 'verified', regionSet: '*' });
    expect(response.status).toBe(200);
    expect(response.signing).toMatchObject({ algorithm: 'sigv4a', region: '*', service: 's3' });
    expect(response.signing?.stringToSign.split('\n')[0]).toBe('AWS4-ECDSA-P256-SHA256');
    expect(response.timeline.some((entry) => entry.text.startsWith('Signed with SigV4a as s3 in region set *'))).toBe(true);
  });

  it('signs for a chosen region set', async () => {
    await service.send('v4a-2', spec('us-east-1,eu-west-*'));
    expect(seen.at(-1)).toEqual({ ok: true, reason: 'verified', regionSet: 'us-east-1,eu-west-*' });
  });

  it('a signature moved onto another request is refused by the verifier', async () => {
    const key = sigV4aSuitePublicKey();
    const signed = await service.inspect(spec(undefined));
    const headers = signed.headers.map(([n, v]) => [n, v] as [string, string]);
    const target = signed.url.replace(/^http:\/\/[^/]+/, '');
    expect(verifySigV4a('PUT', target, headers, Buffer.from('{"a":"ü"}'), key).ok).toBe(true);
    expect(verifySigV4a('PUT', target.replace('x=1', 'x=2'), headers, Buffer.from('{"a":"ü"}'), key)).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch' });
    const widened = headers.map(([n, v]): [string, string] => [n, n.toLowerCase() === 'x-amz-region-set' ? 'us-west-2' : v]);
    expect(verifySigV4a('PUT', target, widened, Buffer.from('{"a":"ü"}'), key).ok).toBe(false);
  });
});
