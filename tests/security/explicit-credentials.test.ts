import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestDraftInput } from '../../shared/contract/collections';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { makeTempDir } from '../support/temp-dir';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

// The machine has keys in its environment: today's code signed with them whenever nothing was chosen.
const ENV_KEYS = { accessKeyId: 'AKIAENVIRONMENT00001', secretAccessKey: 'environmentSecret/000000000000000000000' };
const PROFILE_KEYS = { accessKeyId: 'AKIAPROFILE000000001', secretAccessKey: 'profileSecret/000000000000000000000000' };

/** The Authorization header the server received. */
function authorizationOf(received: { rawHeaders: Array<[string, string]> } | undefined): string {
  return received?.rawHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
}

const context: CallContext = { emit: () => undefined };
let target: VerifyingServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;
let call: (
  channel: string,
  input: unknown,
) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

beforeAll(async () => {
  target = await startVerifyingServer([ENV_KEYS, PROFILE_KEYS]);
});
afterAll(async () => {
  await target.close();
});
beforeEach(() => {
  temp = makeTempDir('shomei-explicit-credentials-');
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: temp.dir,
    env: { AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey },
    secrets: createMemorySecretValueStore(),
  });
  const dispatcher = createDispatcher(createHandlers(core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as never;
  target.received.length = 0;
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

const signed = (credentialSource: Record<string, unknown> = { source: 'inherit' }): RequestDraftInput => ({
  name: 'Items',
  method: 'GET',
  url: `${target.origin}/prod/items`,
  auth: { type: 'aws-sigv4', credentialSource: credentialSource as never, region: 'us-east-1', service: 'execute-api' },
});

describe('credentials are used only where the user chose them', () => {
  it('empty typed keys send nothing, sign nothing, and say what to choose', async () => {
    const input = { request: signed(), usesTypedKeys: true };
    const sent = await call('request:send-draft', { requestId: 'typed-empty', ...input });
    expect(sent).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_MISSING' } });
    expect(sent.error?.message).toMatch(/Keys typed or pasted here.*empty.*credential profile/);
    expect(await call('request:presign-draft', input)).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_MISSING' },
    });
    expect(await call('request:inspect-draft', input)).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_MISSING' },
    });
    expect(await call('request:identity-draft', input)).toMatchObject({
      ok: true,
      value: { state: 'blocked', code: 'CREDENTIALS_MISSING' },
    });
    // Even when the app-wide default is on: the Auth tab chose typed keys, not the default.
    await call('trust:update-settings', { defaultCredentialSource: { source: 'default-chain' } });
    expect(await call('request:send-draft', { requestId: 'typed-empty-2', ...input })).toMatchObject({ ok: false });
    expect(target.received).toHaveLength(0);
  });

  it('a curl import (its --user dropped) inherits nothing and is refused, until the user turns on an app-wide default', async () => {
    const imported = await call('import:run', {
      text: `curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIASTOLEN0000000001:stolen" '${target.origin}/prod/items'`,
    });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    await call('trust:trust-collection', { collectionId });
    const collection = core.collections.getCollection(collectionId);
    const saved = collection.items[0];
    if (saved?.kind !== 'request') throw new Error('no request imported');
    const { kind: _kind, id, ...request } = saved;
    const refused = await call('request:send-draft', { requestId: 'curl-1', request, savedRequestId: id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_MISSING' } });
    expect(refused.error?.message).toMatch(/no credentials are chosen.*inherit.*app-wide default/);
    expect(target.received).toHaveLength(0);
    expect(await call('trust:settings', {})).toMatchObject({ ok: true, value: { defaultCredentialSource: null } });

    await call('trust:update-settings', { defaultCredentialSource: { source: 'env' } });
    const identity = await call('request:identity-draft', { request, savedRequestId: id });
    expect(identity).toMatchObject({
      ok: true,
      value: { state: 'ready', isAppDefault: true, source: 'environment variables', keyIdMasked: 'AKIA…0001' },
    });
    const sent = await call('request:send-draft', { requestId: 'curl-2', request, savedRequestId: id });
    expect(sent).toMatchObject({ ok: true, value: { status: 200 } });
    expect(target.received.at(-1)?.verdict).toMatchObject({ ok: true });
    expect(authorizationOf(target.received.at(-1))).toContain(ENV_KEYS.accessKeyId);
  });

  it('the identity line names the source, masked key, account and expiry main resolved, and never a secret', async () => {
    const expiration = new Date(Date.now() + 45 * 60_000).toISOString();
    const typed = {
      source: 'inline',
      accessKeyId: 'ASIATYPEDTEMPORARY01',
      secretAccessKey: 'typedSecret/00000000000000000000000000',
      sessionToken: 'typedSessionToken/0000000000000000000',
      expiration,
    };
    const line = await call('request:identity-draft', { request: signed(), credentials: typed });
    expect(line).toMatchObject({
      ok: true,
      value: {
        state: 'ready',
        source: 'keys typed here',
        keyIdMasked: 'ASIA…RY01',
        expiresAt: expiration,
        isAppDefault: false,
      },
    });
    // An AssumeRole profile: its account is known from the role before any key is fetched.
    const base = await core.credentials.save({ name: 'base', keys: PROFILE_KEYS });
    const role = await call('credentials:save', {
      name: 'deploy',
      assumeRole: { base: { source: 'profile', profileId: base.id }, roleArn: 'arn:aws:iam::111122223333:role/Deploy' },
    });
    const roleId = (role.value as { id: string }).id;
    const roleLine = await call('request:identity-draft', {
      request: signed({ source: 'profile', profileId: roleId }),
    });
    expect(roleLine).toMatchObject({
      ok: true,
      value: {
        state: 'ready',
        source: 'role arn:aws:iam::111122223333:role/Deploy (profile deploy)',
        accountId: '111122223333',
      },
    });
    const shown = JSON.stringify([line, roleLine]);
    for (const secret of [typed.secretAccessKey, typed.sessionToken, PROFILE_KEYS.secretAccessKey, typed.accessKeyId])
      expect(shown).not.toContain(secret);
    expect(target.received).toHaveLength(0);
  });

  it("a Shomei file's profileId is matched by id only, never against a profile's name", async () => {
    const local = await core.credentials.save({ name: 'team-dev', keys: PROFILE_KEYS });
    const file = {
      format: 'shomei.collection',
      formatVersion: 1,
      collection: {
        id: 'shared',
        name: 'Shared',
        items: [
          {
            kind: 'request',
            id: 'r',
            name: 'Items',
            method: 'GET',
            url: `${target.origin}/prod/items`,
            auth: signed({ source: 'profile', profileId: 'team-dev' }).auth,
          },
        ],
      },
    };
    const imported = await call('import:run', { text: JSON.stringify(file) });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    await call('trust:trust-collection', { collectionId });
    const saved = core.collections.getCollection(collectionId).items[0];
    if (saved?.kind !== 'request') throw new Error('no request imported');
    const { kind: _kind, id, ...request } = saved;
    const refused = await call('request:send-draft', { requestId: 'named', request, savedRequestId: id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_MISSING' } });
    expect(target.received).toHaveLength(0);
    // By its id, the same profile signs.
    const byId = { ...request, auth: signed({ source: 'profile', profileId: local.id }).auth };
    expect(await call('request:identity-draft', { request: byId })).toMatchObject({
      ok: true,
      value: { state: 'ready', source: 'saved profile team-dev', keyIdMasked: 'AKIA…0001', isAppDefault: false },
    });
    expect(await call('request:send-draft', { requestId: 'by-id', request: byId })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    expect(authorizationOf(target.received.at(-1))).toContain(PROFILE_KEYS.accessKeyId);
  });
});
