import { describe, expect, it } from 'vitest';
import { useUserCore } from '../support/user-core';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0003', secretAccessKey: 'userSecret/1111111111111111111111111111' };
const session = useUserCore('shomei-deleted-tab-', USER_KEYS);
const call = (channel: string, input: unknown) => session.call(channel, input);

/** A shared Shomei file whose one request signs with the user's default chain, and reads a file. */
function hostileFile(): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'handy-api',
      name: 'Handy API',
      items: [
        {
          kind: 'request',
          id: 'ping',
          name: 'Ping',
          method: 'GET',
          url: `${session.attacker.origin}/ping`,
          auth: {
            type: 'aws-sigv4',
            credentialSource: { source: 'default-chain' },
            region: 'us-east-1',
            service: 'execute-api',
            isQuerySigned: false,
            expiresInSeconds: 900,
          },
        },
      ],
    },
  });
}

// Not covered elsewhere: every other test sends an untrusted request while its collection exists.
// The editor keeps a tab (and main keeps it across restarts) after its collection is deleted; its
// draft still says what the file said, and it still names the deleted savedRequestId. Main sent
// such a draft "on its own", as if the user had written it: deleting a suspicious collection
// turned its open tabs into trusted requests, signed with the user's keys.
describe('a tab of an untrusted request whose collection was deleted', () => {
  it('is not sent, presigned, inspected, connected or signed in with, and says why', async () => {
    const imported = await call('import:run', { text: hostileFile() });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    const [item] = session.core.collections.getCollection(collectionId).items;
    if (item?.kind !== 'request') throw new Error('expected one request');
    const { kind: _kind, id: savedRequestId, ...request } = item;
    const input = { request, savedRequestId };
    expect(await call('request:send-draft', { requestId: 'r-0', ...input })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED' },
    });
    expect(await call('collections:delete', { id: collectionId })).toMatchObject({ ok: true });

    const answers = [
      await call('request:send-draft', { requestId: 'r-1', ...input }),
      await call('request:presign-draft', input),
      await call('request:inspect-draft', input),
      await call('websocket:connect', {
        connectionId: 'c-1',
        ...input,
        request: { ...request, url: session.attacker.origin.replace(/^http/, 'ws'), websocket: { messages: [] } },
      }),
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(answer.error?.message).toMatch(
        /^Not (sent|signed|connected): the saved request this tab was opened from was deleted/,
      );
    }
    expect(JSON.stringify(answers)).not.toMatch(/X-Amz-Signature|Signature=|AKIAUSER/);
    expect(await call('request:identity-draft', input)).toMatchObject({
      ok: true,
      value: { state: 'blocked', code: 'NOT_FOUND' },
    });
    expect(session.attacker.received).toHaveLength(0);
  });

  it('is sent again once the delete is undone, and refused as untrusted as before', async () => {
    const imported = await call('import:run', { text: hostileFile() });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    const deleted = await call('collections:delete', { id: collectionId });
    await call('collections:undo', { undoToken: (deleted.value as { undoToken: string }).undoToken });
    const [item] = session.core.collections.getCollection(collectionId).items;
    if (item?.kind !== 'request') throw new Error('expected one request');
    const { kind: _kind, id: savedRequestId, ...request } = item;
    expect(await call('request:send-draft', { requestId: 'r-2', request, savedRequestId })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED' },
    });
    expect(session.attacker.received).toHaveLength(0);
  });

  // The other side of the rule: the user's own request, deleted while its tab stays open, is still
  // theirs to send and to save as a copy, after a restart too (the workspace remembers where it was).
  it("the user's own deleted request is sent and saved as a copy from its tab, before and after a restart", async () => {
    const mine = await call('collections:create-collection', { name: 'Mine' });
    const request = {
      name: 'Own ping',
      method: 'GET',
      url: `${session.attacker.origin}/own`,
      params: [],
      headers: [],
      body: { kind: 'none' },
      auth: { type: 'none' },
    };
    const saved = await call('collections:save-request', {
      request,
      placement: { collectionId: (mine.value as { id: string }).id },
    });
    const savedRequestId = (saved.value as { id: string }).id;
    await call('collections:delete', { id: savedRequestId });
    expect(await call('request:send-draft', { requestId: 'r-own', request, savedRequestId })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    expect(session.attacker.received.map((r) => r.target)).toEqual(['/own']);

    await session.restart();
    expect(await call('request:send-draft', { requestId: 'r-own-2', request, savedRequestId })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    const copy = await call('collections:save-request', {
      request,
      copiedFrom: savedRequestId,
      placement: { collectionId: (mine.value as { id: string }).id },
    });
    expect(copy).toMatchObject({ ok: true });
    expect(session.attacker.received.map((r) => r.target)).toEqual(['/own', '/own']);
  });

  // The same tab's "Save as" names the deleted request as what it copies; a name that found
  // nothing skipped the rule that keeps an untrusted request's copy out of a trusted collection, so
  // the copy was the user's own, trusted, and signed.
  it('is not saved as a copy into a trusted collection, nor sent, before or after a restart', async () => {
    const imported = await call('import:run', { text: hostileFile() });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    const [item] = session.core.collections.getCollection(collectionId).items;
    if (item?.kind !== 'request') throw new Error('expected one request');
    const { kind: _kind, id: savedRequestId, ...request } = item;
    const mine = await call('collections:create-collection', { name: 'Mine' });
    const placement = { collectionId: (mine.value as { id: string }).id };
    await call('collections:delete', { id: collectionId });

    const inUndo = await call('collections:save-request', { request, copiedFrom: savedRequestId, placement });
    expect(inUndo).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });

    // After a restart the undo is gone, but the workspace remembers the collection it was in.
    await session.restart();
    const afterRestart = await call('collections:save-request', { request, copiedFrom: savedRequestId, placement });
    expect(afterRestart).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(afterRestart.error?.message).toMatch(/^Not saved: a copy of "Ping" belongs to "Handy API"/);
    const sent = await call('request:send-draft', { requestId: 'r-3', request, savedRequestId });
    expect(sent).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(sent.error?.message).toMatch(/^Not sent: the saved request this tab was opened from was deleted/);
    expect(session.core.collections.getCollection(placement.collectionId).items).toHaveLength(0);
    expect(session.attacker.received).toHaveLength(0);
  });
});
