import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { makeTempDir } from '../support/temp-dir';
import { openCoreWithEnvKeys } from '../support/test-core';
import { startAttacker, type Attacker } from '../support/attacker-server';

// "Signed for one host, sent to another": even a trusted collection, or the user's own request,
// asks once before a signature goes anywhere but the host it was signed for.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0002', secretAccessKey: 'userSecret/1111111111111111111111111111' };

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };
const context: CallContext = { emit: () => undefined };
let attacker: Attacker;
let other: Attacker;
let home: ReturnType<typeof makeTempDir>;
let core: Core;
let call: (channel: string, input: unknown) => Promise<Answer>;

const aws = (service: string) => ({
  type: 'aws-sigv4',
  credentialSource: { source: 'env' },
  region: 'us-east-1',
  service,
  isQuerySigned: false,
  expiresInSeconds: 900,
});

/** A shared collection the user trusted: one request per way a signature can be sent elsewhere. */
function sharedCollection(): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'shared',
      name: 'Shared',
      items: [
        {
          kind: 'request',
          id: 'sts',
          name: 'Who am I',
          method: 'GET',
          url: 'http://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
          auth: { ...aws('sts'), isQuerySigned: true, expiresInSeconds: 604_800 },
          options: { connectTo: `127.0.0.1:${attacker.port}` },
        },
        {
          kind: 'request',
          id: 'secret',
          name: 'Read a secret',
          method: 'POST',
          url: `${attacker.origin}/`,
          headers: [
            { name: 'Host', value: 'secretsmanager.us-east-1.amazonaws.com', isEnabled: true },
            { name: 'X-Amz-Target', value: 'secretsmanager.GetSecretValue', isEnabled: true },
          ],
          body: { kind: 'text', language: 'json', text: '{"SecretId":"prod/db"}' },
          auth: aws('secretsmanager'),
        },
      ],
    },
  });
}

beforeAll(async () => {
  attacker = await startAttacker();
  other = await startAttacker();
});
afterAll(async () => {
  await attacker.close();
  await other.close();
});
beforeEach(() => {
  home = makeTempDir('shomei-redirected-signing-');
  core = openCoreWithEnvKeys(join(home.dir, 'data'), USER_KEYS, home.dir);
  call = (channel, input) => createDispatcher(createHandlers(core)).dispatch(channel, input, context) as Promise<Answer>;
  attacker.received.length = 0;
  other.received.length = 0;
});
afterEach(async () => {
  await core.close();
  home.remove();
});

async function importTrusted(): Promise<string> {
  const imported = await call('import:run', { text: sharedCollection() });
  const { collectionId } = imported.value as { collectionId: string };
  expect(await call('trust:trust-collection', { collectionId })).toMatchObject({ ok: true });
  return collectionId;
}

/** A saved request of the collection (by name: importing gives new ids), as the editor sends it. */
function savedInput(collectionId: string, name: string) {
  const item = core.collections.getCollection(collectionId).items.find((i) => i.name === name);
  if (item?.kind !== 'request') throw new Error(`no request ${name}`);
  const { kind: _kind, id, ...request } = item;
  return { request, savedRequestId: id, ...(item.options ? { options: item.options } : {}) };
}

/** The pair a refusal asked about, as the prompt's "Send anyway" confirms it. */
function pairOf(answer: Answer): { signedFor: string; sentTo: string } {
  const { signedFor, sentTo } = answer.error?.details as { signedFor: string; sentTo: string };
  return { signedFor, sentTo };
}

let sends = 0;
const send = (input: object) => call('request:send-draft', { requestId: `s${(sends += 1)}`, ...input });

describe('signed for one host, sent to another', () => {
  it('a trusted collection’s connect-to and Host header are refused with both hosts named, and nothing reaches the attacker', async () => {
    const collectionId = await importTrusted();
    const sts = await send(savedInput(collectionId, 'Who am I'));
    expect(sts).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: {
          confirm: 'destination',
          signedFor: 'sts.amazonaws.com',
          sentTo: `127.0.0.1:${attacker.port}`,
          canConfirm: true,
        },
      },
    });
    expect(sts.error?.message).toContain(`signed for sts.amazonaws.com, but it would be sent to 127.0.0.1:${attacker.port}`);
    const secret = await send(savedInput(collectionId, 'Read a secret'));
    expect(secret).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: { signedFor: 'secretsmanager.us-east-1.amazonaws.com', sentTo: `127.0.0.1:${attacker.port}`, reasons: ['a Host header'] },
      },
    });
    expect(attacker.received).toHaveLength(0);
    // The refusal is in history like any other, and holds no signature.
    expect(JSON.stringify([sts, secret, core.history.list()])).not.toMatch(/X-Amz-Signature|Signature=/);
  });

  it('asks once per request: after Send anyway it sends, again without asking; another destination asks again', async () => {
    const collectionId = await importTrusted();
    const input = savedInput(collectionId, 'Read a secret');
    const { savedRequestId } = input;
    const asked = await send(input);
    const pair = pairOf(asked);
    // A consent for a pair main never asked about is refused: the window cannot make one up.
    expect(
      await call('trust:confirm-destination', { savedRequestId, signedFor: pair.signedFor, sentTo: 'evil.example:443' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const confirmed = await call('trust:confirm-destination', { savedRequestId, ...pair });
    expect(confirmed, JSON.stringify(confirmed)).toMatchObject({ ok: true });
    expect(await send(input)).toMatchObject({ ok: true, value: { status: 200 } });
    expect(await send(input)).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received).toHaveLength(2);
    expect(attacker.received[0]?.host).toBe('secretsmanager.us-east-1.amazonaws.com');

    // The same request pointed at another listener: a new destination, a new question.
    const moved = { ...input, request: { ...input.request, url: `${other.origin}/` } };
    expect(await send(moved)).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_NEEDED', details: { sentTo: `127.0.0.1:${other.port}` } },
    });
    expect(other.received).toHaveLength(0);
    // Another request is asked for its own, even to the confirmed destination.
    expect(await send({ ...input, savedRequestId: undefined, tabId: 'tab-2' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_NEEDED' },
    });
  });

  it('the answer for a saved request survives a restart; a tab’s answer is the tab’s alone', async () => {
    const collectionId = await importTrusted();
    const input = savedInput(collectionId, 'Who am I');
    const pair = pairOf(await send(input));
    await call('trust:confirm-destination', { savedRequestId: input.savedRequestId, ...pair });
    await core.close();
    core = openCoreWithEnvKeys(join(home.dir, 'data'), USER_KEYS, home.dir);
    call = (channel, body) => createDispatcher(createHandlers(core)).dispatch(channel, body, context) as Promise<Answer>;
    expect(await send(input)).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received.at(-1)?.target).toMatch(/X-Amz-Signature=/);

    // The user's own unsaved request in a tab, with a Host header: asked, confirmed for that tab only.
    const own = {
      request: {
        name: 'Mine',
        method: 'GET',
        url: `${other.origin}/mine`,
        headers: [{ name: 'Host', value: 'execute-api.us-east-1.amazonaws.com', isEnabled: true }],
        auth: aws('execute-api'),
      },
    };
    const ownPair = pairOf(await send({ ...own, tabId: 'tab-1' }));
    expect(ownPair).toMatchObject({ signedFor: 'execute-api.us-east-1.amazonaws.com', sentTo: `127.0.0.1:${other.port}` });
    await call('trust:confirm-destination', { tabId: 'tab-1', ...ownPair });
    expect(await send({ ...own, tabId: 'tab-1' })).toMatchObject({ ok: true });
    expect(await send({ ...own, tabId: 'tab-9' })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED' } });
    // Without a tab or a saved request there is nothing to remember an answer for: it cannot be confirmed.
    expect(await send(own)).toMatchObject({ ok: false, error: { details: { canConfirm: false } } });
    expect(other.received).toHaveLength(1);
  });

  it('an unsaved tab’s answer goes with the request it is saved as, across a restart, and with nothing else', async () => {
    const own = {
      name: 'Mine',
      method: 'GET',
      url: `${other.origin}/mine`,
      headers: [{ name: 'Host', value: 'execute-api.us-east-1.amazonaws.com', isEnabled: true }],
      auth: aws('execute-api'),
    };
    const pair = pairOf(await send({ request: own, tabId: 'tab-1' }));
    await call('trust:confirm-destination', { tabId: 'tab-1', ...pair });
    const { id: collectionId } = core.collections.createCollection({ name: 'Mine' });
    const saved = await call('collections:save-request', { request: own, placement: { collectionId }, tabId: 'tab-1' });
    const { id: savedRequestId } = saved.value as { id: string };
    // Another tab saved as another request takes no answer it was not given.
    const elsewhere = await call('collections:save-request', { request: own, placement: { collectionId }, tabId: 'tab-2' });
    const { id: otherRequestId } = elsewhere.value as { id: string };
    await core.close();
    core = openCoreWithEnvKeys(join(home.dir, 'data'), USER_KEYS, home.dir);
    call = (channel, body) => createDispatcher(createHandlers(core)).dispatch(channel, body, context) as Promise<Answer>;
    expect(await send({ request: own, savedRequestId })).toMatchObject({ ok: true, value: { status: 200 } });
    expect(await send({ request: own, savedRequestId: otherRequestId })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_NEEDED' },
    });
    // The tab gave its answer away: it is asked again, and nothing went to the listener but the one send.
    expect(await send({ request: own, tabId: 'tab-1' })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_NEEDED' } });
    expect(other.received).toHaveLength(1);
  });

  it('a presigned URL is not signed for a Host header’s host while it points at another: it would deliver the signature there', async () => {
    const request = {
      name: 'Assume',
      method: 'GET',
      url: `${attacker.origin}/?Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/Admin`,
      headers: [{ name: 'Host', value: 'sts.amazonaws.com', isEnabled: true }],
      auth: { ...aws('sts'), isQuerySigned: true, expiresInSeconds: 604_800 },
    };
    const refused = await call('request:presign-draft', { request });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.error?.message).toBe(
      `Not signed: a presigned URL would be signed for sts.amazonaws.com (the Host header) but point at 127.0.0.1:${attacker.port}, so whoever opens it hands that signature to 127.0.0.1:${attacker.port}. Put sts.amazonaws.com in the URL, or remove the Host header.`,
    );
    // The same URL without the Host header is signed for the host it points at.
    const own = await call('request:presign-draft', { request: { ...request, headers: [] } });
    expect(own).toMatchObject({ ok: true });
    expect(new URL((own.value as { url: string }).url).host).toBe(`127.0.0.1:${attacker.port}`);
  });

  it('plain http:// to an AWS endpoint asks; a proxy asks; an ordinary signed request does not', async () => {
    const plain = {
      request: { name: 'Plain', method: 'GET', url: 'http://sts.amazonaws.com/', auth: aws('sts') },
      tabId: 'tab-plain',
    };
    expect(await send(plain)).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_NEEDED', details: { sentTo: 'sts.amazonaws.com over plain http:// (unencrypted)' } },
    });
    const proxied = {
      request: { name: 'Proxied', method: 'GET', url: `${other.origin}/p`, auth: aws('execute-api') },
      options: { proxyUrl: attacker.origin.replace('http://', 'http://team:pr0xyPassw0rd@') },
      tabId: 'tab-proxy',
    };
    const asked = await send(proxied);
    // The proxy is named without its password: the ask is shown in the window and kept in a file.
    expect(asked).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_NEEDED',
        details: { signedFor: `127.0.0.1:${other.port}`, sentTo: `127.0.0.1:${other.port} through the proxy ${attacker.origin}` },
      },
    });
    expect(JSON.stringify(asked)).not.toContain('pr0xyPassw0rd');
    expect(attacker.received).toHaveLength(0);
    expect(await call('trust:confirm-destination', { tabId: 'tab-proxy', ...pairOf(asked) })).toMatchObject({ ok: true });
    // Saved, the tab's answer goes to the file with the request: still without the password.
    await call('collections:save-request', { request: proxied.request, tabId: 'tab-proxy' });
    const kept = JSON.stringify(core.destinations.document.read());
    expect(kept).toContain(`through the proxy ${attacker.origin}`);
    expect(kept).not.toContain('pr0xyPassw0rd');
    const direct = { request: { name: 'Direct', method: 'GET', url: `${other.origin}/ok`, auth: aws('execute-api') } };
    expect(await send(direct)).toMatchObject({ ok: true, value: { status: 200 } });
  });

  it('a run never waits: the request fails with the reason, unless confirmed from the editor or run with the opt-in', async () => {
    const collectionId = await importTrusted();
    const refused = await core.runner.run({ collectionId }).done;
    expect(refused.requests).toMatchObject({ sent: 0, failed: 2 });
    expect(refused.results.map((r) => r.error?.message)).toEqual([
      expect.stringContaining('A run does not ask'),
      expect.stringContaining('--allow-redirected-signing'),
    ]);
    expect(attacker.received).toHaveLength(0);

    // Confirmed once from the editor: the Runner sends that request, and only that one.
    const sts = savedInput(collectionId, 'Who am I');
    const pair = pairOf(await send(sts));
    await call('trust:confirm-destination', { savedRequestId: sts.savedRequestId, ...pair });
    const partly = await core.runner.run({ collectionId }).done;
    expect(partly.requests).toMatchObject({ sent: 1, failed: 1 });

    const allowed = await core.runner.run({ collectionId, isRedirectedSigningAllowed: true }).done;
    expect(allowed.requests).toMatchObject({ sent: 2, failed: 0 });
    expect(attacker.received).toHaveLength(3);
  });
});
