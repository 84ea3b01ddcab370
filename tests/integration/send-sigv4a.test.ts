import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRequestSpec } from '../../electron/core/requests/planned-request';
import { createHttpTransport } from '../../electron/core/http/http-transport';
import { createRequestService } from '../../electron/core/requests/request-service';
import { resolveInlineCredentials } from '../../electron/core/requests/resolved-credentials';
import {
  SIGV4A_SUITE_KEYS,
  sigV4aSuitePublicKey,
  startSigV4aVerifyingServer,
  verifySigV4a,
  type SigV4aVerifyingServer,
} from '../support/verify-sigv4a';

let server: SigV4aVerifyingServer;
let origin = '';
let seen: SigV4aVerifyingServer['seen'] = [];

beforeAll(async () => {
  server = await startSigV4aVerifyingServer();
  ({ origin, seen } = server);
});
afterAll(() => server.close());

describe('SigV4a sends, verified on loopback with aws4 canonicalization and Node ECDSA', () => {
  const service = createRequestService({ transport: createHttpTransport(), resolveCredentials: resolveInlineCredentials, now: () => new Date() });
  const spec = (regionSet: string | undefined, body = '{"a":"ü"}') =>
    planRequestSpec({
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
