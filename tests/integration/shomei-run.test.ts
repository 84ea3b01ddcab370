import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../support/run-in-process';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIDRUNNER0000000000', secretAccessKey: 'runner/secret/key/0000000000000000000000' };
const ENV = {
  AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  PATH: process.env.PATH ?? '',
};
const ROOT = resolve(import.meta.dirname, '../..');

let server: VerifyingServer;
let dir: string;
let created = 0;

/** A Shomei collection file: create an order (captures its id), read it back, list with a data-row user. */
function collectionFile(extra: unknown[] = []): string {
  const aws = {
    type: 'aws-sigv4',
    credentialSource: { source: 'profile', profileId: 'somebody-else' },
    region: 'us-east-1',
    service: 'execute-api',
  };
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
                {
                  id: 'c3',
                  target: { kind: 'jmespath', expression: 'target' },
                  operator: 'equals',
                  expected: '/orders/{{orderId}}',
                },
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

const run = (argv: string[], env: NodeJS.ProcessEnv = ENV) => runInProcess(argv, env);

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
    const json = JSON.parse(readFileSync(join(out, 'shomei-run.json'), 'utf8')) as {
      requests: { sent: number };
      results: Array<{ name: string; outcome: string }>;
    };
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
    const failing = {
      kind: 'request',
      id: 'missing',
      name: 'Missing',
      method: 'GET',
      url: '{{baseUrl}}/missing',
      checks: [{ id: 'c', target: { kind: 'status' }, operator: 'equals', expected: '404' }],
    };
    const out = join(dir, 'reports-fail');
    const result = await run([
      collectionFile([failing]),
      '--credentials',
      'env',
      '--reporter',
      'cli,junit',
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ GET Reads / Missing → 200');
    expect(result.stdout).toContain('status equals 404: expected 404, got 200');
    expect(readFileSync(join(out, 'shomei-run.xml'), 'utf8')).toContain(
      '<failure type="check" message="status equals 404">expected 404, got 200</failure>',
    );
  });

  it('runs one iteration per data row, and stops at the first failure with --bail', async () => {
    const listing = {
      kind: 'request',
      id: 'list',
      name: 'List',
      method: 'GET',
      url: '{{baseUrl}}/list?user={{user}}',
      checks: [{ id: 'c', target: { kind: 'body' }, operator: 'contains', expected: 'user=bob' }],
    };
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
    expect(await run([file])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('choose whose identity with --credentials'),
    });
    expect(await run([file, '--credentials', 'root'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--credentials root is not env, default-chain or profile:NAME'),
    });
    expect(await run([file, '--credentials', 'env', '--parallel', 'many'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--parallel takes a whole number'),
    });
    expect(await run([file, '--credentials', 'env', '--folder', 'Writes'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no folder "Writes"'),
    });
    expect(await run([join(dir, 'nope.json'), '--data-dir', dir])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is neither a file nor a saved collection'),
    });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"info": {"name": "x"}, "item": 7}');
    expect((await run([bad])).code).toBe(2);
    const badData = join(dir, 'bad.csv');
    writeFileSync(badData, 'a,b\n"unclosed\n');
    expect(await run([file, '--credentials', 'env', '--data', badData])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not valid CSV'),
    });
    // Keys in the environment are not used when the collection does not ask for them.
    expect(await run([file, '--credentials', 'env', '--reporter', 'xml'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--reporter xml'),
    });
  });

  it('a request signed for another host than it is sent to fails with the reason, unless --allow-redirected-signing', async () => {
    const elsewhere = {
      kind: 'request',
      id: 'elsewhere',
      name: 'Signed elsewhere',
      method: 'GET',
      url: '{{baseUrl}}/orders/{{orderId}}',
      headers: [{ name: 'Host', value: 'execute-api.us-east-1.amazonaws.com', isEnabled: true }],
    };
    const file = collectionFile([elsewhere]);
    const before = server.received.length;
    const refused = await run([file, '--credentials', 'env']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('signed for execute-api.us-east-1.amazonaws.com, but it would be sent to');
    expect(refused.stdout).toContain('--allow-redirected-signing');
    const hostOf = (r: (typeof server.received)[number]) =>
      r.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1];
    expect(server.received.slice(before).map(hostOf)).not.toContain('execute-api.us-east-1.amazonaws.com');

    const allowed = await run([file, '--credentials', 'env', '--allow-redirected-signing']);
    expect(allowed.stdout).toMatch(/3 requests: 3 sent, 0 failed/);
    const last = server.received.at(-1);
    expect(last && hostOf(last)).toBe('execute-api.us-east-1.amazonaws.com');
    expect(last?.verdict.ok).toBe(true);
  });

  it('runs a Postman collection with awsv4 auth, its variables and a Postman environment', async () => {
    const postman = {
      info: { name: 'Postman orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: {
        type: 'awsv4',
        awsv4: [
          { key: 'region', value: 'us-east-1' },
          { key: 'service', value: 'execute-api' },
        ],
      },
      item: [{ name: 'Echo', request: { method: 'GET', url: '{{host}}/echo?x=1' } }],
    };
    const env = {
      name: 'local',
      values: [{ key: 'host', value: server.origin, enabled: true }],
      _postman_variable_scope: 'environment',
    };
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

  it("runs a collection saved in the app by name: the window's trust holds, an old workspace is migrated, a damaged one is named and left as it is", async () => {
    const collection = (
      JSON.parse(readFileSync(collectionFile(), 'utf8')) as { collection: { id: string; name: string } }
    ).collection;
    const dataDir = mkdtempSync(join(tmpdir(), 'shomei-run-saved-'));
    const workspaceFile = join(dataDir, 'workspace.json');
    const save = (schemaVersion: number, data: Record<string, unknown>) =>
      writeFileSync(
        workspaceFile,
        JSON.stringify({
          schemaVersion,
          data: { collections: [collection], environments: [], activeEnvironmentId: null, ...data },
        }),
      );
    try {
      // Imported into the app and never trusted there: naming it is not trusting it.
      save(2, { trustedCollectionIds: [], untrustedEnvironmentIds: [] });
      const before = server.received.length;
      const untrusted = await run(['Orders API', '--data-dir', dataDir, '--credentials', 'env']);
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toContain(
        '"Orders API" is not trusted in Shomei: trust it in the window first, or run the file it came from',
      );
      expect(server.received.length).toBe(before);

      save(2, { trustedCollectionIds: [collection.id], untrustedEnvironmentIds: [] });
      const trusted = await run(['Orders API', '--data-dir', dataDir, '--credentials', 'env']);
      expect(trusted.stderr).toBe('');
      expect(trusted.code).toBe(0);
      expect(server.received.slice(before).map((r) => r.verdict.ok)).toEqual([true, true]);

      // An environment imported into the app and never trusted there: naming it is not trusting it either.
      const environment = { id: 'env-imported-1', name: 'prod', variables: [] };
      save(2, {
        trustedCollectionIds: [collection.id],
        environments: [environment],
        untrustedEnvironmentIds: [environment.id],
      });
      const sentBefore = server.received.length;
      const untrustedEnv = await run(['Orders API', '--data-dir', dataDir, '--env', 'prod', '--credentials', 'env']);
      expect(untrustedEnv.code).toBe(2);
      expect(untrustedEnv.stderr).toContain('The environment "prod" is not trusted in Shomei');
      expect(server.received.length).toBe(sentBefore);
      save(2, { trustedCollectionIds: [collection.id], environments: [environment], untrustedEnvironmentIds: [] });
      expect((await run(['Orders API', '--data-dir', dataDir, '--env', 'prod', '--credentials', 'env'])).code).toBe(0);

      // Schema 1 (before trust was recorded): its collections are migrated as the app migrates them, trusted.
      save(1, {});
      const migrated = await run([collection.id, '--data-dir', dataDir, '--credentials', 'env']);
      expect(migrated.code).toBe(0);

      // A damaged file: named with the reason, refused, and not moved aside (the app decides that).
      writeFileSync(workspaceFile, '{"schemaVersion": 2, "data": {"collections": [');
      const damaged = await run(['Orders API', '--data-dir', dataDir, '--credentials', 'env']);
      expect(damaged.code).toBe(2);
      expect(damaged.stderr).toContain(`${workspaceFile} cannot be read: the file is not valid JSON`);
      expect(readFileSync(workspaceFile, 'utf8')).toBe('{"schemaVersion": 2, "data": {"collections": [');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is the real `shomei run` command: exit code and summary from the process', async () => {
    const file = collectionFile();
    const child = spawn(process.execPath, [join(ROOT, 'electron/cli/bin.mjs'), 'run', file, '--credentials', 'env'], {
      env: ENV,
      cwd: dir,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(code).toBe(0);
  });
});
