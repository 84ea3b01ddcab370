import { AdminCreateUserCommand, AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSdkCognitoIdp, type CognitoIdpApi } from '../../electron/core/cognito/cognito-idp';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { SavedCognitoUserPoolAuth } from '../../shared/contract/auth';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/channels';
import type { AppError } from '../../shared/errors';
import { CollectionSchema, type RequestDraft } from '../../shared/contract/collections';
import { isShomeiError } from '../../shared/errors';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { poolTokenCheck, startCognitoLocal, totp, type CognitoLocal } from '../support/cognito-local';
import { startSrpCognitoServer, type SrpCognitoServer } from '../support/cognito-srp-server';
import { makeTempDir, readAllFiles } from '../support/temp-dir';

const PASSWORD = 'Pässw0rd!cognito-in-the-vault';

let cognito: CognitoLocal;
let api: AuthCheckingServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;
let clockOffsetMs: number;
let calls: string[];

beforeAll(async () => {
  [cognito, api] = await Promise.all([startCognitoLocal(), startAuthCheckingServer()]);
});
afterAll(async () => {
  await Promise.all([cognito?.stop(), api?.close()]);
});
beforeEach(() => {
  temp = makeTempDir('shomei-cognito-');
  clockOffsetMs = 0;
  calls = [];
  // The real SDK client; the wrapper only notes which flows went to cognito-local.
  const sdk = createSdkCognitoIdp();
  const idp: CognitoIdpApi = {
    initiateAuth: (at, input) => {
      calls.push(input.AuthFlow);
      return sdk.initiateAuth(at, input);
    },
    respondToAuthChallenge: (at, input) => {
      calls.push(input.ChallengeName);
      return sdk.respondToAuthChallenge(at, input);
    },
  };
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: temp.dir,
    env: {},
    cognitoIdp: idp,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

async function call<K extends ChannelName>(
  channel: K,
  input: ChannelInput<K>,
): Promise<{ ok: true; value: ChannelOutput<K> } | { ok: false; error: AppError }> {
  const result = await createDispatcher(createHandlers(core)).dispatch(channel, input, { emit: () => undefined });
  return result as { ok: true; value: ChannelOutput<K> } | { ok: false; error: AppError };
}
async function value<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A trusted collection whose settings sign in to Cognito; one request inheriting it. */
function savedUnder(auth: Partial<SavedCognitoUserPoolAuth>, url: string, isTrusted = true) {
  const collection = core.collections.addCollection(
    CollectionSchema.parse({
      id: `c${Math.random().toString(36).slice(2, 10)}`,
      name: 'Cognito API',
      settings: {
        auth: { type: 'cognito-user-pool', region: cognito.region, endpoint: cognito.endpoint, ...auth },
      },
      items: [{ kind: 'request', id: 'r1', name: 'Call', method: 'GET', url, auth: { type: 'inherit' } }],
    }),
  );
  if (isTrusted) core.collections.trust(collection.id);
  const saved = collection.items[0];
  if (saved?.kind !== 'request') throw new Error('no request');
  const { kind: _k, id: _i, ...draft } = saved;
  return { request: draft as RequestDraft, savedRequestId: saved.id };
}

/** The request (inheriting its collection's Cognito auth) for `username` of `user`'s pool, the password typed into the vault. */
async function inputFor(user: { userPoolId: string; clientId: string }, username: string, password: string, isTrusted = true) {
  const id = `auth_${Math.random().toString(36).slice(2, 12)}`;
  await value('auth:store-secrets', { values: [{ id, value: password }] });
  return savedUnder(
    { userPoolId: user.userPoolId, clientId: user.clientId, username, passwordRef: { kind: 'vault', id } },
    `${api.origin}/me`,
    isTrusted,
  );
}

/** The API's check: the ID token alone (no `Bearer`), signed by the pool's key, for this pool; the tokens it accepted. */
async function idTokenCheck(userPoolId: string) {
  const check = await poolTokenCheck(cognito, userPoolId);
  const seen: string[] = [];
  api.checks.set('/me', ({ headers }) => {
    const problem = check(headers.authorization ?? '');
    if (problem === undefined) seen.push(headers.authorization ?? '');
    return problem;
  });
  return seen;
}

describe('Cognito user pool sign-in against cognito-local', () => {
  it('signs in with USER_PASSWORD_AUTH and SECRET_HASH, sends the ID token alone, and keeps every secret out of the window, history and disk', async () => {
    const user = await cognito.createUser({ username: 'alice@example.test', password: PASSWORD, withSecret: true });
    await value('auth:store-secrets', {
      values: [
        { id: 'auth_cognitopass01', value: PASSWORD },
        { id: 'auth_cognitosecret1', value: user.clientSecret ?? '' },
      ],
    });
    const input = savedUnder(
      {
        userPoolId: user.userPoolId,
        clientId: user.clientId,
        username: 'alice@example.test',
        passwordRef: { kind: 'vault', id: 'auth_cognitopass01' },
        clientSecretRef: { kind: 'vault', id: 'auth_cognitosecret1' },
      },
      `${api.origin}/me`,
    );
    const tokens = await idTokenCheck(user.userPoolId);

    const signedIn = await value('cognito:sign-in', input);
    expect(signedIn.status).toBe('signed-in');
    if (signedIn.status !== 'signed-in') return;
    expect(signedIn.session).toMatchObject({ username: 'alice@example.test', userPoolId: user.userPoolId, canRenew: true });
    expect(new Date(signedIn.session.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await value('cognito:status', input)).session?.key).toBe(signedIn.session.key);

    const response = await core.drafts.send({ requestId: 'c1', ...input });
    expect(response.status).toBe(200);
    expect(tokens).toHaveLength(1);
    const token = tokens[0] as string;
    expect(response.request.headers).toContainEqual(['Authorization', '‹redacted›']);

    // Security: neither the password, the client secret nor a token is in an answer, history or a data file.
    core.flush();
    const answers = JSON.stringify([signedIn, response, await value('cognito:sessions', {}), core.history.list()]);
    for (const secret of [PASSWORD, user.clientSecret ?? '', token]) {
      expect(answers).not.toContain(secret);
      for (const file of readAllFiles(temp.dir)) expect(file.bytes.includes(Buffer.from(secret)), file.path).toBe(false);
    }
    expect(calls).toEqual(['USER_PASSWORD_AUTH']);
  });

  it('a wrong password gets a clear message, and no session', async () => {
    const user = await cognito.createUser({ username: 'bob@example.test', password: PASSWORD });
    const input = await inputFor(user, 'bob@example.test', 'not-the-password');
    const result = await call('cognito:sign-in', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CREDENTIALS_INVALID');
    expect(result.error.message).toMatch(/^Not signed in: wrong user name or password/);
    expect((await value('cognito:status', input)).session).toBeNull();
    const failure = await core.drafts.send({ requestId: 'c2', ...input }).catch((e: unknown) => e);
    expect(isShomeiError(failure) && failure.message).toMatch(/^Not sent: not signed in to this Cognito user pool/);
  });

  it('renews with REFRESH_TOKEN_AUTH before the tokens expire, then sends; a failed renewal is "Not sent: …"', async () => {
    const user = await cognito.createUser({ username: 'carol@example.test', password: PASSWORD });
    const input = await inputFor(user, 'carol@example.test', PASSWORD);
    const tokens = await idTokenCheck(user.userPoolId);
    const signedIn = await value('cognito:sign-in', input);
    if (signedIn.status !== 'signed-in') throw new Error('no session');
    // A minute before the tokens expire: inside the renew-before window.
    clockOffsetMs = new Date(signedIn.session.expiresAt).getTime() - Date.now() - 60_000;
    const renewed = await core.drafts.send({ requestId: 'c3', ...input });
    expect(renewed.status).toBe(200);
    expect(calls).toEqual(['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH']);
    expect(tokens).toHaveLength(1);

    // Expired: renewed before the send, and the window is told ("token expired, renewing…") first.
    const renewedAt = await value('cognito:status', input);
    clockOffsetMs = new Date(renewedAt.session?.expiresAt ?? 0).getTime() - Date.now() + 1_000;
    const phases: string[] = [];
    const afterExpiry = await core.drafts.send({ requestId: 'c3b', ...input }, (p) => phases.push(p.phase));
    expect(afterExpiry.status).toBe(200);
    expect(phases[0]).toBe('renewing-token');
    expect(calls).toEqual(['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH']);

    // The user is gone and the tokens have expired: the renewal fails, the send is refused and nothing reaches the API.
    const status = await value('cognito:status', input);
    clockOffsetMs = new Date(status.session?.expiresAt ?? 0).getTime() - Date.now() + 1_000;
    await cognito.client.send(new AdminDeleteUserCommand({ UserPoolId: user.userPoolId, Username: 'carol@example.test' }));
    const seen = api.seen.length;
    const failure = await core.drafts.send({ requestId: 'c4', ...input }).catch((e: unknown) => e);
    expect(isShomeiError(failure) && failure.code).toBe('CREDENTIALS_EXPIRED');
    expect(isShomeiError(failure) && failure.message).toMatch(
      /^Not sent: the Cognito session of carol@example\.test could not be renewed \(.+\)\. Sign in again in the Auth tab\.$/,
    );
    expect(api.seen.length).toBe(seen);
    expect((await value('cognito:status', input)).session).toBeNull();
  });

  it('SOFTWARE_TOKEN_MFA: the window is asked for the code and main answers with RespondToAuthChallenge; a wrong code is refused', async () => {
    const user = await cognito.createUser({ username: 'dave@example.test', password: PASSWORD });
    const secret = await cognito.enableTotp(user.userPoolId, user.clientId, 'dave@example.test', PASSWORD);
    const input = await inputFor(user, 'dave@example.test', PASSWORD);
    const wrong = await value('cognito:sign-in', input);
    if (wrong.status !== 'challenge') throw new Error('no challenge');
    expect(wrong.challenge.challenge).toBe('SOFTWARE_TOKEN_MFA');
    const badCode = String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await call('cognito:answer', { challengeId: wrong.challenge.challengeId, code: badCode });
    expect(!refused.ok && refused.error.message).toMatch(/^Not signed in: the MFA code was not accepted/);

    const asked = await value('cognito:sign-in', input);
    if (asked.status !== 'challenge') throw new Error('no challenge');
    const answered = await value('cognito:answer', { challengeId: asked.challenge.challengeId, code: totp(secret) });
    expect(answered.status).toBe('signed-in');
    await idTokenCheck(user.userPoolId);
    expect((await core.drafts.send({ requestId: 'c5', ...input })).status).toBe(200);
    expect(calls).toContain('SOFTWARE_TOKEN_MFA');
  });

  it('NEW_PASSWORD_REQUIRED: asks for a new password, and signs in with it', async () => {
    const user = await cognito.createUser({ username: 'erin@example.test', password: PASSWORD });
    await cognito.client.send(
      new AdminCreateUserCommand({
        UserPoolId: user.userPoolId,
        Username: 'frank@example.test',
        TemporaryPassword: 'Temp0rary!pass',
        MessageAction: 'SUPPRESS',
      }),
    );
    const input = await inputFor(user, 'frank@example.test', 'Temp0rary!pass');
    const asked = await value('cognito:sign-in', input);
    if (asked.status !== 'challenge') throw new Error('no challenge');
    expect(asked.challenge.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await value('cognito:answer', {
      challengeId: asked.challenge.challengeId,
      newPassword: 'N3w!password-frank',
    });
    expect(answered.status).toBe('signed-in');
  });

  it('attacker: an untrusted collection cannot make main sign in (the password would go to its endpoint)', async () => {
    const user = await cognito.createUser({ username: 'gina@example.test', password: PASSWORD });
    const input = await inputFor(user, 'gina@example.test', PASSWORD, false);
    const result = await call('cognito:sign-in', input);
    expect(!result.ok && result.error.code).toBe('UNTRUSTED');
    expect(calls).toEqual([]);
  });
});

describe('USER_SRP_AUTH and SMS_MFA against a loopback user pool that only speaks SRP (cognito-local has no SRP)', () => {
  let srp: SrpCognitoServer;
  beforeAll(async () => {
    srp = await startSrpCognitoServer({ 'hana@example.test': PASSWORD });
  });
  afterAll(() => srp?.close());

  const srpInput = (passwordId: string) => {
    const collection = core.collections.addCollection(
      CollectionSchema.parse({
        id: `c${Math.random().toString(36).slice(2, 10)}`,
        name: 'SRP API',
        settings: {},
        items: [
          {
            kind: 'request',
            id: 'r1',
            name: 'Call',
            method: 'GET',
            url: `${api.origin}/srp`,
            auth: {
              type: 'cognito-user-pool',
              endpoint: srp.endpoint,
              userPoolId: srp.userPoolId,
              clientId: srp.clientId,
              username: 'hana@example.test',
              passwordRef: { kind: 'vault', id: passwordId },
              flow: 'USER_SRP_AUTH',
              tokenUse: 'access',
              prefix: 'Bearer',
            },
          },
        ],
      }),
    );
    core.collections.trust(collection.id);
    const saved = collection.items[0];
    if (saved?.kind !== 'request') throw new Error('no request');
    const { kind: _k, id: _i, ...draft } = saved;
    return { request: draft as RequestDraft, savedRequestId: saved.id };
  };

  it('signs in with SRP (the region from the pool id), the password never on the wire, and sends the access token with the chosen prefix', async () => {
    srp.smsCode = undefined;
    await value('auth:store-secrets', { values: [{ id: 'auth_hanapass0001', value: PASSWORD }] });
    const input = srpInput('auth_hanapass0001');
    const signedIn = await value('cognito:sign-in', input);
    expect(signedIn).toMatchObject({ status: 'signed-in', session: { region: 'us-east-1', username: 'hana@example.test' } });
    expect(calls).toEqual(['USER_SRP_AUTH', 'PASSWORD_VERIFIER']);
    expect(srp.bodies.join('\n')).not.toContain(PASSWORD);
    api.checks.set('/srp', ({ headers }) => {
      const [prefix, token = ''] = (headers.authorization ?? '').split(' ');
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<string, unknown>;
      return prefix === 'Bearer' && claims.token_use === 'access' ? undefined : `got ${headers.authorization}`;
    });
    expect((await core.drafts.send({ requestId: 's1', ...input })).status).toBe(200);
  });

  it('a wrong password fails the SRP proof with a clear message', async () => {
    srp.smsCode = undefined;
    await value('auth:store-secrets', { values: [{ id: 'auth_hanawrong001', value: 'not-her-password' }] });
    const result = await call('cognito:sign-in', srpInput('auth_hanawrong001'));
    expect(!result.ok && result.error.message).toMatch(/^Not signed in: wrong user name or password/);
  });

  it('SMS_MFA: says where the code went, and signs in with it', async () => {
    srp.smsCode = '246810';
    await value('auth:store-secrets', { values: [{ id: 'auth_hanapass0002', value: PASSWORD }] });
    const asked = await value('cognito:sign-in', srpInput('auth_hanapass0002'));
    if (asked.status !== 'challenge') throw new Error('no challenge');
    expect(asked.challenge).toMatchObject({ challenge: 'SMS_MFA', destination: '+*******0123' });
    const answered = await value('cognito:answer', { challengeId: asked.challenge.challengeId, code: '246810' });
    expect(answered.status).toBe('signed-in');
    expect(calls).toEqual(['USER_SRP_AUTH', 'PASSWORD_VERIFIER', 'SMS_MFA']);
  });
});
