import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestSpecInput } from '../../shared/contract/http';
import { planRequestSpec } from '../../electron/core/requests/planned-request';
import { createHttpTransport, trustedAuthorities } from '../../electron/core/http/http-transport';
import { createRequestService } from '../../electron/core/requests/request-service';
import { resolveInlineCredentials } from '../../electron/core/requests/resolved-credentials';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAREDIRECTTEST0001', secretAccessKey: 'redirectSecret/000000000000000000000000' };
const TOKEN_KEYS = { ...KEYS, accessKeyId: 'ASIAREDIRECTTEST0002', sessionToken: 'FwoGZXIvYXdzEREDIRECT//token==' };
let home: VerifyingServer;
let other: VerifyingServer;
let tlsDir: string;
let tlsServer: HttpsServer;
let tlsPort: number;
const service = createRequestService({ transport: createHttpTransport(), resolveCredentials: resolveInlineCredentials, now: () => new Date(), memoryLimitBytes: 64 * 1024, previewBytes: 1024 });
let n = 0;

function spec(url: string, extra: Partial<RequestSpecInput> = {}, keys: typeof KEYS | typeof TOKEN_KEYS = KEYS) {
  return planRequestSpec({
    method: 'GET',
    url,
    auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...keys }, region: 'us-east-1', service: 'execute-api' },
    ...extra,
  });
}
const send = (input: ReturnType<typeof spec>) => service.send(`opt-${(n += 1)}`, input);

beforeAll(async () => {
  home = await startVerifyingServer([KEYS, TOKEN_KEYS]);
  other = await startVerifyingServer([KEYS, TOKEN_KEYS]);
  home.routes.set('/same', (_req, res) => {
    res.writeHead(302, { location: '/landing?from=same' });
    res.end();
  });
  home.routes.set('/cross', (_req, res) => {
    res.writeHead(307, { location: `${other.origin}/elsewhere?x=1` });
    res.end();
  });
  home.routes.set('/post-303', (_req, res) => {
    res.writeHead(303, { location: '/after-post' });
    res.end();
  });
  home.routes.set('/loop', (_req, res) => {
    res.writeHead(302, { location: '/loop' });
    res.end();
  });
  home.routes.set('/gzip', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, text: 'compressible' })) })));
  });
  home.routes.set('/large', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 100; i += 1) res.write(`${String(i).padStart(4, '0')}${'x'.repeat(1019)}\n`.repeat(4));
    res.end();
  });
  tlsDir = mkdtempSync(join(tmpdir(), 'shomei-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem'), '-days', '1', '-subj', '/CN=api.shomei.test', '-addext', 'subjectAltName=DNS:api.shomei.test'], { stdio: 'ignore' });
  tlsServer = createHttpsServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ host: req.headers.host, servername: (req.socket as unknown as { servername?: string }).servername }));
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsPort = (tlsServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await home.close();
  await other.close();
  tlsServer.closeAllConnections();
  await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  rmSync(tlsDir, { recursive: true, force: true });
  service.dispose();
});

describe('redirects', () => {
  it('same origin: followed and signed again for the new URL, which the server accepts', async () => {
    const response = await send(spec(`${home.origin}/same`));
    expect(response.status).toBe(200);
    expect(response.redirects).toEqual([{ status: 302, url: `${home.origin}/same` }]);
    const landing = home.received.at(-1);
    expect(landing?.target).toBe('/landing?from=same');
    expect(landing?.verdict.reason).toBe('verified');
    expect(response.timeline.map((e) => e.kind)).toEqual(['resolve', 'sign', 'send', 'receive', 'redirect', 'sign', 'send', 'receive']);
  });

  it('another origin: no Authorization, no X-Amz-* header, no session token reaches it', async () => {
    const before = other.received.length;
    const response = await send(spec(`${home.origin}/cross`, { headers: [{ name: 'X-Amz-Target', value: 'Svc.Op', isEnabled: true }, { name: 'X-Keep', value: 'yes', isEnabled: true }] }, TOKEN_KEYS));
    const got = other.received.slice(before);
    expect(got).toHaveLength(1);
    const names = got[0]?.rawHeaders.map(([name]) => name.toLowerCase()) ?? [];
    expect(names).not.toContain('authorization');
    expect(names.filter((name) => name.startsWith('x-amz-'))).toEqual([]);
    expect(JSON.stringify(got[0]?.rawHeaders)).not.toContain(TOKEN_KEYS.sessionToken);
    expect(got[0]?.target).toBe('/elsewhere?x=1');
    expect(names).toContain('x-keep');
    expect(response.status).toBe(403); // the other origin wants a signature it did not get
    expect(response.timeline.some((e) => e.kind === 'redirect' && /another origin/.test(e.text))).toBe(true);
  });

  it('303 after a POST becomes a GET without the body', async () => {
    const response = await send(spec(`${home.origin}/post-303`, { method: 'POST', body: { kind: 'text', text: '{"a":1}', contentType: 'application/json' } }));
    expect(response.status).toBe(200);
    expect(home.received.at(-1)).toMatchObject({ method: 'GET', target: '/after-post' });
    expect(home.received.at(-1)?.body.byteLength).toBe(0);
  });

  it('stops at the redirect limit with a warning; not following is a toggle', async () => {
    const looped = await send(spec(`${home.origin}/loop`, { options: { maxRedirects: 3 } }));
    expect(looped.status).toBe(302);
    expect(looped.redirects).toHaveLength(3);
    expect(looped.warnings.join(' ')).toMatch(/Stopped following redirects after 3/);
    const notFollowed = await send(spec(`${home.origin}/same`, { options: { isFollowingRedirects: false } }));
    expect(notFollowed.status).toBe(302);
    expect(notFollowed.redirects).toEqual([]);
  });
});

describe('TLS, CA bundles and "connect to"', () => {
  it('a self-signed server is refused by default, trusted with its CA bundle, and reachable with verification off (with a warning)', async () => {
    const url = `https://api.shomei.test:${tlsPort}/hello`;
    const connectTo = `127.0.0.1:${tlsPort}`;
    await expect(send(spec(url, { options: { connectTo } }))).rejects.toMatchObject({ code: 'TLS_ERROR' });
    const trusted = await send(spec(url, { options: { connectTo, caBundlePem: readFileSync(join(tlsDir, 'cert.pem'), 'utf8') } }));
    expect(trusted.status).toBe(200);
    const body = JSON.parse(Buffer.from(trusted.body.base64, 'base64').toString()) as { host: string; servername: string };
    // The signed host and the TLS name stay the URL's, while the socket went to connectTo.
    expect(body).toEqual({ host: `api.shomei.test:${tlsPort}`, servername: 'api.shomei.test' });
    expect(trusted.timing.tlsMs).toBeGreaterThan(0);
    const unverified = await send(spec(url, { options: { connectTo, isTlsVerified: false } }));
    expect(unverified.status).toBe(200);
    expect(unverified.warnings.join(' ')).toMatch(/verification is off/);
  });

  it('errors and the timeline name the connect-to address, not only the URL host', async () => {
    const url = `https://api.shomei.test:${tlsPort}/hello`;
    const connectTo = `127.0.0.1:${tlsPort}`;
    await expect(send(spec(url, { options: { connectTo } }))).rejects.toMatchObject({
      code: 'TLS_ERROR',
      message: expect.stringContaining(`api.shomei.test:${tlsPort} (at the connect-to address ${connectTo})`),
    });
    // A closed port behind the connect-to address: the refusal says which address refused.
    const closed = await new Promise<number>((resolve) => {
      const probe = createHttpsServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(send(spec(url, { options: { connectTo: `127.0.0.1:${closed}` } }))).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining(`(at the connect-to address 127.0.0.1:${closed})`),
    });
    const answered = await send(spec(url, { options: { connectTo, isTlsVerified: false } }));
    const sent = answered.timeline.find((entry) => entry.kind === 'send');
    expect(sent?.text).toBe(`GET ${url} — connecting to ${connectTo} (connect-to address)`);
  });

  it('a CA bundle adds to the trusted roots instead of replacing them', () => {
    const pem = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
    const trusted = trustedAuthorities(pem);
    expect(trusted).toContain(pem);
    expect(trusted).toEqual(expect.arrayContaining([...rootCertificates]));
    expect(rootCertificates.length).toBeGreaterThan(50);
  });
});

describe('response bodies', () => {
  it('decodes gzip and reports both sizes', async () => {
    const response = await send(spec(`${home.origin}/gzip`));
    const text = Buffer.from(response.body.base64, 'base64').toString();
    expect(JSON.parse(text)).toMatchObject({ items: expect.any(Array) });
    expect(response.body.compressedSize).toBeLessThan(response.body.size);
  });

  it('streams a large body to a temporary file, shows the first part, and pages through the rest', async () => {
    const response = await send(spec(`${home.origin}/large`));
    expect(response.body.size).toBe(400 * 1024);
    expect(response.body.bodyId).toBeDefined();
    expect(Buffer.from(response.body.base64, 'base64').byteLength).toBe(1024);
    const slice = service.readBody(response.body.bodyId as string, 1024 * 399, 4096);
    expect(slice.isEnd).toBe(true);
    expect(Buffer.from(slice.base64, 'base64').toString()).toMatch(/^0099x+\n$/);
    expect(() => service.readBody('nope', 0, 10)).toThrow(/no longer available/);
  });

  it('times the phases of a new connection and marks a reused one', async () => {
    const fresh = createRequestService({ transport: createHttpTransport(), resolveCredentials: resolveInlineCredentials, now: () => new Date() });
    const first = await fresh.send('t1', spec(`${home.origin}/t`));
    // undici returns the socket to its pool just after the body ends; a person never sends faster.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await fresh.send('t2', spec(`${home.origin}/t`));
    expect(first.timing.isConnectionReused).toBe(false);
    expect(first.timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(second.timing.isConnectionReused).toBe(true);
    expect(first.timing.firstByteMs).toBeGreaterThan(0);
  });
});
