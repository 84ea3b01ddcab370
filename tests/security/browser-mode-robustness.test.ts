import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, startWeb, type RunningWeb } from '../support/app-fixture';

// Browser mode as a user runs it (`shomei web` in its own process): hostile or clumsy clients must
// not crash it, and stopping it with Ctrl+C or SIGTERM must never lose the last edits.

async function invoke(web: RunningWeb, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const res = await fetch(`${web.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
}

function get(web: RunningWeb, path: string, method = 'GET'): Promise<number> {
  // fetch() would normalise the path; a raw request line sends it exactly as a hostile client would.
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(web.origin).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.write(
      `${method} ${path} HTTP/1.1\r\nHost: ${new URL(web.origin).host}\r\nAuthorization: Bearer ${web.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
  });
}

/** Starts a POST that promises a large body, sends part of it, and hangs up. */
function abortUpload(web: RunningWeb, channel: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(web.origin).port), '127.0.0.1', () => {
      socket.write(
        `POST /api/invoke/${channel} HTTP/1.1\r\nHost: ${new URL(web.origin).host}\r\nAuthorization: Bearer ${web.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"input":{"name":"half`,
        () => {
          socket.destroy();
          resolve();
        },
      );
    });
    socket.on('error', reject);
  });
}

function exitOf(web: RunningWeb): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (web.process.exitCode !== null) return resolve({ code: web.process.exitCode, signal: null });
    web.process.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

const readText = (dir: string, name: string): string => {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    return '';
  }
};

describe('browser mode survives hostile clients', () => {
  let web: RunningWeb;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = freshDataDir();
    web = await startWeb(dataDir);
  });
  afterAll(async () => {
    await web.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['a call channel', '/api/invoke/%E0%A4%A', 'POST'],
    ['a lone percent in a channel', '/api/invoke/app:%', 'POST'],
    ['a static file', '/assets/%E0%A4%A.js', 'GET'],
  ])('answers a malformed percent-encoding in %s with 400', async (_label, path, method) => {
    expect(await get(web, path, method)).toBe(400);
    expect(web.process.exitCode).toBeNull();
    expect((await invoke(web, 'app:info', {})).ok).toBe(true);
  });

  it('keeps serving after clients abort their uploads mid-body, with no unhandled rejection', async () => {
    for (let i = 0; i < 5; i += 1) await abortUpload(web, 'collections:create-collection');
    // Each call below opens a new connection after the aborted ones have been hung up.
    for (let i = 0; i < 3; i += 1) expect((await invoke(web, 'app:info', {})).ok).toBe(true);
    expect(web.process.exitCode).toBeNull();
    expect(web.stderr()).not.toMatch(/unhandled|ERR_|aborted/i);
    // A half-sent body never becomes a half-made collection.
    expect((await invoke(web, 'collections:list', {})).value).toEqual([]);
  });
});

describe('stopping browser mode writes every pending edit', () => {
  let hanging: Server;
  let answering: Server;
  const dirs: string[] = [];
  beforeAll(async () => {
    // A server that never answers: a send to it is in flight when the signal comes.
    hanging = createServer(() => undefined);
    answering = createServer((_req, res) => res.end('ok'));
    await Promise.all([hanging, answering].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(async () => {
    for (const server of [hanging, answering]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s, edits still waiting for their quiet time reach the files', async (signal) => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    // Saves wait a minute, so nothing reaches the disk unless the shutdown writes it.
    const web = await startWeb(dataDir, { SHOMEI_SAVE_DELAY_MS: '60000' });
    expect((await invoke(web, 'collections:create-collection', { name: `Made before ${signal}` })).ok).toBe(true);
    const sent = await invoke(web, 'request:send-draft', {
      requestId: 'r1',
      request: { name: 'probe', method: 'GET', url: `http://127.0.0.1:${(answering.address() as AddressInfo).port}/recorded`, auth: { type: 'none' } },
    });
    expect(sent).toMatchObject({ ok: true, value: { status: 200 } });
    expect(readText(dataDir, 'workspace.json')).not.toContain(`Made before ${signal}`);

    const exited = exitOf(web);
    web.process.kill(signal);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(readText(dataDir, 'workspace.json')).toContain(`Made before ${signal}`);
    expect(readText(dataDir, 'history.json')).toContain('/recorded');
  });

  it('a send still in flight does not hold the shutdown, and the edits before it are written', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const web = await startWeb(dataDir, { SHOMEI_SAVE_DELAY_MS: '60000' });
    expect((await invoke(web, 'collections:create-collection', { name: 'Made before the hang' })).ok).toBe(true);
    let reachedHangingServer!: () => void;
    const reached = new Promise<void>((resolve) => (reachedHangingServer = resolve));
    hanging.once('request', () => reachedHangingServer());
    const inFlight = invoke(web, 'request:send-draft', {
      requestId: 'r2',
      request: { name: 'hang', method: 'GET', url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hang`, auth: { type: 'none' } },
    }).catch((error: unknown) => error);
    await reached;

    const exited = exitOf(web);
    web.process.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    await inFlight;
    expect(readText(dataDir, 'workspace.json')).toContain('Made before the hang');
  });
});
