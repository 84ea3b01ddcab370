import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { makeTempDir } from '../support/temp-dir';
import { openCoreWithEnvKeys } from '../support/test-core';
import { startAttacker, type Attacker } from '../support/attacker-server';

// A shared environment file is as untrusted as a shared collection: imported, it must not point
// the user's own trusted, signed requests at another host.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0003', secretAccessKey: 'userSecret/2222222222222222222222222222' };

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };
const context: CallContext = { emit: () => undefined };
let api: Attacker;
let attacker: Attacker;
let home: ReturnType<typeof makeTempDir>;
let core: Core;
let call: (channel: string, input: unknown) => Promise<Answer>;

beforeAll(async () => {
  api = await startAttacker();
  attacker = await startAttacker();
});
afterAll(async () => {
  await api.close();
  await attacker.close();
});
beforeEach(() => {
  home = makeTempDir('shomei-untrusted-env-');
  core = openCoreWithEnvKeys(join(home.dir, 'data'), USER_KEYS, home.dir);
  const dispatcher = createDispatcher(createHandlers(core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  api.received.length = 0;
  attacker.received.length = 0;
});
afterEach(async () => {
  await core.close();
  home.remove();
});

/** The user's own collection: signs with their identity, `{{baseUrl}}` defaults to their API. */
function ownCollection() {
  const collection = core.collections.createCollection({
    name: 'Orders',
    settings: {
      auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'us-east-1', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 },
      variables: [
        { id: 'v-base', name: 'baseUrl', value: api.origin, isEnabled: true, isSecret: false },
        { id: 'v-api', name: 'apiUrl', value: '{{baseUrl}}/v1', isEnabled: true, isSecret: false },
      ],
    },
  });
  expect(core.collections.isTrusted(collection.id)).toBe(true);
  return collection;
}

const draft = (url: string, extra: object = {}) => ({
  name: 'List',
  method: 'POST',
  url,
  auth: { type: 'inherit' },
  body: { kind: 'text', language: 'json', text: '{"note":"{{note}}"}' },
  ...extra,
});

/** A shared Postman environment that points `{{baseUrl}}` at the attacker. */
async function importHostileEnvironment(): Promise<string> {
  const text = JSON.stringify({
    name: 'Staging (shared)',
    _postman_variable_scope: 'environment',
    values: [
      { key: 'baseUrl', value: attacker.origin, enabled: true },
      { key: 'note', value: 'from the shared file', enabled: true },
      { key: 'tenant', value: 'acme', enabled: true },
    ],
  });
  const imported = await call('import:run', { text });
  expect(imported).toMatchObject({ ok: true, value: { environmentNames: ['Staging (shared)'] } });
  const environment = core.environments.list().find((e) => e.name === 'Staging (shared)');
  if (!environment) throw new Error('not imported');
  await call('environments:set-active', { id: environment.id });
  return environment.id;
}

async function saveInto(collectionId: string, request: object): Promise<string> {
  const saved = await call('collections:save-request', { placement: { collectionId }, request });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  return (saved.value as { id: string }).id;
}

let sends = 0;
const send = (input: object) => call('request:send-draft', { requestId: `e${(sends += 1)}`, ...input });

describe('an imported environment, until the user trusts it', () => {
  it('cannot point a trusted collection’s signed request at another host, directly or through another variable', async () => {
    const collection = ownCollection();
    const environmentId = await importHostileEnvironment();
    expect(await call('trust:active-environment', {})).toMatchObject({
      ok: true,
      value: { environmentId, environmentName: 'Staging (shared)', variables: expect.arrayContaining([{ name: 'baseUrl', value: attacker.origin, isSecret: false }]) },
    });
    for (const url of ['{{baseUrl}}/orders', '{{apiUrl}}/orders']) {
      const savedRequestId = await saveInto(collection.id, draft(url));
      const answer = await send({ request: draft(url), savedRequestId });
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNTRUSTED', details: { environmentId } } });
      expect(answer.error?.message).toMatch(/environment "Staging \(shared\)" was imported and is not trusted yet.*\{\{baseUrl\}\} \(the URL\)/);
      // The inspector and a presigned URL sign nothing for it either.
      for (const channel of ['request:inspect-draft', 'request:presign-draft'])
        expect(await call(channel, { request: draft(url), savedRequestId })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    }
    // A header, a query parameter and an auth field are choices too.
    const header = draft(`${api.origin}/h`, { headers: [{ name: 'X-Tenant', value: '{{tenant}}', isEnabled: true }] });
    const param = draft(`${api.origin}/p`, { params: [{ name: 'tenant', value: '{{tenant}}', isEnabled: true }] });
    const region = draft(`${api.origin}/r`, {
      auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: '{{tenant}}', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 },
    });
    for (const request of [header, param, region])
      expect(await send({ request, savedRequestId: await saveInto(collection.id, request) })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    // The user's own draft (not saved) is held to the same rule.
    expect(await send({ request: { ...draft(`{{baseUrl}}/x`), auth: region.auth } })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(attacker.received).toHaveLength(0);
    expect(api.received).toHaveLength(0);
  });

  it('may still fill a body text; once trusted its values are used, and the Runner follows the same rule', async () => {
    const collection = ownCollection();
    const environmentId = await importHostileEnvironment();
    const own = draft(`${api.origin}/orders`);
    const savedRequestId = await saveInto(collection.id, own);
    expect(await send({ request: own, savedRequestId })).toMatchObject({ ok: true, value: { status: 200 } });
    expect(api.received.at(-1)?.body.toString('utf8')).toBe('{"note":"from the shared file"}');

    const pointed = draft('{{baseUrl}}/orders');
    await saveInto(collection.id, pointed);
    const run = await core.runner.run({ collectionId: collection.id }).done;
    expect(run.requests).toMatchObject({ sent: 1, failed: 1 });
    expect(run.results.find((r) => r.outcome === 'error')?.error?.code).toBe('UNTRUSTED');
    expect(attacker.received).toHaveLength(0);

    expect(await call('trust:trust-environment', { environmentId })).toMatchObject({ ok: true });
    expect(await call('trust:active-environment', {})).toMatchObject({ ok: true, value: null });
    expect(await send({ request: pointed })).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received).toHaveLength(1);
  });

  it('an environment made in the app is trusted, a copy of an untrusted one is not, and trust survives a restart', async () => {
    const made = await call('environments:create', { name: 'Mine', variables: [{ name: 'baseUrl', value: api.origin }] });
    expect(core.environments.isTrusted((made.value as { id: string }).id)).toBe(true);
    const environmentId = await importHostileEnvironment();
    const copy = await core.environments.duplicate({ id: environmentId });
    expect(core.environments.isTrusted(copy.id)).toBe(false);
    await call('trust:trust-environment', { environmentId });
    await core.close();
    core = openCoreWithEnvKeys(join(home.dir, 'data'), USER_KEYS, home.dir);
    expect(core.environments.isTrusted(environmentId)).toBe(true);
    expect(core.environments.isTrusted(copy.id)).toBe(false);
  });
});
