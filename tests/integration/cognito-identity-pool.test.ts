import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/channels';
import { CollectionSchema, type RequestDraft } from '../../shared/contract/collections';
import type { SavedAuthSchema } from '../../shared/contract/auth';
import type { z } from 'zod';
import { isShomeiError } from '../../shared/errors';
import { startCognitoIdentityServer, issuedKeys, type CognitoIdentityServer } from '../support/cognito-identity-server';
import { poolTokenCheck, startCognitoLocal, type CognitoLocal } from '../support/cognito-local';
import { makeTempDir, readAllFiles } from '../support/temp-dir';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const PASSWORD = 'Id3ntity!pool-password';
const KEYS = issuedKeys(3);

let cognito: CognitoLocal;
let identity: CognitoIdentityServer;
let verifier: VerifyingServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;

beforeAll(async () => {
  [cognito, identity, verifier] = await Promise.all([
    startCognitoLocal(),
    startCognitoIdentityServer(KEYS),
    startVerifyingServer(KEYS),
  ]);
});
afterAll(async () => {
  await Promise.all([cognito?.stop(), identity?.close(), verifier?.close()]);
});
beforeEach(() => {
  temp = makeTempDir('shomei-cognito-identity-');
  core = createCore({ host: 'test', version: '0.0.0-test', dataDir: temp.dir, env: {} });
  identity.calls.length = 0;
  identity.check = () => undefined;
  identity.lifetimeSeconds = 3600;
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

async function value<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await createDispatcher(createHandlers(core)).dispatch(channel, input, { emit: () => undefined });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as ChannelOutput<K>;
}

/** A trusted collection holding one request with `auth`. */
function saved(auth: z.input<typeof SavedAuthSchema>, url: string) {
  const collection = core.collections.addCollection(
    CollectionSchema.parse({
      id: `c${Math.random().toString(36).slice(2, 10)}`,
      name: 'Identity pool API',
      items: [{ kind: 'request', id: 'r1', name: 'Call', method: 'GET', url, auth }],
    }),
  );
  core.collections.trust(collection.id);
  const item = collection.items[0];
  if (item?.kind !== 'request') throw new Error('no request');
  const { kind: _k, id: _i, ...draft } = item;
  return { request: draft as RequestDraft, savedRequestId: item.id };
}

const signedWith = (profileId: string) =>
  saved(
    { type: 'aws-sigv4', credentialSource: { source: 'profile', profileId }, region: 'us-east-1', service: 'execute-api' },
    `${verifier.origin}/pets`,
  );

/** Signs in to cognito-local as a new user through the Auth tab's channel; returns the login a profile names. */
async function signedInUser(username: string) {
  const user = await cognito.createUser({ username, password: PASSWORD });
  await value('auth:store-secrets', { values: [{ id: 'auth_identitypw001', value: PASSWORD }] });
  const input = saved(
    {
      type: 'cognito-user-pool',
      region: cognito.region,
      endpoint: cognito.endpoint,
      userPoolId: user.userPoolId,
      clientId: user.clientId,
      username,
      passwordRef: { kind: 'vault', id: 'auth_identitypw001' },
    },
    `${verifier.origin}/unused`,
  );
  const signedIn = await value('cognito:sign-in', input);
  if (signedIn.status !== 'signed-in') throw new Error('not signed in');
  return {
    user,
    login: { region: cognito.region, userPoolId: user.userPoolId, clientId: user.clientId, username, endpoint: cognito.endpoint },
  };
}

describe('Cognito identity pool as a SigV4 credential source', () => {
  it('with a user pool login: the Logins map holds the ID token of the chosen sign-in, and the keys it returns sign a request aws4 accepts', async () => {
    const { user, login } = await signedInUser('ivy@example.test');
    const check = await poolTokenCheck(cognito, user.userPoolId, 'id', user.clientId);
    const provider = `cognito-idp.us-east-1.amazonaws.com/${user.userPoolId}`;
    // The pool checks the login as Cognito does: one provider, its ID token signed by the user pool, for the app client.
    identity.check = (logins) => {
      const names = Object.keys(logins ?? {});
      if (names.length !== 1 || names[0] !== provider) return `Logins ${names.join(',')}`;
      const problem = check(logins?.[provider] ?? '');
      return problem === undefined ? undefined : `Invalid login token: ${problem}`;
    };
    const profile = await value('credentials:save', {
      name: 'guests-of-ivy',
      cognitoIdentity: { identityPoolId: identity.identityPoolId, endpoint: identity.endpoint, login },
    });
    expect(profile.kind).toBe('cognito-identity');

    const response = await core.drafts.send({ requestId: 'i1', ...signedWith(profile.id) });
    expect(response.status).toBe(200);
    expect(verifier.received.at(-1)?.verdict).toMatchObject({ ok: true });
    expect(identity.calls.map((c) => c.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);

    // Temporary keys with a countdown, like any other source: the summary has the masked key and the expiry, no secret.
    const [listed] = (await value('credentials:list', {})).profiles;
    expect(listed).toMatchObject({ kind: 'cognito-identity', hasSessionToken: true, keyIdMasked: expect.stringMatching(/^ASIA/) });
    expect(new Date(listed?.expiration ?? 0).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    // Cached and reused while fresh.
    await core.drafts.send({ requestId: 'i2', ...signedWith(profile.id) });
    expect(identity.calls).toHaveLength(2);

    core.flush();
    const idToken = identity.calls[0]?.logins?.[provider] ?? '';
    const issued = KEYS.find((k) => k.accessKeyId === verifier.received.at(-1)?.rawHeaders.find(([n]) => n === 'authorization')?.[1]?.match(/Credential=(\w+)/)?.[1]);
    expect(issued).toBeDefined();
    expect(idToken).not.toBe('');
    for (const secret of [idToken, issued?.secretAccessKey ?? 'x', issued?.sessionToken ?? 'x', PASSWORD]) {
      expect(JSON.stringify([response, listed, core.history.list()])).not.toContain(secret);
      for (const file of readAllFiles(temp.dir)) expect(file.bytes.includes(Buffer.from(secret)), file.path).toBe(false);
    }
  });

  it('unauthenticated: GetId with no Logins; keys that have under five minutes left are got again, as assumed roles are', async () => {
    identity.check = (logins) => (logins === undefined ? undefined : 'expected no Logins');
    identity.lifetimeSeconds = 240;
    const profile = await value('credentials:save', {
      name: 'guests',
      cognitoIdentity: { identityPoolId: identity.identityPoolId, endpoint: identity.endpoint },
    });
    expect((await core.drafts.send({ requestId: 'u1', ...signedWith(profile.id) })).status).toBe(200);
    expect((await core.drafts.send({ requestId: 'u2', ...signedWith(profile.id) })).status).toBe(200);
    expect(verifier.received.slice(-2).every((r) => r.verdict.ok)).toBe(true);
    expect(identity.calls.map((c) => c.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);
  });

  it('a login whose sign-in is not there is refused before any call; a pool that refuses the login says why', async () => {
    const profile = await value('credentials:save', {
      name: 'nobody',
      cognitoIdentity: {
        identityPoolId: identity.identityPoolId,
        endpoint: identity.endpoint,
        login: { region: 'us-east-1', userPoolId: 'us-east-1_NoSignIn', clientId: 'client', username: 'nobody' },
      },
    });
    const failure = await core.drafts.send({ requestId: 'n1', ...signedWith(profile.id) }).catch((e: unknown) => e);
    expect(isShomeiError(failure) && failure.message).toMatch(/not signed in to this Cognito user pool/);
    expect(identity.calls).toEqual([]);

    // Attacker: the pool trusts another provider; the login is refused and nothing is signed.
    const { login } = await signedInUser('jack@example.test');
    identity.check = () => 'Invalid login token. Issuer doesn’t match providerName';
    const other = await value('credentials:save', {
      name: 'jack',
      cognitoIdentity: { identityPoolId: identity.identityPoolId, endpoint: identity.endpoint, login },
    });
    const seen = verifier.received.length;
    const refused = await core.drafts.send({ requestId: 'n2', ...signedWith(other.id) }).catch((e: unknown) => e);
    expect(isShomeiError(refused) && refused.message).toMatch(
      /^Not sent: the Cognito identity pool us-east-1:[0-9a-f-]+ gave no credentials \(NotAuthorizedException: Invalid login token/,
    );
    expect(verifier.received.length).toBe(seen);
  });
});
