import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { listenOnLoopback } from '../support/loopback-listen';
import { runInProcess } from '../support/run-in-process';
import { readAllFiles } from '../support/temp-dir';
import { createTestCore } from '../support/test-core';

/**
 * A response hands back values shaped like secrets (a JWT, an AWS access key id and secret key)
 * under names that do not say so. A capture keeps each as a secret: in the vault (encrypted, read
 * back for the next send), never in a file of the data folder, never in a check's result, nor in
 * `shomei run`'s reports. A plain captured value beside them is saved as text, so the scans below
 * do see the saved environment.
 */
const SECRETS = {
  issued: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXB0dXJlZC11c2VyIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg',
  keyId: 'ASIACAPTUREDKEY00001',
  signing: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYCAPTUREDKY',
};
const PLAIN = 'order-capture-0042';

/** What the loopback server saw: each request's target and headers. */
interface Seen {
  target: string;
  headers: Record<string, string | string[] | undefined>;
}

let api: { origin: string; seen: Seen[]; close(): Promise<void> };

beforeAll(async () => {
  const seen: Seen[] = [];
  // `/login` hands out the secrets; every other path echoes what it received (as a careless API would).
  const http = createServer((req, res) => {
    req.resume();
    seen.push({ target: req.url ?? '/', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      req.url === '/login'
        ? JSON.stringify({
            session: { jwt: SECRETS.issued, keyId: SECRETS.keyId, signing: SECRETS.signing },
            order: PLAIN,
          })
        : JSON.stringify({ target: req.url, headers: req.headers }),
    );
  });
  api = { seen, ...(await listenOnLoopback(http)) };
});
afterAll(() => api.close());

const CAPTURES = [
  { id: 'c-jwt', variable: 'issuedJwt', from: { kind: 'json-path', path: '$.session.jwt' } },
  { id: 'c-id', variable: 'keyIdentifier', from: { kind: 'jmespath', expression: 'session.keyId' } },
  { id: 'c-key', variable: 'signingKey', from: { kind: 'regex', pattern: '"signing":"([^"]+)"' } },
  { id: 'c-order', variable: 'orderRef', from: { kind: 'json-path', path: '$.order' } },
];

/** The request that reads every captured secret back: as a Bearer header, in a header of its own, in the query. */
const useThem = {
  method: 'GET',
  url: `/me?key={{keyIdentifier}}&order={{orderRef}}`,
  auth: { type: 'none' },
  headers: [
    { name: 'Authorization', value: 'Bearer {{issuedJwt}}', isEnabled: true },
    { name: 'X-Signing', value: '{{signingKey}}', isEnabled: true },
  ],
};

const expectNoSecretIn = (text: string, where: string) => {
  for (const secret of Object.values(SECRETS)) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
};

const expectNoSecretInFiles = (dir: string) => {
  const files = readAllFiles(dir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files)
    for (const secret of Object.values(SECRETS))
      expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds ${secret}`).toBe(false);
  return files;
};

describe('a single send that captures secret-shaped values', () => {
  type Answer = { ok: boolean; value?: unknown; error?: unknown };
  const context: CallContext = { emit: () => undefined };
  let test: ReturnType<typeof createTestCore>;
  let call: (channel: string, input: unknown) => Promise<Answer>;

  beforeEach(async () => {
    // No `secrets` given: the core's own vault, encrypted on disk in the data folder, as the app's.
    test = createTestCore({ env: {} });
    const dispatcher = createDispatcher(createHandlers(test.core));
    call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
    const dev = await test.core.environments.create({ name: 'dev', variables: [] });
    test.core.environments.setActive(dev.id);
  });
  afterEach(() => test.dispose());

  it('keeps them as secret variables in the vault, masked in the check results, sent as they are, and in no file', async () => {
    const login = await call('request:send-draft', {
      requestId: 'login',
      request: {
        name: 'Login',
        method: 'POST',
        url: `${api.origin}/login`,
        auth: { type: 'none' },
        captures: CAPTURES,
        // A failing check shows what it read: it must not show a secret there either.
        checks: [
          { id: 'k1', target: { kind: 'json-path', path: '$.session.jwt' }, operator: 'equals', expected: 'nope' },
          { id: 'k2', target: { kind: 'json-path', path: '$.session' }, operator: 'exists' },
        ],
      },
    });
    expect(login).toMatchObject({ ok: true });
    const { tests } = login.value as { tests: { checks: Array<{ actual: string }>; captures: unknown[] } };
    expect(tests.captures).toEqual([
      { captureId: 'c-jwt', variable: 'issuedJwt', isCaptured: true, isSecret: true, storedIn: 'environment “dev”' },
      { captureId: 'c-id', variable: 'keyIdentifier', isCaptured: true, isSecret: true, storedIn: 'environment “dev”' },
      { captureId: 'c-key', variable: 'signingKey', isCaptured: true, isSecret: true, storedIn: 'environment “dev”' },
      {
        captureId: 'c-order',
        variable: 'orderRef',
        isCaptured: true,
        isSecret: false,
        preview: PLAIN,
        storedIn: 'environment “dev”',
      },
    ]);
    expect(tests.checks.map((c) => c.actual)).toEqual([
      '••••',
      JSON.stringify({ jwt: '••••', keyId: '••••', signing: '••••' }),
    ]);
    expectNoSecretIn(JSON.stringify(tests), 'the check and capture results');

    // The environment holds them as secret variables, their values empty; the vault holds the values.
    const variables = test.core.environments.getActive()?.variables ?? [];
    expect(variables.map((v) => [v.name, v.isSecret, v.value])).toEqual([
      ['issuedJwt', true, ''],
      ['keyIdentifier', true, ''],
      ['signingKey', true, ''],
      ['orderRef', false, PLAIN],
    ]);

    // The next send reads them back from the vault and sends them; its answer and history mask them.
    const me = await call('request:send-draft', {
      requestId: 'me',
      request: { name: 'Me', ...useThem, url: `${api.origin}${useThem.url}` },
    });
    expect(me).toMatchObject({ ok: true });
    expect(api.seen.at(-1)).toMatchObject({
      target: `/me?key=${SECRETS.keyId}&order=${PLAIN}`,
      headers: { authorization: `Bearer ${SECRETS.issued}`, 'x-signing': SECRETS.signing },
    });
    expectNoSecretIn(JSON.stringify((me.value as { request: unknown }).request), 'the answer’s request');
    const history = JSON.stringify(test.core.history.list());
    // History keeps the secret ones as their {{names}}.
    expect(history).toContain('"X-Signing","{{signingKey}}"');
    expectNoSecretIn(history, 'history');

    test.core.environments.flush();
    test.core.history.flush();
    const files = expectNoSecretInFiles(test.dataDir);
    // The scan reads the saved environment (the plain capture is there as text) and history.
    expect(files.some((f) => f.bytes.includes(Buffer.from(PLAIN)))).toBe(true);
    expect(files.some((f) => f.bytes.includes(Buffer.from('X-Signing')))).toBe(true);

    // Opened again over the same folder, the vault gives each value back.
    await test.core.close();
    const again = createCore({ host: 'test', version: '0.0.0-test', dataDir: test.dataDir, env: {} });
    try {
      const saved = again.environments.list().find((e) => e.name === 'dev')?.variables ?? [];
      const valueOf = async (name: string) => {
        const variable = saved.find((v) => v.name === name);
        return variable ? again.secrets.get(variable.id) : undefined;
      };
      expect(await valueOf('issuedJwt')).toBe(SECRETS.issued);
      expect(await valueOf('keyIdentifier')).toBe(SECRETS.keyId);
      expect(await valueOf('signingKey')).toBe(SECRETS.signing);
    } finally {
      await again.close();
    }
    expectNoSecretInFiles(test.dataDir);
  });
});

describe('shomei run of a collection that captures secret-shaped values', () => {
  it('sends them to the requests that follow, and no report, output or file of the data folder holds them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shomei-run-captured-'));
    const out = join(dataDir, 'reports');
    const collection = {
      id: 'captures',
      name: 'Captures',
      items: [
        {
          kind: 'request',
          id: 'login',
          name: 'Login',
          method: 'POST',
          url: `${api.origin}/login`,
          auth: { type: 'none' },
          captures: CAPTURES,
          checks: [
            { id: 'k1', target: { kind: 'json-path', path: '$.session.jwt' }, operator: 'equals', expected: 'nope' },
          ],
        },
        {
          kind: 'request',
          id: 'me',
          name: 'Me',
          ...useThem,
          url: `${api.origin}${useThem.url}`,
          // Fails, so its report shows the body read: the echo of every secret sent.
          checks: [{ id: 'k2', target: { kind: 'body' }, operator: 'contains', expected: 'absent-text' }],
        },
      ],
    };
    writeFileSync(
      join(dataDir, 'workspace.json'),
      JSON.stringify({
        schemaVersion: 2,
        data: {
          collections: [collection],
          environments: [],
          activeEnvironmentId: null,
          trustedCollectionIds: [collection.id],
          untrustedEnvironmentIds: [],
        },
      }),
    );
    try {
      const seen = api.seen.length;
      const result = await runInProcess(
        ['Captures', '--data-dir', dataDir, '--reporter', 'cli,json,junit', '--out', out],
        { PATH: '/usr/bin:/bin' },
      );
      expect(result.stderr).toBe(`shomei run: reports in ${out}\n`);
      expect(result.code).toBe(1);
      // They were captured and sent: the masking below is of values that were there to leak.
      expect(api.seen.slice(seen)).toMatchObject([
        { target: '/login' },
        {
          target: `/me?key=${SECRETS.keyId}&order=${PLAIN}`,
          headers: { authorization: `Bearer ${SECRETS.issued}`, 'x-signing': SECRETS.signing },
        },
      ]);
      const json = readFileSync(join(out, 'shomei-run.json'), 'utf8');
      const junit = readFileSync(join(out, 'shomei-run.xml'), 'utf8');
      // The reports say what failed and what was read, with the secrets masked out of it.
      expect(junit).toContain(
        '<failure type="check" message="$.session.jwt equals nope">expected nope, got ••••</failure>',
      );
      expect(junit).toContain(`&quot;x-signing&quot;:&quot;••••&quot;`);
      expect(json).toContain(`"url": "${api.origin}/me?key=`);
      expectNoSecretIn(json, 'the JSON report');
      expectNoSecretIn(junit, 'the JUnit report');
      expectNoSecretIn(`${result.stdout}${result.stderr}`, 'what the run printed');
      expectNoSecretInFiles(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
