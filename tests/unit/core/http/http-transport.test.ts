import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../../electron/core/http/http-transport';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server; `handle` answers, and every request's raw headers and body are kept. */
async function serve(handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void) {
  const seen: Array<{ rawHeaders: string[]; body: Buffer; method?: string; url?: string }> = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ rawHeaders: req.rawHeaders, body, method: req.method, url: req.url });
      handle(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const OPTIONS = { timeoutMs: 5_000, maxBodyBytes: 1024 * 1024 };

describe('HTTP transport', () => {
  it('sends the method, URL, headers (in order, as spelled) and body bytes it was given', async () => {
    const { origin, seen } = await serve((_req, _body, res) => res.writeHead(201, { 'x-answer': 'yes' }).end('done'));
    const transport = createHttpTransport();
    try {
      const body = Buffer.from('{"a":"é"}');
      const response = await transport.send(
        {
          method: 'PUT',
          url: `${origin}/p%20q/x?b=2&a=1`,
          headers: [
            ['host', origin.slice('http://'.length)],
            ['X-Amz-Date', '20260101T000000Z'],
            ['content-type', 'application/json'],
          ],
          body,
        },
        OPTIONS,
      );
      expect(response.status).toBe(201);
      expect(response.headers).toContainEqual(['x-answer', 'yes']);
      expect(response.body.toString()).toBe('done');
      const request = seen[0];
      expect(request?.method).toBe('PUT');
      expect(request?.url).toBe('/p%20q/x?b=2&a=1');
      expect(request?.body.equals(body)).toBe(true);
      const names = (request?.rawHeaders ?? []).filter((_, i) => i % 2 === 0);
      expect(names.indexOf('X-Amz-Date')).toBeLessThan(names.indexOf('content-type'));
    } finally {
      await transport.close();
    }
  });

  it('stops waiting at the timeout with TIMEOUT', async () => {
    const { origin } = await serve(() => undefined);
    const transport = createHttpTransport();
    try {
      await expect(
        transport.send(
          { method: 'GET', url: `${origin}/slow`, headers: [], body: new Uint8Array(0) },
          { ...OPTIONS, timeoutMs: 200 },
        ),
      ).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await transport.close();
    }
  });

  it('keeps at most maxBodyBytes of a body that is too large, and says it is truncated', async () => {
    const { origin } = await serve((_req, _body, res) => res.writeHead(200).end(Buffer.alloc(64 * 1024, 0x61)));
    const transport = createHttpTransport();
    try {
      const response = await transport.send(
        { method: 'GET', url: `${origin}/big`, headers: [], body: new Uint8Array(0) },
        { ...OPTIONS, maxBodyBytes: 1024 },
      );
      expect(response.isTruncated).toBe(true);
      expect(response.body.byteLength).toBeLessThanOrEqual(1024);
    } finally {
      await transport.close();
    }
  });

  it('answers a proxy it cannot use as a send error, naming the host and why', async () => {
    const transport = createHttpTransport();
    try {
      await expect(
        transport.send(
          { method: 'GET', url: 'https://api.example.test/x', headers: [], body: new Uint8Array(0) },
          { ...OPTIONS, proxyUrl: 'ftp://proxy.example.test' },
        ),
      ).rejects.toMatchObject({
        code: 'NETWORK_ERROR',
        message: expect.stringMatching(/Could not reach api\.example\.test: Invalid URL protocol/),
      });
    } finally {
      await transport.close();
    }
  });
});
