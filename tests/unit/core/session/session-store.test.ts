import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/create-core';
import { createDispatcher } from '../../../../electron/ipc/dispatcher';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { openSessionStore, SESSION_SCHEMA_VERSION } from '../../../../electron/core/session/session-store';
import { draft, session } from '../../../support/session-fixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-session-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the open-tabs store (hot exit)', () => {
  it('starts with no tabs, and reads back every tab and draft after reopening', () => {
    const store = openSessionStore({ dataDir: dir });
    expect(store.read()).toEqual({ tabs: [], activeId: null });
    store.save(session);
    const reopened = openSessionStore({ dataDir: dir });
    expect(reopened.read()).toEqual(session);
    expect(reopened.notice).toBeUndefined();
    const file = JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8')) as { schemaVersion: number };
    expect(file.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
  });

  it('reopens a tab kept before SigV4a existed as signing with SigV4', () => {
    openSessionStore({ dataDir: dir }).save(session);
    const path = join(dir, 'session.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      data: { tabs: Array<{ draft: { aws: Record<string, unknown> } }> };
    };
    const aws = file.data.tabs[0]?.draft.aws ?? {};
    delete aws.algorithm;
    delete aws.regionSet;
    writeFileSync(path, JSON.stringify(file));
    expect(openSessionStore({ dataDir: dir }).read().tabs[0]?.draft.aws).toMatchObject({
      algorithm: 'sigv4',
      regionSet: '',
    });
  });

  it('an answered save is on disk at once (no timer to outlive)', () => {
    openSessionStore({ dataDir: dir }).save(session);
    expect(readFileSync(join(dir, 'session.json'), 'utf8')).toContain('half typed');
  });

  it('moves a damaged file aside, says so, and starts empty', () => {
    writeFileSync(join(dir, 'session.json'), '{"schemaVersion": 1, "data": {"tabs": [');
    const store = openSessionStore({ dataDir: dir });
    expect(store.read()).toEqual({ tabs: [], activeId: null });
    expect(store.notice?.store).toBe('session');
    expect(readdirSync(dir).some((f) => f.startsWith('session.corrupt-'))).toBe(true);
  });

  it('refuses a file written by a newer Shomei instead of misreading it', () => {
    writeFileSync(
      join(dir, 'session.json'),
      JSON.stringify({ schemaVersion: SESSION_SCHEMA_VERSION + 1, data: session }),
    );
    const store = openSessionStore({ dataDir: dir });
    expect(store.read().tabs).toEqual([]);
    expect(store.notice?.reason).toMatch(/newer Shomei/);
  });

  it('is among the stores whose damage the window is told about', async () => {
    writeFileSync(join(dir, 'session.json'), 'not json');
    const core = createCore({ host: 'test', version: 't', dataDir: dir, saveDelayMs: 0 });
    expect(core.storeNotices().map((n) => n.store)).toContain('session');
    await core.close();
  });
});

describe('session:save played by a hostile or buggy window', () => {
  it.each([
    ['a secret access key', { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }],
    ['a session token', { sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' }],
    ['an access key id', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }],
  ])('refuses a draft that carries %s, and writes nothing', async (_what, extra) => {
    const core = createCore({ host: 'test', version: 't', dataDir: dir, saveDelayMs: 0 });
    const dispatcher = createDispatcher(createHandlers(core));
    const hostile = {
      ...session,
      tabs: [{ ...session.tabs[0], draft: { ...draft, aws: { ...draft.aws, ...extra } } }],
    };
    const result = await dispatcher.dispatch('session:save', hostile, { emit: () => undefined });
    expect(result.ok).toBe(false);
    expect(readdirSync(dir)).not.toContain('session.json');
    const secret = Object.values(extra)[0] as string;
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'latin1')).not.toContain(secret);
    await core.close();
  });

  it('drops a proxy user name and password from what it keeps', async () => {
    const core = createCore({ host: 'test', version: 't', dataDir: dir, saveDelayMs: 0 });
    const dispatcher = createDispatcher(createHandlers(core));
    const withProxy = {
      ...session,
      tabs: [
        {
          ...session.tabs[0],
          draft: { ...draft, options: { ...draft.options, proxyUrl: 'http://alice:pr0xyPass@127.0.0.1:3128' } },
        },
      ],
    };
    expect((await dispatcher.dispatch('session:save', withProxy, { emit: () => undefined })).ok).toBe(true);
    const text = readFileSync(join(dir, 'session.json'), 'utf8');
    expect(text).not.toContain('pr0xyPass');
    expect(text).toContain('http://127.0.0.1:3128');
    await core.close();
  });

  it('keeps the previous tabs when a save is refused', async () => {
    const core = createCore({ host: 'test', version: 't', dataDir: dir, saveDelayMs: 0 });
    const dispatcher = createDispatcher(createHandlers(core));
    expect((await dispatcher.dispatch('session:save', session, { emit: () => undefined })).ok).toBe(true);
    const bad = { tabs: [{ id: 'x' }], activeId: 'x' };
    expect((await dispatcher.dispatch('session:save', bad, { emit: () => undefined })).ok).toBe(false);
    expect(await dispatcher.dispatch('session:read', {}, { emit: () => undefined })).toEqual({
      ok: true,
      value: session,
    });
    await core.close();
  });
});
