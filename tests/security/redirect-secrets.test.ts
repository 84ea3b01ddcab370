import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as connectTcp, createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { selfSignedCertificate } from '../support/self-signed';
import { createTestCore } from '../support/test-core';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAREDIRECTSECRET01', secretAccessKey: 'redirectSecret/000000000000000000000000' };
const API_KEY = 'secret-api-key-value-0123456789';
const SESSION = 'secret-session-cookie-9876543210';

let home: VerifyingServer;
let other: VerifyingServer;

beforeAll(async () => {
  home = await startVerifyingServer([KEYS]);
  other = await startVerifyingServer([KEYS]);
  home.routes.set('/cross', (_req, res) => {
    // https→http or another host: the same rule, a different origin.
    res.writeHead(302, { location: `${other.origin}/landed` }).end();
  });
  home.routes.set('/cross-twice', (_req, res) => {
    res.writeHead(302, { location: `${other.origin}/bounce` }).end();
  });
  // The other origin sends the request on within itself: a same-origin hop, but not the user's origin.
  other.routes.set('/bounce', (_req, res) => {
    res.writeHead(302, { location: '/landed-again' }).end();
  });
});
afterAll(async () => {
  await home.close();
  await other.close();
});

/** A SigV4-signed GET that sends `{{apiKey}}` from the user's environment and a session cookie. */
async function apiKeyAndCookieDraft(core: ReturnType<typeof createTestCore>['core'], name: string, url: string) {
  const env = await core.environments.create({
    name: 'prod',
    variables: [{ name: 'apiKey', value: API_KEY, isSecret: true }],
  });
  core.environments.setActive(env.id);
  return RequestDraftSchema.parse({
    name,
    method: 'GET',
    url,
    headers: [
      { name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true },
      { name: 'Cookie', value: `sid=${SESSION}`, isEnabled: true },
    ],
    auth: { type: 'aws-sigv4', credentialSource: { source: 'inherit' }, region: 'us-east-1', service: 'execute-api' },
  });
}

describe('a cross-origin redirect', () => {
  it('drops Authorization, Proxy-Authorization, Cookie, X-Amz-* and every header filled from a secret variable; the window sees no secret value', async () => {
    const test = createTestCore({ secrets: createMemorySecretValueStore() });
    try {
      const { core } = test;
      const env = await core.environments.create({
        name: 'prod',
        variables: [
          { name: 'apiKey', value: API_KEY, isSecret: true },
          { name: 'sid', value: SESSION, isSecret: true },
        ],
      });
      core.environments.setActive(env.id);
      const request = RequestDraftSchema.parse({
        name: 'Redirected',
        method: 'GET',
        url: `${home.origin}/cross`,
        params: [],
        body: { kind: 'none' as const },
        headers: [
          { name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true },
          { name: 'X-Trace', value: 'id-{{sid}}', isEnabled: true },
          { name: 'Cookie', value: 'theme=dark', isEnabled: true },
          { name: 'Proxy-Authorization', value: 'Basic dXNlcjpwYXNz', isEnabled: true },
          { name: 'X-Keep', value: 'yes', isEnabled: true },
        ],
        auth: {
          type: 'aws-sigv4' as const,
          credentialSource: { source: 'inherit' as const },
          region: 'us-east-1',
          service: 'execute-api',
        },
      });
      const credentials = { source: 'inline' as const, ...KEYS };
      const response = await core.drafts.send({ requestId: 'redirect', request, credentials });
      const landed = other.received.at(-1);
      expect(landed?.target).toBe('/landed');
      const names = landed?.rawHeaders.map(([name]) => name.toLowerCase()) ?? [];
      for (const dropped of ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-trace'])
        expect(names).not.toContain(dropped);
      expect(names.filter((name) => name.startsWith('x-amz-'))).toEqual([]);
      expect(names).toContain('x-keep');
      expect(JSON.stringify(landed?.rawHeaders)).not.toMatch(new RegExp(`${API_KEY}|${SESSION}`));
      // The first hop carried them (same origin as the URL the user chose).
      expect(home.received.at(-1)?.rawHeaders).toContainEqual(['X-Api-Key', API_KEY]);
      // What the window gets back (sent-request view, timeline, signature) holds neither value.
      expect(JSON.stringify(response)).not.toContain(API_KEY);
      expect(JSON.stringify(response)).not.toContain(SESSION);
      const inspected = await core.drafts.inspect({ request, credentials });
      expect(JSON.stringify(inspected)).not.toContain(API_KEY);
      expect(JSON.stringify(inspected)).not.toContain(SESSION);
    } finally {
      await test.dispose();
    }
  });

  it('a hop within the other origin gets the credentials back neither: not re-signed, no secret header', async () => {
    const test = createTestCore({ secrets: createMemorySecretValueStore() });
    try {
      const { core } = test;
      const request = await apiKeyAndCookieDraft(core, 'Redirected twice', `${home.origin}/cross-twice`);
      await core.drafts.send({ requestId: 'redirect-twice', request, credentials: { source: 'inline', ...KEYS } });
      const hops = other.received.filter((r) => r.target === '/bounce' || r.target === '/landed-again');
      expect(hops.map((r) => r.target)).toEqual(['/bounce', '/landed-again']);
      for (const hop of hops) {
        const names = hop.rawHeaders.map(([name]) => name.toLowerCase());
        expect(names).not.toContain('authorization');
        expect(names).not.toContain('cookie');
        expect(names).not.toContain('x-api-key');
        expect(names.filter((name) => name.startsWith('x-amz-'))).toEqual([]);
        expect(JSON.stringify(hop.rawHeaders)).not.toMatch(new RegExp(`${API_KEY}|${SESSION}`));
      }
    } finally {
      await test.dispose();
    }
  });

  it('https→http on the same host and port is another origin: the plain hop carries no credential', async () => {
    // One loopback port that speaks TLS and plain HTTP (told apart by the first byte), so only the scheme changes.
    const { key, cert } = selfSignedCertificate('127.0.0.1');
    const seen: Array<{ scheme: string; url: string; headers: IncomingHttpHeaders }> = [];
    let port = 0;
    const secure = createHttpsServer({ key, cert }, (req, res) => {
      seen.push({ scheme: 'https', url: req.url ?? '', headers: req.headers });
      res.writeHead(302, { location: `http://127.0.0.1:${port}/landed` }).end();
    });
    const plain = createHttpServer((req, res) => {
      seen.push({ scheme: 'http', url: req.url ?? '', headers: req.headers });
      res.end('landed');
    });
    await Promise.all(
      [secure, plain].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
    );
    const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;
    // The front port hands each connection to the TLS or the plain server by its first byte (0x16: a TLS hello).
    const both = createNetServer((socket) => {
      socket.on('error', () => socket.destroy());
      socket.once('data', (first) => {
        const inner = connectTcp(portOf(first[0] === 0x16 ? secure : plain), '127.0.0.1');
        inner.on('error', () => socket.destroy());
        inner.write(first);
        socket.pipe(inner).pipe(socket);
      });
    });
    await new Promise<void>((resolve) => both.listen(0, '127.0.0.1', resolve));
    port = portOf(both);
    const test = createTestCore({ secrets: createMemorySecretValueStore() });
    try {
      const { core } = test;
      const request = await apiKeyAndCookieDraft(core, 'Downgraded', `https://127.0.0.1:${port}/start`);
      const response = await core.drafts.send({
        requestId: 'downgrade',
        request,
        credentials: { source: 'inline', ...KEYS },
        options: { isTlsVerified: false },
      });
      expect(response.status).toBe(200);
      expect(seen.map((hop) => `${hop.scheme} ${hop.url}`)).toEqual(['https /start', 'http /landed']);
      expect(seen[0]?.headers['authorization']).toContain(KEYS.accessKeyId);
      const landed = seen[1]?.headers ?? {};
      for (const dropped of ['authorization', 'cookie', 'x-api-key']) expect(landed[dropped]).toBeUndefined();
      expect(Object.keys(landed).filter((name) => name.startsWith('x-amz-'))).toEqual([]);
      expect(JSON.stringify(landed)).not.toMatch(new RegExp(`${API_KEY}|${SESSION}`));
    } finally {
      await test.dispose();
      for (const server of [both, secure, plain]) {
        server.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
      }
    }
  });
});
