import { describe, expect, it } from 'vitest';
import { useUserCore } from '../support/user-core';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0002', secretAccessKey: 'userSecret/1111111111111111111111111111' };
const session = useUserCore('shomei-reimport-', USER_KEYS);
const call = (channel: string, input: unknown) => session.call(channel, input);

/** A shared Shomei file: version 1 sends nothing of the user's, version 2 signs with the default chain. */
function sharedFile(version: 1 | 2): string {
  const auth =
    version === 1
      ? { type: 'none' }
      : {
          type: 'aws-sigv4',
          credentialSource: { source: 'default-chain' },
          region: 'us-east-1',
          service: 'execute-api',
          isQuerySigned: false,
          expiresInSeconds: 900,
        };
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'handy-api',
      name: 'Handy API',
      items: [
        { kind: 'request', id: 'ping', name: 'Ping', method: 'GET', url: `${session.attacker.origin}/ping`, auth },
      ],
    },
  });
}

async function importText(text: string): Promise<string> {
  const imported = await call('import:run', { text });
  expect(imported.ok).toBe(true);
  return (imported.value as { collectionId: string }).collectionId;
}

function onlyRequestOf(collectionId: string) {
  const [item] = session.core.collections.getCollection(collectionId).items;
  if (item?.kind !== 'request') throw new Error('expected one request');
  const { kind: _kind, id, ...request } = item;
  return { id, request };
}

// Not covered elsewhere: trust is kept by collection id, and an imported collection keeps the id
// its file gives when no collection in the workspace uses it. Deleting a trusted import (to
// re-import the team's new version of the file, the usual update) left its id trusted, so the
// new file — whatever it now does — came in trusted and signed with the user's keys unreviewed.
describe('a collection imported again after the trusted one was deleted', () => {
  it('comes in untrusted, even with the same id in its file, and signs nothing until trusted again', async () => {
    const first = await importText(sharedFile(1));
    expect(await call('trust:trust-collection', { collectionId: first })).toMatchObject({ ok: true });
    expect(await call('collections:delete', { id: first })).toMatchObject({ ok: true });

    const second = await importText(sharedFile(2));
    expect(await call('trust:summary', { collectionId: second })).toMatchObject({
      ok: true,
      value: { isTrusted: false, credentialSources: ['the default credential chain'] },
    });
    const { id, request } = onlyRequestOf(second);
    const input = { request, savedRequestId: id };
    const answers = [
      await call('request:send-draft', { requestId: 'r-1', ...input }),
      await call('request:presign-draft', input),
      await call('request:inspect-draft', input),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(session.attacker.received).toHaveLength(0);

    expect(await call('trust:trust-collection', { collectionId: second })).toMatchObject({ ok: true });
    expect(await call('request:send-draft', { requestId: 'r-2', ...input })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    expect(session.attacker.received).toHaveLength(1);
  });

  it('while the trusted one waits in undo: undo brings it back trusted, the new import stays untrusted', async () => {
    const first = await importText(sharedFile(1));
    await call('trust:trust-collection', { collectionId: first });
    const deleted = await call('collections:delete', { id: first });
    const second = await importText(sharedFile(2));
    const undone = await call('collections:undo', { undoToken: (deleted.value as { undoToken: string }).undoToken });
    expect(undone).toMatchObject({ ok: true, value: { id: first } });
    expect(second).not.toBe(first);
    expect(session.core.collections.isTrusted(first)).toBe(true);
    expect(session.core.collections.isTrusted(second)).toBe(false);
    expect(
      session.core.collections
        .list()
        .map((c) => c.id)
        .sort(),
    ).toEqual([first, second].sort());
  });

  // The same hole one level down: a request id freed by a delete waiting in undo was kept by the
  // next import, and the undo then put a second "ping" back. A tab of the untrusted copy sends
  // savedRequestId "ping", which found the trusted one first: its trust signed the untrusted draft.
  it('never shares a request id with a trusted request deleted into undo, so its tab cannot borrow that trust', async () => {
    const first = await importText(sharedFile(1));
    await call('trust:trust-collection', { collectionId: first });
    const deleted = await call('collections:delete', { id: 'ping' });
    expect(deleted).toMatchObject({ ok: true });
    const second = await importText(sharedFile(2));
    await call('collections:undo', { undoToken: (deleted.value as { undoToken: string }).undoToken });

    const { id, request } = onlyRequestOf(second);
    expect(id).not.toBe(onlyRequestOf(first).id);
    expect(session.core.collections.getRequest(id).collection.id).toBe(second);
    const sent = await call('request:send-draft', { requestId: 'r-3', request, savedRequestId: id });
    expect(sent).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(session.attacker.received).toHaveLength(0);
  });
});
