import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/ipc/dispatcher';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../../electron/server/web-server';
import { stubHandlers } from '../../support/stub-handlers';

let server: WebServer;
let staticDir: string;

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'shomei-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(staticDir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'shomei-outside.txt'), 'outside');
  const dispatcher = createDispatcher({
    ...stubHandlers(),
    'app:info': () => ({ name: 'Shomei', version: '9.9.9', host: 'test' }),
    'request:send-draft': () => Promise.reject(new Error('unused')),
    'request:cancel': () => ({ wasCancelled: false }),
  });
  server = await startWebServer({ dispatcher, staticDir, token: 'test-token-123' });
});
afterAll(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const good = () => ({ host: `127.0.0.1:${server.port}`, authorization: 'Bearer test-token-123', 'content-type': 'application/json' });

describe('browser mode loopback door', () => {
  it('prints a URL with the token in the fragment only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=test-token-123`);
  });

  it('answers a call with the launch token', async () => {
    const res = await call('/api/invoke/app:info', { method: 'POST', headers: good(), body: '{"input":{}}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { name: 'Shomei', version: '9.9.9', host: 'test' } });
  });

  it.each([
    ['no token', { authorization: '' }, 401],
    ['a wrong token', { authorization: 'Bearer test-token-124' }, 401],
    ['a foreign Host (DNS rebinding)', { host: 'evil.example:PORT' }, 421],
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['a null Origin', { origin: 'null' }, 403],
    ['a form post content type', { 'content-type': 'text/plain' }, 415],
  ] as Array<[string, Record<string, string>, number]>)('refuses a call with %s', async (_label, change, status) => {
    const headers: Record<string, string> = { ...good(), ...change };
    headers.host = (headers.host ?? '').replace('PORT', String(server.port));
    const res = await call('/api/invoke/app:info', { method: 'POST', headers, body: '{"input":{}}' });
    expect(res.status).toBe(status);
  });

  it('serves the page with a strict CSP that forbids inline script and remote origins', async () => {
    const res = await call('/', { headers: { host: `localhost:${server.port}` } });
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../shomei-outside.txt', '/%2e%2e/shomei-outside.txt', '/assets/..%2f..%2fshomei-outside.txt']) {
      const res = await call(path, { headers: { host: `127.0.0.1:${server.port}` } });
      expect(res.status, path).not.toBe(200);
    }
  });

  it('answers unknown channels and bad JSON as errors, not crashes', async () => {
    const unknown = await call('/api/invoke/nope:nope', { method: 'POST', headers: good(), body: '{"input":{}}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await call('/api/invoke/app:info', { method: 'POST', headers: good(), body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('the end of a browser-mode page', () => {
  it('tells the host once the last event stream closes (its WebSockets are then closed)', async () => {
    let gone = 0;
    const dispatcher = createDispatcher(stubHandlers());
    const own = await startWebServer({ dispatcher, staticDir, token: 'page-token-1', onLastPageGone: () => (gone += 1) });
    try {
      const open = () =>
        new Promise<ClientRequest>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: own.port, path: '/api/events', headers: { host: `127.0.0.1:${own.port}`, authorization: 'Bearer page-token-1' } },
            (res) => res.once('data', () => resolve(req)),
          );
          req.on('error', () => undefined);
          req.once('error', reject);
          req.end();
        });
      const first = await open();
      const second = await open();
      // Closing one of two pages does not count; the last one's close does, once.
      first.destroy();
      second.destroy();
      await expect.poll(() => gone).toBe(1);
    } finally {
      await own.close();
    }
  });
});
