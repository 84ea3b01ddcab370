import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../support/loopback-listen';
import { runInProcess } from '../support/run-in-process';
import { shomeiCollectionFile } from '../support/shomei-file';
import { startVerifyingServer, type ReceivedRequest, type VerifyingServer } from '../support/verifying-server';

/**
 * `shomei run`'s flags each against a real loopback server: --timeout, --iterations, --parallel,
 * a JSON --data file, --credentials default-chain and profile:NAME (a fake ~/.aws in a temp
 * folder), and the progress line on a terminal.
 */
const ENV_KEYS = { accessKeyId: 'AKIDRUNOPTSENV000000', secretAccessKey: 'run/options/env/secret/000000000000000000' };
const PROFILE_KEYS = {
  accessKeyId: 'AKIDRUNOPTSPROFILE00',
  secretAccessKey: 'run/options/profile/secret/0000000000000',
};
const FILES_KEYS = { accessKeyId: 'AKIDRUNOPTSFILES0000', secretAccessKey: 'run/options/files/secret/00000000000000' };
const CHAIN_KEYS = { accessKeyId: 'AKIDRUNOPTSCHAIN0000', secretAccessKey: 'run/options/chain/secret/00000000000000' };
const PATH = process.env.PATH ?? '/usr/bin:/bin';
const ENV = { AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey, PATH };
const ROOT = resolve(import.meta.dirname, '../..');
const AWS = { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'us-east-1', service: 'execute-api' };

let server: VerifyingServer;
let dir: string;
let created = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-run-options-'));
  server = await startVerifyingServer([ENV_KEYS, PROFILE_KEYS, FILES_KEYS, CHAIN_KEYS]);
  server.routes.set('/orders', (req, res, received) => {
    const isOk = received.verdict.ok && req.method === 'POST';
    res.writeHead(isOk ? 201 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(isOk ? { id: `order-${(created += 1)}` } : { message: received.verdict.reason }));
  });
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (argv: string[], env: NodeJS.ProcessEnv = ENV, options: { isTTY?: boolean } = {}) =>
  runInProcess(argv, env, options);

/** Writes a Shomei collection file of `items` (SigV4 with `settings.auth` unless told otherwise) and returns its path. */
function collectionFile(items: readonly object[], settings: object = { auth: AWS }): string {
  const path = join(dir, `c-${Math.random().toString(36).slice(2)}.shomei.json`);
  writeFileSync(path, shomeiCollectionFile('Options', items, settings));
  return path;
}

/** A GET named `name` (its id made from the name), `extra` over it. */
function request(name: string, url: string, extra: object = {}): object {
  return { kind: 'request', id: name.replace(/\W/g, '-'), name, method: 'GET', url, ...extra };
}

const status200 = (id: string) => [{ id: `${id}-s`, target: { kind: 'status' }, operator: 'equals', expected: '200' }];

/** Create an order (its id captured) and read it back: two requests that chain within an iteration. */
function ordersFile(): string {
  return collectionFile([
    request('Create', `${server.origin}/orders`, {
      method: 'POST',
      body: { kind: 'text', language: 'json', text: '{"qty":1}' },
      captures: [{ id: 'k', variable: 'orderId', from: { kind: 'json-path', path: '$.id' } }],
    }),
    request('Read', `${server.origin}/orders/{{orderId}}`, { checks: status200('Read') }),
  ]);
}

const header = (received: ReceivedRequest, name: string) =>
  received.rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];
const keyIdOf = (received: ReceivedRequest) =>
  /Credential=([A-Z0-9]+)\//.exec(header(received, 'authorization') ?? '')?.[1];

/** A loopback server that takes requests and never answers them. */
async function startSilentServer() {
  const held: ServerResponse[] = [];
  const http = createServer((req, res) => {
    req.resume();
    held.push(res);
  });
  return { held, ...(await listenOnLoopback(http)) };
}

/**
 * A loopback server that holds every request until `limit` are in flight at once, then answers
 * them all; it records the most it ever held. The answers wait one macrotask turn past the limit,
 * so that a runner sending more than `limit` at once would show it (a right one never can: the
 * server answers before the runner may start the next).
 */
async function startConcurrencyServer(limit: number) {
  const state = { inFlight: 0, max: 0, seen: 0 };
  const held: ServerResponse[] = [];
  const http = createServer((req, res) => {
    req.resume();
    state.seen += 1;
    state.inFlight += 1;
    state.max = Math.max(state.max, state.inFlight);
    held.push(res);
    if (held.length !== limit) return;
    setTimeout(() => {
      for (const waiting of held.splice(0)) {
        state.inFlight -= 1;
        waiting.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    }, 50);
  });
  return { state, ...(await listenOnLoopback(http)) };
}

describe('shomei run --timeout', () => {
  it('fails a request with no answer within MS with a timeout message, goes on with the next, and exits 1', async () => {
    const silent = await startSilentServer();
    try {
      const out = join(dir, 'timeout-reports');
      const file = collectionFile(
        [request('Never', `${silent.origin}/never`), request('After', `${server.origin}/after`)],
        { auth: { type: 'none' } },
      );
      const before = server.received.length;
      const result = await run([file, '--timeout', '300', '--reporter', 'cli,json', '--out', out]);
      expect(result.code).toBe(1);
      // 300 ms is the flag's: a request without it waits the default (seconds), and would say so.
      expect(result.stdout).toContain(
        `✗ GET Never: No complete answer from ${new URL(silent.origin).host} within 300 ms`,
      );
      expect(result.stdout).toMatch(/2 requests: 1 sent, 1 failed/);
      expect(silent.held).toHaveLength(1);
      expect(server.received.slice(before).map((r) => r.target)).toEqual(['/after']);
      const json = JSON.parse(readFileSync(join(out, 'shomei-run.json'), 'utf8')) as {
        results: Array<{ name: string; outcome: string; error?: { code: string } }>;
      };
      expect(json.results.map((r) => [r.name, r.outcome, r.error?.code])).toEqual([
        ['Never', 'error', 'TIMEOUT'],
        ['After', 'passed', undefined],
      ]);
    } finally {
      await silent.close();
    }
  });
});

describe('shomei run --iterations', () => {
  it('runs every request N times, each iteration chaining its own captured value', async () => {
    const before = server.received.length;
    const first = created + 1;
    const out = join(dir, 'iterations-reports');
    const result = await run([
      ordersFile(),
      '--credentials',
      'env',
      '--iterations',
      '3',
      '--reporter',
      'cli,json',
      '--out',
      out,
    ]);
    expect(result.stdout).toMatch(/6 requests: 6 sent, 0 failed, 0 skipped · 3 checks: 3 passed/);
    expect(result.code).toBe(0);
    const seen = server.received.slice(before);
    expect(seen.map((r) => [r.method, r.target, r.verdict.ok])).toEqual([
      ['POST', '/orders', true],
      ['GET', `/orders/order-${first}`, true],
      ['POST', '/orders', true],
      ['GET', `/orders/order-${first + 1}`, true],
      ['POST', '/orders', true],
      ['GET', `/orders/order-${first + 2}`, true],
    ]);
    const json = JSON.parse(readFileSync(join(out, 'shomei-run.json'), 'utf8')) as {
      results: Array<{ name: string; iteration: number }>;
    };
    expect(json.results.map((r) => [r.name, r.iteration])).toEqual([
      ['Create', 0],
      ['Read', 0],
      ['Create', 1],
      ['Read', 1],
      ['Create', 2],
      ['Read', 2],
    ]);
  });
});

describe('shomei run --parallel', () => {
  it.each([2, 4])('keeps exactly %i requests in flight at once, never more', async (parallel) => {
    const held = await startConcurrencyServer(parallel);
    try {
      const items = [1, 2, 3, 4].map((n) => request(`r${n}`, `${held.origin}/r${n}`, { checks: status200(`r${n}`) }));
      // --timeout: a runner that never reached `parallel` would leave the server waiting; its requests fail instead.
      const result = await run([
        collectionFile(items, { auth: { type: 'none' } }),
        '--iterations',
        '3',
        '--parallel',
        String(parallel),
        '--timeout',
        '20000',
      ]);
      expect(result.stdout).toMatch(/12 requests: 12 sent, 0 failed/);
      expect(result.code).toBe(0);
      expect(held.state.seen).toBe(12);
      expect(held.state.max).toBe(parallel);
    } finally {
      await held.close();
    }
  });
});

describe('shomei run --data FILE.json', () => {
  it("runs one iteration per object of the array, each row's values on the wire", async () => {
    const rows = [
      { user: 'ann', qty: 1, tags: ['a', 'b'] },
      { user: 'bob', qty: 2.5, tags: { nested: true } },
    ];
    const data = join(dir, 'rows.json');
    writeFileSync(data, JSON.stringify(rows));
    const file = collectionFile([
      request('Row', `${server.origin}/rows?user={{user}}`, {
        method: 'POST',
        headers: [{ name: 'X-Qty', value: '{{qty}}', isEnabled: true }],
        body: { kind: 'text', language: 'json', text: '{"user":"{{user}}","tags":{{tags}}}' },
        checks: status200('Row'),
      }),
    ]);
    const before = server.received.length;
    const result = await run([file, '--credentials', 'env', '--data', data]);
    expect(result.stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(result.code).toBe(0);
    const seen = server.received.slice(before);
    expect(seen.map((r) => [r.target, header(r, 'x-qty'), r.body.toString('utf8'), r.verdict.ok])).toEqual([
      ['/rows?user=ann', '1', '{"user":"ann","tags":["a","b"]}', true],
      ['/rows?user=bob', '2.5', '{"user":"bob","tags":{"nested":true}}', true],
    ]);
  });

  it('refuses a data file that is not JSON, or not an array of objects, naming it, with exit 2 and nothing sent', async () => {
    const file = collectionFile([request('Row', `${server.origin}/rows?user={{user}}`)]);
    const cases: Array<[string, string, (path: string) => string]> = [
      ['broken.json', '[{"user": "ann",', (path) => `${path} is not valid JSON`],
      ['object.json', '{"user": "ann"}', (path) => `${path} must be a JSON array of objects`],
      ['numbers.json', '[{"user": "ann"}, 7]', (path) => `${path}: row 2 is not an object`],
    ];
    const before = server.received.length;
    for (const [name, text, message] of cases) {
      const data = join(dir, name);
      writeFileSync(data, text);
      const result = await run([file, '--credentials', 'env', '--data', data]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`shomei run: ${message(data)}\n`);
    }
    expect(server.received.length).toBe(before);
  });
});

describe('shomei run --credentials with a ~/.aws of its own', () => {
  /** A fake home folder with ~/.aws/credentials and ~/.aws/config as the AWS CLI writes them. */
  function fakeHome(credentials: string, config: string): string {
    const home = mkdtempSync(join(dir, 'home-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), credentials);
    writeFileSync(join(home, '.aws', 'config'), config);
    return home;
  }
  const keysSection = (name: string, keys: { accessKeyId: string; secretAccessKey: string }) =>
    `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`;

  it('profile:NAME signs with that profile of $HOME/.aws, not with the keys in the environment', async () => {
    const home = fakeHome(
      `${keysSection('default', CHAIN_KEYS)}\n${keysSection('ci', PROFILE_KEYS)}`,
      '[default]\nregion = us-east-1\n\n[profile ci]\nregion = us-east-1\n',
    );
    const before = server.received.length;
    const result = await run([ordersFile(), '--credentials', 'profile:ci'], { ...ENV, HOME: home });
    expect(result.stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(result.code).toBe(0);
    expect(server.received.slice(before).map((r) => [keyIdOf(r), r.verdict.ok])).toEqual([
      [PROFILE_KEYS.accessKeyId, true],
      [PROFILE_KEYS.accessKeyId, true],
    ]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PROFILE_KEYS.secretAccessKey);
  });

  it('profile:NAME reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE over $HOME, and a missing profile fails its requests naming both files', async () => {
    const home = fakeHome(keysSection('ci', PROFILE_KEYS), '[profile ci]\nregion = us-east-1\n');
    const elsewhere = mkdtempSync(join(dir, 'aws-files-'));
    const files = {
      AWS_SHARED_CREDENTIALS_FILE: join(elsewhere, 'creds.ini'),
      AWS_CONFIG_FILE: join(elsewhere, 'config.ini'),
    };
    writeFileSync(files.AWS_SHARED_CREDENTIALS_FILE, keysSection('ci', FILES_KEYS));
    writeFileSync(files.AWS_CONFIG_FILE, '[profile ci]\nregion = us-east-1\n');
    const env = { HOME: home, PATH, ...files };
    const before = server.received.length;
    const result = await run([ordersFile(), '--credentials', 'profile:ci'], env);
    expect(result.code).toBe(0);
    expect(server.received.slice(before).map((r) => [keyIdOf(r), r.verdict.ok])).toEqual([
      [FILES_KEYS.accessKeyId, true],
      [FILES_KEYS.accessKeyId, true],
    ]);

    const missing = await run([ordersFile(), '--credentials', 'profile:nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      `✗ POST Create: The AWS profile "nobody" is not in ${files.AWS_CONFIG_FILE} or ${files.AWS_SHARED_CREDENTIALS_FILE}`,
    );
    expect(server.received.length).toBe(before + 2);
  });

  it('default-chain takes the keys of the environment first, as the SDK does', async () => {
    const home = fakeHome(keysSection('default', CHAIN_KEYS), '[default]\nregion = us-east-1\n');
    const before = server.received.length;
    const result = await run([ordersFile(), '--credentials', 'default-chain'], { ...ENV, HOME: home });
    expect(result.code).toBe(0);
    expect(server.received.slice(before).map(keyIdOf)).toEqual([ENV_KEYS.accessKeyId, ENV_KEYS.accessKeyId]);
  });

  it('default-chain with no keys in the environment signs with the default profile of ~/.aws (the real command, in its own environment)', async () => {
    // The SDK's chain reads the process's own environment past its first link: a child process has one of its own.
    const home = fakeHome(keysSection('default', CHAIN_KEYS), '[default]\nregion = us-east-1\n');
    const before = server.received.length;
    const child = spawn(
      process.execPath,
      [join(ROOT, 'electron/cli/bin.mjs'), 'run', ordersFile(), '--credentials', 'default-chain'],
      { env: { HOME: home, PATH, AWS_EC2_METADATA_DISABLED: 'true' }, cwd: dir },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(code).toBe(0);
    expect(server.received.slice(before).map((r) => [keyIdOf(r), r.verdict.ok])).toEqual([
      [CHAIN_KEYS.accessKeyId, true],
      [CHAIN_KEYS.accessKeyId, true],
    ]);
  });
});

describe('shomei run on a terminal', () => {
  it('shows a progress line rewritten in place, and clears it before the summary', async () => {
    const file = collectionFile([
      ...[1, 2].map((n) => request(`Read ${n}`, `${server.origin}/read/${n}`, { checks: status200(`read${n}`) })),
      request('Missing', `${server.origin}/missing`, {
        checks: [{ id: 'm', target: { kind: 'status' }, operator: 'equals', expected: '404' }],
      }),
    ]);
    const CLEAR = '\r\u001b[2K';
    const tty = await run([file, '--credentials', 'env'], ENV, { isTTY: true });
    expect(tty.stderr).toBe('');
    expect(tty.code).toBe(1);
    // The last request's line is always drawn, whatever the throttle skipped before it.
    expect(tty.stdout).toContain(`${CLEAR}3/3 · 1 failed · Missing`);
    const afterLastClear = tty.stdout.split(CLEAR).at(-1) ?? '';
    expect(afterLastClear).toMatch(/^✗ GET Missing → 200\n/);
    expect(afterLastClear).toMatch(/3 requests: 3 sent, 1 failed/);

    // Not a terminal, or no cli reporter: no progress line at all.
    const piped = await run([file, '--credentials', 'env']);
    expect(piped.stdout).not.toContain('\r');
    expect(piped.stdout).toMatch(/^✗ GET Missing → 200\n/);
    const quiet = await run([file, '--credentials', 'env', '--reporter', 'json', '--out', join(dir, 'quiet')], ENV, {
      isTTY: true,
    });
    expect(quiet.stdout).toBe('');
  });
});
