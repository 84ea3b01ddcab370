import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRunCommand } from '../../electron/cli/run-command';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIDRUNNER0000000000', secretAccessKey: 'runner/secret/key/0000000000000000000000' };
const ENV = { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, PATH: process.env.PATH ?? '' };
const ROOT = resolve(import.meta.dirname, '../..');

let server: VerifyingServer;
let dir: string;
let created = 0;

/** A Shomei collection file: create an order (captures its id), read it back, list with a data-row user. */
function collectionFile(extra: unknown[] = []): string {
  const aws = { type: 'aws-sigv4', credentialSource: { source: 'profile', profileId: 'somebody-else' }, region: 'us-east-1', service: 'execute-api' };
  const file = {
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'orders',
      name: 'Orders API',
      settings: { auth: aws, variables: [{ id: 'v1', name: 'baseUrl', value: server.origin }] },
      items: [
        {
          kind: 'request',
          id: 'create',
          name: 'Create order',
          method: 'POST',
          url: '{{baseUrl}}/orders',
          body: { kind: 'text', language: 'json', text: '{"qty":1}' },
          checks: [{ id: 'c1', target: { kind: 'status' }, operator: 'equals', expected: '201' }],
          captures: [{ id: 'k1', variable: 'orderId', from: { kind: 'json-path', path: '$.id' } }],
        },
        {
          kind: 'folder',
          id: 'reads',
          name: 'Reads',
          items: [
            {
              kind: 'request',
              id: 'get',
              name: 'Get order',
              method: 'GET',
              url: '{{baseUrl}}/orders/{{orderId}}',
              checks: [
                { id: 'c2', target: { kind: 'json-path', path: '$.verified' }, operator: 'equals', expected: 'true' },
                { id: 'c3', target: { kind: 'jmespath', expression: 'target' }, operator: 'equals', expected: '/orders/{{orderId}}' },
                { id: 'c4', target: { kind: 'time' }, operator: 'lt', expected: '60000' },
              ],
            },
            ...extra,
          ],
        },
      ],
    },
  };
  const path = join(dir, `orders-${Math.random().toString(36).slice(2)}.shomei.json`);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = ENV) {
  let stdout = '';
  let stderr = '';
  const code = await runRunCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, env);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-run-test-'));
  server = await startVerifyingServer([KEYS]);
  server.routes.set('/orders', (req, res, received) => {
    const ok = received.verdict.ok && req.method === 'POST';
    res.writeHead(ok ? 201 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { id: `order-${(created += 1)}` } : { message: received.verdict.reason }));
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shomei run', () => {
  it('runs a collection against a verifying server: signed with the chosen identity, captures chained, checks pass, exit 0', async () => {
    const out = join(dir, 'reports-ok');
    const before = server.received.length;
    const result = await run([collectionFile(), '--credentials', 'env', '--reporter', 'cli,json,junit', '--out', out]);
    expect(result.stderr).toContain(`reports in ${out}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 requests: 2 sent, 0 failed, 0 skipped · 4 checks: 4 passed, 0 failed/);
    const seen = server.received.slice(before);
    expect(seen.map((r) => [r.method, r.target, r.verdict.ok])).toEqual([
      ['POST', '/orders', true],
      ['GET', `/orders/order-${created}`, true],
    ]);
    const json = JSON.parse(readFileSync(join(out, 'shomei-run.json'), 'utf8')) as { requests: { sent: number }; results: Array<{ name: string; outcome: string }> };
    expect(json.requests.sent).toBe(2);
    expect(json.results.map((r) => [r.name, r.outcome])).toEqual([
      ['Create order', 'passed'],
      ['Get order', 'passed'],
    ]);
    const junit = readFileSync(join(out, 'shomei-run.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="Orders API" tests="2" failures="0" errors="0" skipped="0"');
    expect(junit).toContain('<testcase classname="Orders API / Reads" name="Reads / Get order"');
    // Nothing the run printed or wrote holds the secret key.
    expect(`${result.stdout}${result.stderr}${junit}${JSON.stringify(json)}`).not.toContain(KEYS.secretAccessKey);
  });

  it('a failing check exits 1 and says what was expected and what came', async () => {
    const failing = { kind: 'request', id: 'missing', name: 'Missing', method: 'GET', url: '{{baseUrl}}/missing', checks: [{ id: 'c', target: { kind: 'status' }, operator: 'equals', expected: '404' }] };
    const out = join(dir, 'reports-fail');
    const result = await run([collectionFile([failing]), '--credentials', 'env', '--reporter', 'cli,junit', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ GET Reads / Missing → 200');
    expect(result.stdout).toContain('status equals 404: expected 404, got 200');
    expect(readFileSync(join(out, 'shomei-run.xml'), 'utf8')).toContain('<failure type="check" message="status equals 404">expected 404, got 200</failure>');
  });

  it('runs one iteration per data row, and stops at the first failure with --bail', async () => {
    const listing = { kind: 'request', id: 'list', name: 'List', method: 'GET', url: '{{baseUrl}}/list?user={{user}}', checks: [{ id: 'c', target: { kind: 'body' }, operator: 'contains', expected: 'user=bob' }] };
    const data = join(dir, 'users.csv');
    writeFileSync(data, 'user,note\nann,"first, quoted"\nbob,second\n');
    const before = server.received.length;
    const result = await run([collectionFile([listing]), '--credentials', 'env', '--data', data, '--folder', 'Reads']);
    expect(result.code).toBe(1);
    // Only the folder ran: Get order has no captured {{orderId}} there, so it is refused, never sent.
    expect(server.received.slice(before).map((r) => r.target)).toEqual(['/list?user=ann', '/list?user=bob']);
    expect(result.stdout).toMatch(/Get order \[iteration 1\]: Not sent.*orderId/);
    const bailed = await run([collectionFile([listing]), '--credentials', 'env', '--data', data, '--bail']);
    expect(bailed.code).toBe(1);
    expect(bailed.stdout).toContain('stopped at the first failure');
    expect(bailed.stdout).toMatch(/6 requests: 3 sent, 1 failed, 3 skipped/);
  });

  it('never picks an identity by itself, and refuses bad input with exit 2', async () => {
    const file = collectionFile();
    expect(await run([file])).toMatchObject({ code: 2, stderr: expect.stringContaining('choose whose identity with --credentials') });
    expect(await run([file, '--credentials', 'root'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--credentials root is not env, default-chain or profile:NAME') });
    expect(await run([file, '--credentials', 'env', '--parallel', 'many'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--parallel takes a whole number') });
    expect(await run([file, '--credentials', 'env', '--folder', 'Writes'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no folder "Writes"') });
    expect(await run([join(dir, 'nope.json'), '--data-dir', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('is neither a file nor a saved collection') });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"info": {"name": "x"}, "item": 7}');
    expect((await run([bad])).code).toBe(2);
    const badData = join(dir, 'bad.csv');
    writeFileSync(badData, 'a,b\n"unclosed\n');
    expect(await run([file, '--credentials', 'env', '--data', badData])).toMatchObject({ code: 2, stderr: expect.stringContaining('is not valid CSV') });
    // Keys in the environment are not used when the collection does not ask for them.
    expect(await run([file, '--credentials', 'env', '--reporter', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--reporter xml') });
  });

  it('runs a Postman collection with awsv4 auth, its variables and a Postman environment', async () => {
    const postman = {
      info: { name: 'Postman orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'awsv4', awsv4: [{ key: 'region', value: 'us-east-1' }, { key: 'service', value: 'execute-api' }] },
      item: [{ name: 'Echo', request: { method: 'GET', url: '{{host}}/echo?x=1' } }],
    };
    const env = { name: 'local', values: [{ key: 'host', value: server.origin, enabled: true }], _postman_variable_scope: 'environment' };
    const file = join(dir, 'postman.json');
    const envFile = join(dir, 'local.postman_environment.json');
    writeFileSync(file, JSON.stringify(postman));
    writeFileSync(envFile, JSON.stringify(env));
    const before = server.received.length;
    const result = await run([file, '--env', envFile, '--credentials', 'env']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.received.slice(before).map((r) => [r.target, r.verdict.ok])).toEqual([['/echo?x=1', true]]);
  });

  it('is the real `shomei run` command: exit code and summary from the process', async () => {
    const file = collectionFile();
    const child = spawn(process.execPath, [join(ROOT, 'electron/cli/bin.mjs'), 'run', file, '--credentials', 'env'], { env: ENV, cwd: dir });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(code).toBe(0);
  });
});
