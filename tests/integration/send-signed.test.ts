import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestSpecInput } from '../../shared/contract/http';
import { planRequestSpec } from '../../electron/core/requests/planned-request';
import { createHttpTransport } from '../../electron/core/http/http-transport';
import { createRequestService, type RequestService } from '../../electron/core/requests/request-service';
import { resolveInlineCredentials } from '../../electron/core/requests/resolved-credentials';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const STATIC = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMPORARY = { accessKeyId: 'ASIAIOSFODNN7TEMPORARY', secretAccessKey: 'tempSecretKey/0123456789abcdefghijABCDEFGHIJ', sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/value==' };

let server: VerifyingServer;
let service: RequestService;
let counter = 0;

beforeAll(async () => {
  server = await startVerifyingServer([STATIC, TEMPORARY]);
  service = createRequestService({ transport: createHttpTransport(), resolveCredentials: resolveInlineCredentials, now: () => new Date() });
});
afterAll(() => server.close());

function spec(partial: Partial<RequestSpecInput> & { path: string; credentials?: typeof STATIC | typeof TEMPORARY; service?: string }) {
  const { path, credentials = STATIC, service: signingName = 'execute-api', ...rest } = partial;
  return planRequestSpec({
    method: 'GET',
    url: `${server.origin}${path}`,
    auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...credentials }, region: 'eu-west-1', service: signingName },
    ...rest,
  });
}

async function send(input: ReturnType<typeof spec>) {
  counter += 1;
  const response = await service.send(`it-${counter}`, input);
  const last = server.received[server.received.length - 1];
  return { response, last, json: JSON.parse(Buffer.from(response.body.base64, 'base64').toString('utf8')) as Record<string, unknown> };
}

describe('signed requests verified by an independent signer (aws4) on loopback', () => {
  it.each([
    ['GET with a query string', { method: 'GET', path: '/prod/items?limit=10&next=a%2Fb&empty=&plus=1+1&space=a%20b' }],
    ['GET with repeated and unordered keys', { method: 'GET', path: '/prod/items?b=2&a=1&a=0&Z=9' }],
    ['GET with a UTF-8 path', { method: 'GET', path: '/prod/données/東京/é%20x' }],
    ['GET with reserved characters in the path', { method: 'GET', path: "/prod/a:b@c!$'()*,;=/d" }],
    ['DELETE', { method: 'DELETE', path: '/prod/items/42' }],
    ['POST with a JSON body', { method: 'POST', path: '/prod/items', body: { kind: 'text', text: '{"name":"ünïcödé","n":1}', contentType: 'application/json' } }],
    ['PUT with a binary body', { method: 'PUT', path: '/prod/blob', body: { kind: 'base64', base64: Buffer.from([0, 1, 2, 255, 254, 13, 10]).toString('base64'), contentType: 'application/octet-stream' } }],
    ['S3 PUT with a signed payload hash', { method: 'PUT', path: '/bucket/key%20with//double/./dot', service: 's3', body: { kind: 'text', text: 'hello s3' } }],
  ] as const)('%s: accepted', async (_label, input) => {
    const { response, last, json } = await send(spec(input as Parameters<typeof spec>[0]));
    expect(last?.verdict.reason).toBe('verified');
    expect(response.status).toBe(200);
    const sentBody = 'body' in input ? (input.body.kind === 'text' ? Buffer.from(input.body.text) : Buffer.from(input.body.base64, 'base64')) : Buffer.alloc(0);
    expect(json.bodySha256).toBe(createHash('sha256').update(sentBody).digest('hex'));
  });

  it('with a session token: accepted, the token signed, and redacted from the summary', async () => {
    const { response, last } = await send(spec({ method: 'POST', path: '/prod/x', credentials: TEMPORARY, body: { kind: 'text', text: '{}' } }));
    expect(last?.verdict.reason).toBe('verified');
    expect(response.signing?.signedHeaders).toContain('x-amz-security-token');
    expect(JSON.stringify(response)).not.toContain(TEMPORARY.sessionToken);
    expect(JSON.stringify(response)).not.toContain(TEMPORARY.secretAccessKey);
  });

  it('a wrong secret gets its 403, shown as a response', async () => {
    const { response, last } = await send(spec({ path: '/prod/x', credentials: { ...STATIC, secretAccessKey: 'not-the-right-secret-0000000000000000000' } }));
    expect(last?.verdict.reason).toBe('SignatureDoesNotMatch');
    expect(response.status).toBe(403);
  });

  it('a session token that was altered is refused', async () => {
    const { response } = await send(spec({ path: '/prod/x', credentials: { ...TEMPORARY, sessionToken: `${TEMPORARY.sessionToken}x` } }));
    expect(response.status).toBe(403);
  });

  it('the headers on the wire are exactly the signed ones (no signed header changed after signing)', async () => {
    const { response, last } = await send(spec({ method: 'POST', path: '/prod/y', headers: [{ name: 'X-Custom', value: '  spaced   value ', isEnabled: true }], body: { kind: 'text', text: 'abc', contentType: 'text/plain' } }));
    const signedNames = (response.signing?.signedHeaders ?? '').split(';');
    for (const name of signedNames) {
      const sent = response.request.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
      const got = (last?.rawHeaders ?? []).filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
      expect(got, name).toEqual(sent);
    }
    expect(signedNames).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-custom']));
  });

  it('a query-signed (presigned) request is accepted', async () => {
    const input = spec({ path: '/prod/presigned?x=1' });
    if (input.auth.type === 'aws-sigv4') input.auth.isQuerySigned = true;
    const { response, last } = await send(input);
    expect(last?.verdict.mode).toBe('query');
    expect(last?.verdict.reason).toBe('verified');
    expect(response.status).toBe(200);
  });

  it('expired credentials are refused before anything is sent', async () => {
    const before = server.received.length;
    const expiring = createRequestService({
      transport: createHttpTransport(),
      resolveCredentials: () => Promise.resolve({ ...TEMPORARY, expiration: new Date(Date.now() - 5 * 60_000) }),
      now: () => new Date(),
    });
    await expect(expiring.send('expired-1', spec({ path: '/prod/x', credentials: TEMPORARY }))).rejects.toMatchObject({ code: 'CREDENTIALS_EXPIRED' });
    expect(server.received.length).toBe(before);
  });
});

describe('transport failures are clear errors', () => {
  it('connection refused', async () => {
    const closed = await startVerifyingServer([]);
    const origin = closed.origin;
    await closed.close();
    const input = planRequestSpec({ method: 'GET', url: `${origin}/x` });
    await expect(service.send('refused-1', input)).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringContaining('refused') });
  });

  it('a timeout', async () => {
    server.routes.set('/slow', () => undefined); // never answers
    const input = planRequestSpec({ method: 'GET', url: `${server.origin}/slow`, options: { timeoutMs: 300, maxBodyBytes: 1024 } });
    await expect(service.send('slow-1', input)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('cancel', async () => {
    server.routes.set('/hang', () => undefined);
    const input = planRequestSpec({ method: 'GET', url: `${server.origin}/hang` });
    const pending = service.send('cancel-1', input);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(service.cancel('cancel-1')).toBe(true);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('a body over the cap is truncated, not an error', async () => {
    server.routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(10_000));
    });
    const input = planRequestSpec({ method: 'GET', url: `${server.origin}/big`, options: { timeoutMs: 5000, maxBodyBytes: 1000 } });
    const response = await service.send('big-1', input);
    expect(response.body).toMatchObject({ size: 1000, isTruncated: true });
  });
});
