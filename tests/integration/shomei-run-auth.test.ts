import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretRef } from '../../shared/contract/auth';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { poolTokenCheck, startCognitoLocal, type CognitoLocal } from '../support/cognito-local';
import { startOAuthTokenServer, type OAuthTokenServer } from '../support/oauth-token-server';
import { runInProcess } from '../support/run-in-process';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

/**
 * `shomei run` in CI with the auth types beside SigV4: Bearer, Basic, an API key (alone and
 * beside SigV4), OAuth 2.0 client credentials. Their secrets come as `{{variables}}` from the
 * `--env` file; real loopback servers check each one. A Cognito user pool sign-in is made once
 * by the run itself (cognito-local as the pool). A secret kept in a vault the run cannot
 * read fails that request with a message saying how to pass it instead.
 */
const KEYS = { accessKeyId: 'AKIDRUNAUTH000000000', secretAccessKey: 'run/auth/secret/key/00000000000000000000' };
const SECRETS = {
  token: 'run-bearer-token-0123456789',
  password: 'run-basic-pässword-0123',
  apiKey: 'run-api-key-0123456789abcdef',
  clientSecret: 'client-secret-0123456789',
};
const ENV = { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, PATH: '/usr/bin:/bin' };

let api: AuthCheckingServer;
let oauth: OAuthTokenServer;
let aws: VerifyingServer;
let dir: string;

beforeAll(async () => {
  [api, oauth, aws] = await Promise.all([
    startAuthCheckingServer(),
    startOAuthTokenServer(),
    startVerifyingServer([KEYS]),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'shomei-run-auth-'));
  api.checks.set('/bearer', ({ headers }) =>
    headers.authorization === `Bearer ${SECRETS.token}` ? undefined : 'token',
  );
  api.checks.set('/basic', ({ headers }) =>
    headers.authorization === `Basic ${Buffer.from(`ci-user:${SECRETS.password}`, 'utf8').toString('base64')}`
      ? undefined
      : 'basic',
  );
  api.checks.set('/key', ({ query }) => (query.get('api_key') === SECRETS.apiKey ? undefined : 'key'));
  aws.routes.set('/signed-and-keyed', (_req, res, received) => {
    const key = received.rawHeaders.find(([name]) => name.toLowerCase() === 'x-api-key')?.[1];
    const isOk = received.verdict.ok && key === SECRETS.apiKey;
    res.writeHead(isOk ? 200 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ isOk }));
  });
});
afterAll(async () => {
  await Promise.all([api?.close(), oauth?.close(), aws?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (argv: string[], extraEnv: Record<string, string> = {}) => runInProcess(argv, { ...ENV, ...extraEnv });

const ref = (name: string) => ({ kind: 'variables' as const, text: `{{${name}}}` });

/** A Shomei collection file with one request per auth type, each checked for 200. */
function collectionFile(secret: (name: keyof typeof SECRETS) => SecretRef): string {
  const request = (id: string, url: string, auth: unknown) => ({
    kind: 'request',
    id,
    name: id,
    method: 'GET',
    url,
    auth,
    checks: [{ id: `${id}-status`, target: { kind: 'status' }, operator: 'equals', expected: '200' }],
  });
  const file = {
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'auth-types',
      name: 'Auth types',
      settings: { variables: [{ id: 'u', name: 'user', value: 'ci-user' }] },
      items: [
        request('bearer', `${api.origin}/bearer`, { type: 'bearer', tokenRef: secret('token'), prefix: 'Bearer' }),
        request('basic', `${api.origin}/basic`, {
          type: 'basic',
          username: '{{user}}',
          passwordRef: secret('password'),
        }),
        request('key', `${api.origin}/key`, {
          type: 'api-key',
          in: 'query',
          name: 'api_key',
          valueRef: secret('apiKey'),
        }),
        request('oauth2', oauth.apiUrl, {
          type: 'oauth2',
          tokenUrl: oauth.tokenUrl,
          clientId: 'shomei-client',
          clientSecretRef: secret('clientSecret'),
          scope: 'orders/read',
          clientAuthentication: 'basic',
        }),
        request('sigv4-and-key', `${aws.origin}/signed-and-keyed`, {
          type: 'aws-sigv4',
          credentialSource: { source: 'env' },
          region: 'us-east-1',
          service: 'execute-api',
          apiKey: { in: 'header', name: 'x-api-key', valueRef: secret('apiKey') },
        }),
      ],
    },
  };
  const path = join(dir, `auth-${Math.random().toString(36).slice(2)}.shomei.json`);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** A Postman environment holding the secrets (as CI writes one from its own secret store). */
function environmentFile(values: Record<string, string> = SECRETS): string {
  const path = join(dir, `ci-${Math.random().toString(36).slice(2)}.postman_environment.json`);
  writeFileSync(
    path,
    JSON.stringify({
      name: 'ci',
      values: Object.entries(values).map(([key, value]) => ({ key, value, type: 'secret', enabled: true })),
      _postman_variable_scope: 'environment',
    }),
  );
  return path;
}

describe('shomei run with Bearer, Basic, API key and OAuth 2.0', () => {
  it('sends each with its secret from a {{variable}} of the --env file, and no output holds a secret', async () => {
    const out = join(dir, 'reports');
    const tokensBefore = oauth.tokenRequests.length;
    const result = await run([
      collectionFile(ref),
      '--env',
      environmentFile(),
      '--credentials',
      'env',
      '--reporter',
      'cli,json',
      '--out',
      out,
    ]);
    expect(result.stdout).toMatch(/5 requests: 5 sent, 0 failed, 0 skipped · 5 checks: 5 passed, 0 failed/);
    expect(result.code).toBe(0);
    expect(api.seen.map((s) => [s.path, s.status])).toEqual([
      ['/bearer', 200],
      ['/basic', 200],
      ['/key', 200],
    ]);
    expect(oauth.tokenRequests.slice(tokensBefore).map((t) => t.status)).toEqual([200]);
    expect(oauth.apiAuthorizations.at(-1)).toBe(`Bearer ${oauth.issued.at(-1)}`);
    expect(aws.received.at(-1)?.verdict.ok).toBe(true);
    const written = `${result.stdout}${result.stderr}${readFileSync(join(out, 'shomei-run.json'), 'utf8')}`;
    for (const secret of [...Object.values(SECRETS), KEYS.secretAccessKey, ...oauth.issued])
      expect(written).not.toContain(secret);
  });

  it('takes the secrets from environment variables with --secret-env, alone or over the --env file', async () => {
    const fromEnv = {
      CI_TOKEN: SECRETS.token,
      CI_PASSWORD: SECRETS.password,
      CI_API_KEY: SECRETS.apiKey,
      clientSecret: SECRETS.clientSecret,
    };
    const names = ['token=CI_TOKEN', 'password=CI_PASSWORD', 'apiKey=CI_API_KEY', 'clientSecret'];
    const alone = await run(
      [collectionFile(ref), '--credentials', 'env', ...names.flatMap((n) => ['--secret-env', n])],
      fromEnv,
    );
    expect(alone.stdout).toMatch(/5 requests: 5 sent, 0 failed, 0 skipped · 5 checks: 5 passed/);
    expect(alone.code).toBe(0);
    // The file's token is stale; --secret-env's wins, the file's other values stay.
    const file = environmentFile({ ...SECRETS, token: 'stale-token-from-the-file' });
    const over = await run(
      [collectionFile(ref), '--env', file, '--credentials', 'env', '--secret-env', 'token=CI_TOKEN'],
      fromEnv,
    );
    expect(over.stdout).toMatch(/5 requests: 5 sent, 0 failed/);
    expect(over.code).toBe(0);
    for (const secret of Object.values(SECRETS))
      expect(`${alone.stdout}${alone.stderr}${over.stdout}${over.stderr}`).not.toContain(secret);
    const missing = await run([collectionFile(ref), '--credentials', 'env', '--secret-env', 'token=CI_NOT_SET']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--secret-env token=CI_NOT_SET: the environment variable CI_NOT_SET is not set');
    // `token=CI_TOKEN=x` names no variable (it read $CI_TOKEN and dropped `=x`), nor does `token=`.
    for (const spec of ['token=CI_TOKEN=x', 'token=', '=CI_TOKEN']) {
      const wrong = await run([collectionFile(ref), '--credentials', 'env', '--secret-env', spec], fromEnv);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(`--secret-env ${spec} is not NAME or NAME=ENV_VAR`);
    }
  });

  it('a secret kept in a vault the run cannot read fails its request, saying to pass it as a {{variable}} with --env', async () => {
    const vault = (name: string) => ({ kind: 'vault' as const, id: `auth_${name.toLowerCase().padEnd(10, '0')}` });
    const seen = api.seen.length;
    const signed = aws.received.length;
    const result = await run([collectionFile(vault), '--credentials', 'env']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/5 requests: 0 sent, 5 failed/);
    // Basic's password is optional, but one the vault lacks is not sent as an empty one either.
    expect(result.stdout).toMatch(/✗ GET basic: Not sent: The password is not in this machine's vault/);
    expect(result.stderr).toContain(
      "bearer, basic, key, oauth2, sigv4-and-key keep their auth secret in Shomei's vault, which a run cannot read",
    );
    expect(result.stderr).toContain('pass its value with --env');
    expect(api.seen.length).toBe(seen);
    expect(aws.received.length).toBe(signed);
  });
});

describe('shomei run with a Cognito user pool sign-in (cognito-local)', () => {
  let cognito: CognitoLocal;
  const PASSWORD = 'Run-Passw0rd!';
  beforeAll(async () => {
    cognito = await startCognitoLocal();
  });
  afterAll(async () => {
    await cognito?.stop();
  });

  /** A collection whose settings sign in to the pool (password from {{cognitoPassword}}), two requests inheriting it. */
  function cognitoCollection(user: { userPoolId: string; clientId: string }, username: string): string {
    const request = (id: string) => ({
      kind: 'request',
      id,
      name: id,
      method: 'GET',
      url: `${api.origin}/cognito`,
      checks: [{ id: `${id}-status`, target: { kind: 'status' }, operator: 'equals', expected: '200' }],
    });
    const path = join(dir, `cognito-${Math.random().toString(36).slice(2)}.shomei.json`);
    writeFileSync(
      path,
      JSON.stringify({
        format: 'shomei.collection',
        formatVersion: 1,
        collection: {
          id: 'cognito-api',
          name: 'Cognito API',
          settings: {
            auth: {
              type: 'cognito-user-pool',
              region: cognito.region,
              endpoint: cognito.endpoint,
              userPoolId: user.userPoolId,
              clientId: user.clientId,
              username,
              passwordRef: { kind: 'variables', text: '{{cognitoPassword}}' },
            },
          },
          items: [request('first'), request('second')],
        },
      }),
    );
    return path;
  }

  function passwordEnv(password: string): string {
    const path = join(dir, `cognito-${Math.random().toString(36).slice(2)}.postman_environment.json`);
    writeFileSync(
      path,
      JSON.stringify({
        name: 'ci',
        values: [{ key: 'cognitoPassword', value: password, type: 'secret', enabled: true }],
      }),
    );
    return path;
  }

  it('signs in once with the password from --env and sends the ID token with every request', async () => {
    const user = await cognito.createUser({ username: 'ci@example.test', password: PASSWORD });
    const check = await poolTokenCheck(cognito, user.userPoolId);
    api.checks.set('/cognito', ({ headers }) => check(headers.authorization ?? ''));
    const result = await run([cognitoCollection(user, 'ci@example.test'), '--env', passwordEnv(PASSWORD)]);
    expect(result.stdout).toMatch(/2 requests: 2 sent, 0 failed/);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`signed in to Cognito as ci@example.test (user pool ${user.userPoolId})`);
    expect(result.stderr.match(/signed in to Cognito/g)).toHaveLength(1);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
  });

  it('--folder signs in only for the requests that run: a folder without Cognito runs with no sign-in', async () => {
    const user = await cognito.createUser({ username: 'folder@example.test', password: PASSWORD });
    const path = cognitoCollection(user, 'folder@example.test');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { collection: { items: unknown[] } };
    file.collection.items.push({
      kind: 'folder',
      id: 'public',
      name: 'Public',
      settings: { auth: { type: 'none' } },
      items: [{ kind: 'request', id: 'open', name: 'open', method: 'GET', url: `${api.origin}/public` }],
    });
    writeFileSync(path, JSON.stringify(file));
    // The password is wrong: a sign-in for the collection's other requests would stop the run.
    const result = await run([path, '--folder', 'Public', '--env', passwordEnv('not-the-password')]);
    expect(result.stderr).not.toMatch(/signed in to Cognito|Not signed in/);
    expect(result.stdout).toMatch(/1 request: 1 sent, 0 failed|1 requests: 1 sent, 0 failed/);
    expect(result.code).toBe(0);
  });

  it('a wrong password, or a user Cognito asks for an MFA code, stops the run before anything is sent, saying why', async () => {
    const user = await cognito.createUser({ username: 'mfa@example.test', password: PASSWORD });
    const seen = api.seen.length;
    const wrong = await run([cognitoCollection(user, 'mfa@example.test'), '--env', passwordEnv('not-the-password')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/first: Not signed in: wrong user name or password/);
    await cognito.enableTotp(user.userPoolId, user.clientId, 'mfa@example.test', PASSWORD);
    const mfa = await run([cognitoCollection(user, 'mfa@example.test'), '--env', passwordEnv(PASSWORD)]);
    expect(mfa.code).toBe(2);
    expect(mfa.stderr).toContain('Cognito asks mfa@example.test');
    expect(mfa.stderr).toContain('for an MFA code, which a run cannot answer');
    expect(api.seen.length).toBe(seen);
  });
});
