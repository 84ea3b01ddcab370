import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { CollectionSchema, type RequestDraft, type SavedAuth } from '../../shared/contract/collections';
import { isShomeiError } from '../../shared/errors';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { makeTempDir, readAllFiles } from '../support/temp-dir';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAAUTHTYPES0000001', secretAccessKey: 'authTypesSecret/000000000000000000000000' };
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bearer-token-in-the-vault.c2lnbmF0dXJl';
const VARIABLE_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.token-from-a-secret-variable.c2ln';
const PASSWORD = 'pässword-in-the-vault-0123';
const API_KEY = 'apiKeyValueFromTheVault0123456789abcdef';

let server: AuthCheckingServer;
let other: AuthCheckingServer;
let verifier: VerifyingServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;

beforeAll(async () => {
  [server, other, verifier] = await Promise.all([
    startAuthCheckingServer(),
    startAuthCheckingServer(),
    startVerifyingServer([KEYS]),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close(), verifier.close()]);
});
beforeEach(() => {
  temp = makeTempDir('shomei-auth-types-');
  // The real encrypted vault on disk (test cipher): the data-folder scan below reads its file too.
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: temp.dir,
    env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
  });
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

const header = (raw: Array<[string, string]>, name: string) => raw.find(([n]) => n.toLowerCase() === name)?.[1];

/** A collection whose settings carry `auth`, holding one request that inherits it; returns the request as a draft. */
function savedUnder(auth: SavedAuth, url: string, own: SavedAuth = { type: 'inherit' }) {
  const collection = core.collections.addCollection(
    CollectionSchema.parse({
      id: `c${Math.random().toString(36).slice(2, 10)}`,
      name: 'Auth types',
      settings: { auth },
      items: [{ kind: 'request', id: 'r1', name: 'Call', method: 'GET', url, auth: own }],
    }),
  );
  // Added collections start untrusted (as imports do); these are the user's own.
  core.collections.trust(collection.id);
  const saved = collection.items[0];
  if (saved?.kind !== 'request') throw new Error('no request');
  const { kind: _k, id: _i, ...draft } = saved;
  return { draft: draft as RequestDraft, savedRequestId: saved.id };
}

/** Stores secrets through the channel the window uses, over the dispatcher with its input checks. */
async function storeSecrets(values: Array<{ id: string; value: string }>) {
  const result = await createDispatcher(createHandlers(core)).dispatch(
    'auth:store-secrets',
    { values },
    { emit: () => undefined },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function expectNoSecretAnywhere(secrets: string[], extra: unknown[] = []) {
  core.flush();
  const history = JSON.stringify(core.history.list());
  for (const secret of secrets) {
    expect(history, 'history holds a secret').not.toContain(secret);
    for (const text of extra) expect(JSON.stringify(text), 'a summary holds a secret').not.toContain(secret);
    for (const file of readAllFiles(temp.dir))
      expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
  }
}

describe('bearer, basic and API key against a server that checks each header form', () => {
  it('sends an inherited bearer token from the vault as Authorization: Bearer <token>', async () => {
    server.checks.set('/bearer', ({ headers }) =>
      headers.authorization === `Bearer ${TOKEN}` ? undefined : `got ${headers.authorization}`,
    );
    await storeSecrets([{ id: 'auth_bearer0001', value: TOKEN }]);
    const { draft, savedRequestId } = savedUnder(
      { type: 'bearer', tokenRef: { kind: 'vault', id: 'auth_bearer0001' }, prefix: 'Bearer' },
      `${server.origin}/bearer`,
    );
    const response = await core.drafts.send({ requestId: 'b1', request: draft, savedRequestId });
    expect(response.status).toBe(200);
    // The window sees that a token went, never which.
    expect(response.request.headers).toContainEqual(['Authorization', 'Bearer ‹redacted›']);
    expect(core.history.list()[0]?.request.auth).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'vault', id: 'auth_bearer0001' },
      prefix: 'Bearer',
    });
    expectNoSecretAnywhere([TOKEN], [response]);
  });

  it('takes the token from a secret {{variable}} and sends it alone when the prefix is empty (Cognito authorizer style)', async () => {
    server.checks.set('/raw-token', ({ headers }) =>
      headers.authorization === VARIABLE_TOKEN ? undefined : `got ${headers.authorization}`,
    );
    await core.environments.create({
      name: 'dev',
      variables: [{ name: 'accessToken', value: VARIABLE_TOKEN, isSecret: true }],
    });
    core.environments.setActive(core.environments.list()[0]?.id ?? null);
    const { draft, savedRequestId } = savedUnder(
      { type: 'bearer', tokenRef: { kind: 'variables', text: '{{accessToken}}' }, prefix: '' },
      `${server.origin}/raw-token`,
    );
    const response = await core.drafts.send({ requestId: 'b2', request: draft, savedRequestId });
    expect(response.status).toBe(200);
    expectNoSecretAnywhere([VARIABLE_TOKEN], [response]);
  });

  it('sends Basic as base64 of user:password in UTF-8, the user name from a variable', async () => {
    const expected = `Basic ${Buffer.from(`alice:${PASSWORD}`, 'utf8').toString('base64')}`;
    server.checks.set('/basic', ({ headers }) =>
      headers.authorization === expected ? undefined : `got ${headers.authorization}`,
    );
    await storeSecrets([{ id: 'auth_basic00001', value: PASSWORD }]);
    const { draft, savedRequestId } = savedUnder({ type: 'none' }, `${server.origin}/basic`, {
      type: 'basic',
      username: '{{user}}',
      passwordRef: { kind: 'vault', id: 'auth_basic00001' },
    });
    await core.collections.updateSettings({
      id: core.collections.getRequest(savedRequestId).collection.id,
      settings: { variables: [{ id: 'v-user', name: 'user', value: 'alice', isEnabled: true, isSecret: false }] },
    });
    const response = await core.drafts.send({ requestId: 'p1', request: draft, savedRequestId });
    expect(response.status).toBe(200);
    expectNoSecretAnywhere([PASSWORD, expected.slice('Basic '.length)], [response]);
  });

  it('sends an API key in the x-api-key header, and in the query under its own name', async () => {
    server.checks.set('/key-header', ({ headers }) => (headers['x-api-key'] === API_KEY ? undefined : 'no x-api-key'));
    server.checks.set('/key-query', ({ query }) =>
      query.get('api_key') === API_KEY && query.get('q') === '1' ? undefined : 'no api_key',
    );
    await storeSecrets([{ id: 'auth_apikey0001', value: API_KEY }]);
    const inHeader = savedUnder(
      { type: 'api-key', in: 'header', name: 'x-api-key', valueRef: { kind: 'vault', id: 'auth_apikey0001' } },
      `${server.origin}/key-header`,
    );
    expect(
      (await core.drafts.send({ requestId: 'k1', request: inHeader.draft, savedRequestId: inHeader.savedRequestId }))
        .status,
    ).toBe(200);
    const inQuery = savedUnder(
      { type: 'api-key', in: 'query', name: 'api_key', valueRef: { kind: 'vault', id: 'auth_apikey0001' } },
      `${server.origin}/key-query?q=1`,
    );
    const response = await core.drafts.send({
      requestId: 'k2',
      request: inQuery.draft,
      savedRequestId: inQuery.savedRequestId,
    });
    expect(response.status).toBe(200);
    expect(response.request.url).not.toContain(API_KEY);
    expectNoSecretAnywhere([API_KEY], [response]);
  });

  it('refuses to send when a secret field is not set, and sends nothing', async () => {
    const before = server.seen.length;
    const { draft, savedRequestId } = savedUnder(
      { type: 'bearer', tokenRef: { kind: 'variables', text: '' }, prefix: 'Bearer' },
      `${server.origin}/bearer`,
    );
    const failure = await core.drafts
      .send({ requestId: 'e1', request: draft, savedRequestId })
      .catch((error: unknown) => error);
    expect(isShomeiError(failure) && failure.message).toMatch(/Not sent: Set the bearer token in the Auth tab/);
    const missing = savedUnder(
      { type: 'bearer', tokenRef: { kind: 'vault', id: 'auth_neverstored' }, prefix: 'Bearer' },
      `${server.origin}/bearer`,
    );
    const failure2 = await core.drafts
      .send({ requestId: 'e2', request: missing.draft, savedRequestId: missing.savedRequestId })
      .catch((error: unknown) => error);
    expect(isShomeiError(failure2) && failure2.message).toMatch(/The bearer token is not in this machine's vault/);
    expect(server.seen.length).toBe(before);
  });

  it('attacker: a redirect to another origin carries neither the bearer token nor the API key', async () => {
    server.redirects.set('/hop', `${other.origin}/landing`);
    await storeSecrets([
      { id: 'auth_bearer0002', value: TOKEN },
      { id: 'auth_apikey0002', value: API_KEY },
    ]);
    const { draft, savedRequestId } = savedUnder(
      {
        type: 'bearer',
        tokenRef: { kind: 'vault', id: 'auth_bearer0002' },
        prefix: 'Bearer',
        apiKey: { in: 'header', name: 'x-api-key', valueRef: { kind: 'vault', id: 'auth_apikey0002' } },
      },
      `${server.origin}/hop`,
    );
    const response = await core.drafts.send({ requestId: 'h1', request: draft, savedRequestId });
    expect(response.status).toBe(200);
    expect(header(server.seen.at(-1)?.rawHeaders ?? [], 'authorization')).toBe(`Bearer ${TOKEN}`);
    const landed = other.seen.at(-1);
    expect(landed?.path).toBe('/landing');
    expect(header(landed?.rawHeaders ?? [], 'authorization')).toBeUndefined();
    expect(header(landed?.rawHeaders ?? [], 'x-api-key')).toBeUndefined();
  });

  it('attacker: the store channel refuses ids outside the auth_ namespace, so it cannot overwrite a secret variable', async () => {
    await core.environments.create({
      name: 'dev',
      variables: [{ name: 'token', value: 'the-real-secret-value', isSecret: true }],
    });
    const variableId = core.environments.list()[0]?.variables[0]?.id ?? '';
    await expect(storeSecrets([{ id: variableId, value: 'overwritten' }])).rejects.toThrow(/auth secret id/);
    expect(await core.secrets.get(variableId)).toBe('the-real-secret-value');
  });
});

describe('SigV4 plus an API key (an IAM API with a usage plan)', () => {
  it('adds x-api-key before signing: aws4 verifies the signature and the key arrives', async () => {
    verifier.routes.set('/prod/usage-plan', (_req, res, entry) => {
      const key = header(entry.rawHeaders, 'x-api-key');
      const ok = entry.verdict.ok && key === API_KEY;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ verdict: entry.verdict.reason, hasKey: key === API_KEY }));
    });
    await storeSecrets([{ id: 'auth_apikey0003', value: API_KEY }]);
    const { draft, savedRequestId } = savedUnder(
      {
        type: 'aws-sigv4',
        credentialSource: { source: 'env' },
        region: 'us-east-1',
        service: 'execute-api',
        isQuerySigned: false,
        expiresInSeconds: 900,
        apiKey: { in: 'header', name: 'x-api-key', valueRef: { kind: 'vault', id: 'auth_apikey0003' } },
      },
      `${verifier.origin}/prod/usage-plan`,
    );
    const response = await core.drafts.send({ requestId: 's1', request: draft, savedRequestId });
    const received = verifier.received.at(-1);
    expect(received?.verdict).toMatchObject({ ok: true, reason: 'verified' });
    expect(response.status).toBe(200);
    // The key is covered by the signature, as API Gateway sees it.
    expect(header(received?.rawHeaders ?? [], 'authorization')).toMatch(/SignedHeaders=[^,]*x-api-key/);
    expect(core.history.list()[0]?.request.auth).toMatchObject({
      type: 'aws-sigv4',
      apiKey: { name: 'x-api-key', valueRef: { kind: 'vault' } },
    });
    expectNoSecretAnywhere([API_KEY, KEYS.secretAccessKey], [response]);
  });
});
