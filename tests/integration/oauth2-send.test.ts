import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import type { EventPayload } from '../../shared/contract/channels';
import { CollectionSchema, type RequestDraft, type SavedAuth } from '../../shared/contract/collections';
import { startOAuthTokenServer, type OAuthTokenServer } from '../support/oauth-token-server';
import { makeTempDir, readAllFiles } from '../support/temp-dir';

const SECRET = 'client-secret-0123456789';
const SECRET_ID = 'auth_oauthsecret01';

let server: OAuthTokenServer;
let temp: ReturnType<typeof makeTempDir>;
let core: Core;
let clock: number;

beforeAll(async () => {
  server = await startOAuthTokenServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.tokenRequests.length = 0;
  server.apiAuthorizations.length = 0;
  server.client.secret = SECRET;
  server.lifetimeSeconds = 3600;
  temp = makeTempDir('shomei-oauth2-');
  clock = Date.parse('2026-06-01T10:00:00Z');
  // A fake clock: token lifetimes move only when the test says so.
  core = createCore({ host: 'test', version: '0.0.0-test', dataDir: temp.dir, env: {}, now: () => new Date(clock) });
});
afterEach(async () => {
  await core.close();
  temp.remove();
});

const dispatcher = () => createDispatcher(createHandlers(core));
async function call<K extends Parameters<ReturnType<typeof dispatcher>['dispatch']>[0]>(channel: K, input: unknown) {
  return dispatcher().dispatch(channel, input as never, { emit: () => undefined });
}

function oauth(overrides: Partial<Extract<SavedAuth, { type: 'oauth2' }>> = {}): SavedAuth {
  return {
    type: 'oauth2',
    tokenUrl: server.tokenUrl,
    clientId: 'shomei-client',
    clientSecretRef: { kind: 'vault', id: SECRET_ID },
    scope: 'orders/read',
    audience: '',
    extraParams: [],
    clientAuthentication: 'basic',
    ...overrides,
  };
}

/** A trusted collection whose settings carry `auth`, with one request that inherits it. */
function savedUnder(auth: SavedAuth, { trusted = true } = {}) {
  const collection = core.collections.addCollection(
    CollectionSchema.parse({
      id: `c${Math.random().toString(36).slice(2, 10)}`,
      name: 'OAuth API',
      settings: { auth },
      items: [
        { kind: 'request', id: 'r1', name: 'Orders', method: 'GET', url: server.apiUrl, auth: { type: 'inherit' } },
      ],
    }),
  );
  if (trusted) core.collections.trust(collection.id);
  const saved = collection.items[0];
  if (saved?.kind !== 'request') throw new Error('no request');
  const { kind: _k, id: _i, ...draft } = saved;
  return { request: draft as RequestDraft, savedRequestId: saved.id };
}

async function storeSecret(value = SECRET) {
  const stored = await call('auth:store-secrets', { values: [{ id: SECRET_ID, value }] });
  if (!stored.ok) throw new Error(stored.error.message);
}

let sends = 0;
const send = (input: ReturnType<typeof savedUnder>, onProgress?: (p: EventPayload<'request:progress'>) => void) =>
  core.drafts.send({ requestId: `s${(sends += 1)}`, ...input }, onProgress);

describe('OAuth 2.0 client credentials against a loopback token endpoint', () => {
  it('gets a token with a Basic client header, caches it, renews it 60 s before expiry, and sends Bearer', async () => {
    await storeSecret();
    const input = savedUnder(oauth());
    const first = await send(input);
    expect(first.status).toBe(200);
    expect(server.tokenRequests).toHaveLength(1);
    const tokenRequest = server.tokenRequests[0];
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from(`shomei-client:${SECRET}`).toString('base64')}`,
    );
    expect(tokenRequest?.form.get('grant_type')).toBe('client_credentials');
    expect(tokenRequest?.form.get('scope')).toBe('orders/read');
    expect(tokenRequest?.form.has('client_secret')).toBe(false);
    // `bearer` from the server is sent as `Bearer`.
    expect(server.apiAuthorizations[0]).toBe(`Bearer ${server.issued.at(-1)}`);
    expect(first.request.headers).toContainEqual(['Authorization', 'Bearer ‹redacted›']);

    clock += 3600_000 - 61_000;
    expect((await send(input)).status).toBe(200);
    expect(server.tokenRequests).toHaveLength(1);

    clock += 2_000; // inside the 60 s margin, still valid
    expect((await send(input)).status).toBe(200);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiAuthorizations.at(-1)).toBe(`Bearer ${server.issued.at(-1)}`);
  });

  it('sends the client id and secret in the body when chosen, with no Authorization header', async () => {
    await storeSecret();
    const input = savedUnder(oauth({ clientAuthentication: 'body', scope: '', audience: 'https://api.example' }));
    expect((await send(input)).status).toBe(200);
    const seen = server.tokenRequests[0];
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.form.get('client_id')).toBe('shomei-client');
    expect(seen?.form.get('client_secret')).toBe(SECRET);
    expect(seen?.form.get('audience')).toBe('https://api.example');
    expect(seen?.form.has('scope')).toBe(false);
  });

  it('attacker: a wrong client secret gets no token, and the API is never called', async () => {
    await storeSecret('not-the-secret');
    const input = savedUnder(oauth());
    await expect(send(input)).rejects.toMatchObject({
      code: 'CREDENTIALS_INVALID',
      message: expect.stringContaining(`The token endpoint ${server.tokenUrl} refused: invalid_client`),
    });
    expect(server.tokenRequests[0]?.status).toBe(401);
    expect(server.apiAuthorizations).toHaveLength(0);
  });

  it('names the endpoint for invalid_scope and for an answer that is not JSON', async () => {
    await storeSecret();
    await expect(send(savedUnder(oauth({ scope: 'admin' })))).rejects.toThrow(
      `Not sent: no OAuth token. The token endpoint ${server.tokenUrl} refused: invalid_scope`,
    );
    await expect(send(savedUnder(oauth({ tokenUrl: `${server.origin}/html` })))).rejects.toThrow(
      `The token endpoint ${server.origin}/html answered 200 with something that is not JSON (text/html)`,
    );
    expect(server.apiAuthorizations).toHaveLength(0);
  });

  it('attacker: a redirecting token endpoint is not followed with the client secret', async () => {
    await storeSecret();
    await expect(send(savedUnder(oauth({ tokenUrl: `${server.origin}/moved` })))).rejects.toThrow(
      /answered 307 \(a redirect\); Shomei does not follow redirects/,
    );
    expect(server.tokenRequests).toHaveLength(0);
  });

  it('an expired token: "token expired, renewing…", then sent; a failed renewal is not sent, with the reason', async () => {
    await storeSecret();
    const input = savedUnder(oauth());
    await send(input);
    clock += 3600_000 + 1_000;
    const phases: string[] = [];
    expect((await send(input, (p) => phases.push(p.phase))).status).toBe(200);
    expect(phases[0]).toBe('renewing-token');
    expect(server.tokenRequests).toHaveLength(2);

    clock += 3600_000 + 1_000;
    server.client.secret = 'rotated-on-the-server';
    const apiCalls = server.apiAuthorizations.length;
    await expect(send(input)).rejects.toThrow(
      'Not sent: the OAuth token expired and renewing it failed. The token endpoint',
    );
    expect(server.apiAuthorizations).toHaveLength(apiCalls);
    // The refusal is in history too, without the secret.
    expect(core.history.list()[0]?.error?.message).toContain('renewing it failed');
  });

  it('Get token, status and Forget token cross only a summary; forgetting makes the next send fetch again', async () => {
    await storeSecret();
    const input = savedUnder(oauth());
    const got = await call('oauth2:get-token', input);
    expect(got).toMatchObject({
      ok: true,
      value: { state: 'fresh', scope: 'orders/read', tokenType: 'Bearer', expiresAt: '2026-06-01T11:00:00.000Z' },
    });
    const status = await call('oauth2:status', input);
    expect(status).toMatchObject({ ok: true, value: { held: { expiresAt: '2026-06-01T11:00:00.000Z' } } });
    for (const answer of [got, status])
      for (const secret of [SECRET, ...server.issued]) expect(JSON.stringify(answer)).not.toContain(secret);

    await send(input);
    expect(server.tokenRequests).toHaveLength(1); // the send used the token Get token fetched
    expect(await call('oauth2:forget-token', input)).toEqual({ ok: true, value: { wasHeld: true } });
    // The request inherits its collection's OAuth auth: the status applies to it.
    expect(await call('oauth2:status', input)).toEqual({ ok: true, value: { applies: true, held: null } });
    await send(input);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('says the status does not apply to a request whose auth is not OAuth 2.0', async () => {
    const other = savedUnder({ type: 'basic', username: 'alice', passwordRef: { kind: 'variables', text: '' } });
    expect(await call('oauth2:status', other)).toEqual({ ok: true, value: { applies: false, held: null } });
    expect(await call('oauth2:get-token', other)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps tokens apart per client: another scope or another secret is another token', async () => {
    await storeSecret();
    await send(savedUnder(oauth()));
    await send(savedUnder(oauth({ scope: 'orders/write' })));
    expect(server.tokenRequests).toHaveLength(2);
    await send(savedUnder(oauth()));
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('attacker: an untrusted (imported) collection gets no token, and the endpoint never sees the secret', async () => {
    await storeSecret();
    const input = savedUnder(oauth(), { trusted: false });
    const got = await call('oauth2:get-token', input);
    expect(got).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    await expect(send(input)).rejects.toMatchObject({ code: 'UNTRUSTED' });
    expect(server.tokenRequests).toHaveLength(0);
  });

  it('no client secret or token in the data folder, history or what the window gets', async () => {
    await storeSecret();
    const input = savedUnder(oauth());
    const answers: unknown[] = [await send(input), await call('oauth2:status', input), await call('history:list', {})];
    core.flush();
    const secrets = [SECRET, ...server.issued];
    expect(server.issued.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(JSON.stringify(core.history.list())).not.toContain(secret);
      for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(secret);
      for (const file of readAllFiles(temp.dir))
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
    }
  });
});
