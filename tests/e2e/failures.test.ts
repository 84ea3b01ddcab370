import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const e2e = useE2eSession({ appPer: 'file' });
const servers: Array<{ close(): void }> = [];
const sockets: Socket[] = [];
let tlsDir: string;

function listen(server: Server | ReturnType<typeof createNetServer>): Promise<string> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  tlsDir = mkdtempSync(join(tmpdir(), 'shomei-e2e-tls-'));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.close();
  rmSync(tlsDir, { recursive: true, force: true });
});

/** Sends to `url` from the UI and returns the error the response panel shows. */
async function sendAndReadError(url: string): Promise<string> {
  const { page } = e2e.app;
  // A fresh tab each time, so the error read is this send's and not the last one's.
  await page.getByRole('button', { name: 'New tab' }).click();
  await page.getByLabel('URL').fill(url);
  await page.getByRole('button', { name: 'Send' }).click();
  const alert = page.locator('.error-box');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

describe('network failures are clear errors in the UI, and the app keeps working', () => {
  it('connection refused', async () => {
    const probe = createNetServer();
    const host = await listen(probe);
    probe.close();
    expect(await sendAndReadError(`http://${host}/refused`)).toMatch(/NETWORK_ERROR/);
  });

  it('a DNS name that does not resolve', async () => {
    expect(await sendAndReadError('http://no-such-host.invalid/')).toMatch(/DNS_ERROR/);
  });

  it('a reset in the middle of the body', async () => {
    const server = createNetServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\npartial');
        setTimeout(() => socket.resetAndDestroy(), 50);
      });
    });
    servers.push(server);
    expect(await sendAndReadError(`http://${await listen(server)}/reset`)).toMatch(/NETWORK_ERROR/);
  });

  it('a self-signed TLS certificate is refused', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) }, (_req, res) => res.end('secret'));
    servers.push(server);
    const host = await listen(server as unknown as Server);
    expect(await sendAndReadError(`https://${host}/`)).toMatch(/TLS_ERROR/);
    // Turned off by the user for this request: it goes through, with a visible warning.
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Options/ }).click();
    await page.getByLabel("Verify the server's certificate").uncheck();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-warning').first().textContent()).toMatch(/TLS certificate verification is off/);
    await page.getByLabel("Verify the server's certificate").check();
  });

  it('a server that never answers: the timeout from the Options tab, and Cancel', async () => {
    const server = createHttpServer(() => undefined);
    servers.push(server);
    const host = await listen(server);
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByRole('tab', { name: /^Options/ }).click();
    await page.getByLabel('Timeout (s)').fill('1');
    await page.getByLabel('URL').fill(`http://${host}/hang`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.error-box').waitFor();
    // The message names the limit it gave up at: the Options tab's 1 s, not the default.
    expect(await page.locator('.error-box').textContent()).toMatch(/within 1 s[\s\S]*TIMEOUT/);
    await page.getByLabel('Timeout (s)').fill('60');
    await page.getByLabel('URL').fill(`http://${host}/hang-again`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.error-box').waitFor();
    expect(await page.locator('.error-box').textContent()).toMatch(/CANCELLED/);
  });

  it('still sends fine afterwards', async () => {
    const server = createHttpServer((_req, res) => res.end('{"fine":true}'));
    servers.push(server);
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`http://${await listen(server)}/ok`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
  });
});
