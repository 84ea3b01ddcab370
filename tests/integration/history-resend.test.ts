import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { makeTempDir, readAllFiles } from '../support/temp-dir';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

// History reproduces the send: the source that signed (by reference) and the send options are
// recorded, so reopening an entry from history and sending it again is the same send — even when
// the identity came from a folder the reopened draft no longer belongs to.

const FOLDER_KEYS = {
  accessKeyId: 'AKIAHISTORYFOLDER001',
  secretAccessKey: 'historyFolderSecret/000000000000000000000',
};
const TYPED_KEYS = {
  accessKeyId: 'AKIAHISTORYTYPED0001',
  secretAccessKey: 'historyTypedSecret/0000000000000000000000',
};

let target: VerifyingServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;
beforeAll(async () => {
  target = await startVerifyingServer([FOLDER_KEYS, TYPED_KEYS]);
  // Answered with a redirect: whether it is followed shows which options the send went with.
  target.routes.set('/prod/moved', (_req, res) => {
    res.writeHead(302, { location: '/prod/landing' });
    res.end();
  });
});
afterAll(async () => {
  await target.close();
});
beforeEach(() => {
  temp = makeTempDir('shomei-history-resend-');
  core = createCore({ host: 'test', version: 'test', dataDir: temp.dir, env: {} });
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

const authorizationOf = (index: number) =>
  target.received[index]?.rawHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';

describe('re-sending from history', () => {
  it('uses the identity that signed (inherited from the collection) and the options it went with', async () => {
    const profile = await core.credentials.save({ name: 'folder keys', keys: FOLDER_KEYS });
    const collection = core.collections.createCollection({
      name: 'Signed',
      settings: {
        auth: {
          type: 'aws-sigv4',
          credentialSource: { source: 'profile', profileId: profile.id },
          region: 'us-east-1',
          service: 'execute-api',
          isQuerySigned: false,
          expiresInSeconds: 900,
        },
      },
    });
    const saved = core.collections.createRequest({
      collectionId: collection.id,
      request: {
        name: 'moved',
        method: 'GET',
        url: `${target.origin}/prod/moved`,
        auth: { type: 'aws-sigv4', region: 'us-east-1', service: 'execute-api', expiresInSeconds: 120 },
      },
    });
    const { kind: _kind, id: _id, ...draft } = saved;
    const options = { isFollowingRedirects: false, timeoutMs: 4321 };
    const first = await core.drafts.send({ requestId: 'first', request: draft, savedRequestId: saved.id, options });
    expect(first.status).toBe(302);

    const [entry] = core.history.list();
    expect(entry?.request.auth).toMatchObject({
      credentialSource: { source: 'profile', profileId: profile.id },
      expiresInSeconds: 120,
    });
    expect(entry?.request.options).toMatchObject(options);

    // Reopened from history, the draft belongs to no collection: what it records must be enough.
    const reopened = core.history.reopen(entry!.id);
    expect(reopened.auth).toMatchObject({
      type: 'aws-sigv4',
      credentialSource: { source: 'profile', profileId: profile.id },
    });
    const before = target.received.length;
    const again = await core.drafts.send({ requestId: 'again', request: reopened, options: reopened.options });
    expect(again.status).toBe(302);
    expect(target.received).toHaveLength(before + 1);
    expect(target.received[before]?.verdict.reason).toBe('verified');
    expect(authorizationOf(before)).toContain(`Credential=${FOLDER_KEYS.accessKeyId}/`);
  });

  it('records typed keys by their masked key id only, and never the keys', async () => {
    const draft = RequestDraftSchema.parse({
      name: 'typed',
      method: 'GET',
      url: `${target.origin}/prod/typed`,
      auth: { type: 'aws-sigv4', region: 'us-east-1', service: 'execute-api' },
    });
    const response = await core.drafts.send({
      requestId: 'typed',
      request: draft,
      credentials: { source: 'inline', ...TYPED_KEYS },
      usesTypedKeys: true,
    });
    expect(response.status).toBe(200);
    const [entry] = core.history.list();
    expect(entry?.request.auth).toMatchObject({ credentialSource: { source: 'typed', keyIdMasked: 'AKIA…0001' } });
    core.flush();
    for (const file of readAllFiles(temp.dir)) {
      expect(file.bytes.includes(Buffer.from(TYPED_KEYS.secretAccessKey)), file.path).toBe(false);
      expect(file.bytes.includes(Buffer.from(TYPED_KEYS.accessKeyId)), file.path).toBe(false);
    }
    // Reopened, it asks for the keys again rather than signing with something else.
    const reopened = core.history.reopen(entry!.id);
    await expect(
      core.drafts.send({ requestId: 'typed-again', request: reopened, usesTypedKeys: true }),
    ).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING' });
  });
});

describe('the history store schema', () => {
  it('migrates a version 1 history: entries keep what they had and get the signing settings version 1 reopened them with', async () => {
    await core.close();
    cpSync(resolve(import.meta.dirname, '../fixtures/history-v1'), temp.dir, { recursive: true });
    core = createCore({ host: 'test', version: 'test', dataDir: temp.dir, env: {} });
    const entries = core.history.list();
    expect(entries.map((e) => e.request.url)).toEqual([
      'https://plain.example.test/hook',
      'https://api.example.test/prod/items?limit=5',
    ]);
    expect(entries[1]?.request.auth).toEqual({
      type: 'aws-sigv4',
      credentialSource: { source: 'profile', profileId: 'profile-from-v1' },
      region: 'eu-west-1',
      service: 'execute-api',
      isQuerySigned: false,
      expiresInSeconds: 900,
      isSessionTokenSigned: true,
    });
    expect(entries[1]?.request.options).toBeUndefined();
    expect(core.history.reopen(entries[1]!.id)).toMatchObject({
      method: 'GET',
      headers: [{ name: 'X-Trace', value: 'v1' }],
      auth: { credentialSource: { source: 'profile', profileId: 'profile-from-v1' }, expiresInSeconds: 900 },
    });

    // The next write stores version 2 with every old entry.
    core.history.setRetention(400);
    core.flush();
    const written = JSON.parse(readFileSync(join(temp.dir, 'history.json'), 'utf8')) as {
      schemaVersion: number;
      data: { entries: unknown[] };
    };
    expect(written.schemaVersion).toBe(2);
    expect(written.data.entries).toHaveLength(2);
  });
});
