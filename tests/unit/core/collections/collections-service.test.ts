import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Folder } from '../../../../shared/contract/collections';
import { createCollectionsService } from '../../../../electron/core/collections/collections-service';
import { openWorkspaceStore } from '../../../../electron/core/collections/workspace-store';
import { manualTimers, makeTempDir } from '../../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

function open(saveDelayMs = 0) {
  const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs });
  return { workspace, service: createCollectionsService({ workspace }) };
}

const draft = (name: string, url = 'https://api.example.com/items', method = 'GET') => ({ name, method, url });

describe('collections service', () => {
  it('creates collections, nested folders and requests, and reads them back after reopening', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'Orders API' });
    const f = service.createFolder({ collectionId: c.id, name: 'v1' });
    const sub = service.createFolder({ collectionId: c.id, parentId: f.id, name: 'admin' });
    const r = service.createRequest({ collectionId: c.id, parentId: sub.id, request: draft('List orders') });
    const reopened = open().service;
    const ctx = reopened.getRequest(r.id);
    expect(ctx.request).toMatchObject({
      name: 'List orders',
      method: 'GET',
      url: 'https://api.example.com/items',
      body: { kind: 'none' },
    });
    expect(ctx.ancestors.map((a) => a.name)).toEqual(['v1', 'admin']);
    expect(ctx.collection.name).toBe('Orders API');
  });

  it('updates a request in place and refuses invalid drafts without changing anything', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const r = service.createRequest({ collectionId: c.id, request: draft('A') });
    service.updateRequest({
      id: r.id,
      request: {
        ...draft('A2', 'https://x.test/{{path}}', 'POST'),
        body: { kind: 'text', language: 'json', text: '{}' },
      },
    });
    expect(service.getRequest(r.id).request).toMatchObject({
      name: 'A2',
      method: 'POST',
      body: { kind: 'text', text: '{}' },
    });
    expect(() => service.updateRequest({ id: r.id, request: { ...draft(''), name: '' } })).toThrow(/name/i);
    expect(() => service.rename({ id: r.id, name: '   ' })).toThrow();
    expect(service.getRequest(r.id).request.name).toBe('A2');
  });

  it('renames collections, folders and requests', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const f = service.createFolder({ collectionId: c.id, name: 'F' });
    const r = service.createRequest({ collectionId: c.id, parentId: f.id, request: draft('R') });
    service.rename({ id: c.id, name: 'C!' });
    service.rename({ id: f.id, name: 'F!' });
    service.rename({ id: r.id, name: 'R!' });
    const tree = open().service.list()[0];
    expect(tree?.name).toBe('C!');
    expect((tree?.items[0] as Folder).name).toBe('F!');
    expect((tree?.items[0] as Folder).items[0]?.name).toBe('R!');
  });

  it('duplicates a folder deeply with fresh ids, right after the original', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const f = service.createFolder({ collectionId: c.id, name: 'F' });
    service.createFolder({ collectionId: c.id, parentId: f.id, name: 'inner' });
    const r = service.createRequest({ collectionId: c.id, parentId: f.id, request: draft('R') });
    service.createRequest({ collectionId: c.id, request: draft('after') });
    const { id } = service.duplicate({ id: f.id });
    const items = service.getCollection(c.id).items;
    expect(items.map((i) => i.name)).toEqual(['F', 'F copy', 'after']);
    const copy = items[1] as Folder;
    expect(copy.id).toBe(id);
    expect(copy.items.map((i) => i.name)).toEqual(['inner', 'R']);
    expect(copy.items[1]?.id).not.toBe(r.id);
    const dupC = service.duplicate({ id: c.id });
    expect(service.list().map((x) => x.name)).toEqual(['C', 'C copy']);
    expect(service.getCollection(dupC.id).items).toHaveLength(3);
  });

  it('moves items between folders and collections, reorders, and refuses cycles', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const other = service.createCollection({ name: 'Other' });
    const a = service.createFolder({ collectionId: c.id, name: 'A' });
    const b = service.createFolder({ collectionId: c.id, parentId: a.id, name: 'B' });
    const r1 = service.createRequest({ collectionId: c.id, request: draft('r1') });
    const r2 = service.createRequest({ collectionId: c.id, request: draft('r2') });
    service.move({ id: r2.id, collectionId: c.id, index: 0 });
    expect(service.getCollection(c.id).items.map((i) => i.name)).toEqual(['r2', 'A', 'r1']);
    service.move({ id: r1.id, collectionId: c.id, parentId: b.id });
    expect(service.getRequest(r1.id).ancestors.map((x) => x.name)).toEqual(['A', 'B']);
    expect(() => service.move({ id: a.id, collectionId: c.id, parentId: b.id })).toThrow(/into itself/);
    expect(() => service.move({ id: a.id, collectionId: c.id, parentId: a.id })).toThrow(/into itself/);
    service.move({ id: a.id, collectionId: other.id });
    expect(service.getRequest(r1.id).collection.name).toBe('Other');
    expect(open().service.getRequest(r1.id).collection.name).toBe('Other');
  });

  it('deletes with undo: the whole subtree comes back where it was, also for a collection', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    service.createRequest({ collectionId: c.id, request: draft('first') });
    const f = service.createFolder({ collectionId: c.id, name: 'F' });
    const r = service.createRequest({ collectionId: c.id, parentId: f.id, request: draft('inside') });
    service.createRequest({ collectionId: c.id, request: draft('last') });
    const { undoToken, name } = service.remove({ id: f.id });
    expect(name).toBe('F');
    expect(() => service.getRequest(r.id)).toThrow(/no longer exists/);
    expect(
      open()
        .service.getCollection(c.id)
        .items.map((i) => i.name),
    ).toEqual(['first', 'last']);
    service.undo({ undoToken });
    expect(service.getCollection(c.id).items.map((i) => i.name)).toEqual(['first', 'F', 'last']);
    expect(service.getRequest(r.id).request.name).toBe('inside');
    expect(() => service.undo({ undoToken })).toThrow(/nothing to undo/);
    const removed = service.remove({ id: c.id });
    expect(service.list()).toEqual([]);
    service.undo({ undoToken: removed.undoToken });
    expect(service.getRequest(r.id).collection.id).toBe(c.id);
  });

  it('filters by name, method and URL, keeping the folders above matches', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const users = service.createFolder({ collectionId: c.id, name: 'Users' });
    service.createRequest({
      collectionId: c.id,
      parentId: users.id,
      request: draft('List users', 'https://api.test/users'),
    });
    service.createRequest({
      collectionId: c.id,
      parentId: users.id,
      request: draft('Create user', 'https://api.test/users', 'POST'),
    });
    const orders = service.createFolder({ collectionId: c.id, name: 'Orders' });
    service.createRequest({
      collectionId: c.id,
      parentId: orders.id,
      request: draft('Get order', 'https://api.test/orders/1'),
    });
    expect(service.filter('post').requestCount).toBe(1);
    expect(service.filter('ORDERS').requestCount).toBe(1);
    expect(service.filter('users delete').requestCount).toBe(0);
    expect(service.filter('list').requestCount).toBe(1);
    expect(service.filter('users get').requestCount).toBe(1);
    const rows = service.rows({ filter: 'post' });
    expect(rows.map((r) => [r.kind, r.name, r.isMatch])).toEqual([
      ['collection', 'C', false],
      ['folder', 'Users', false],
      ['request', 'Create user', true],
    ]);
    expect(service.rows({ filter: 'users' }).filter((r) => r.kind === 'request')).toHaveLength(2);
    // Without a filter, only expanded containers show their children.
    expect(service.rows().map((r) => r.name)).toEqual(['C']);
    expect(service.rows({ expandedIds: [c.id] }).map((r) => r.name)).toEqual(['C', 'Users', 'Orders']);
    expect(service.rows({ isAllExpanded: true })).toHaveLength(6);
    // The index follows changes.
    service.createRequest({ collectionId: c.id, request: draft('Another post', 'https://api.test/x', 'POST') });
    expect(service.filter('post').requestCount).toBe(2);
  });

  it('saves a request’s send options, never a proxy’s password, and forgets options saved away', () => {
    const { service, workspace } = open();
    const c = service.createCollection({ name: 'C' });
    const options = {
      timeoutMs: 1000,
      isFollowingRedirects: false,
      isTlsVerified: false,
      proxyUrl: 'http://alice:s3cret@proxy.test:3128',
    };
    const r = service.createRequest({ collectionId: c.id, request: { ...draft('Slow'), options } });
    service.flush();
    expect(open().service.getRequest(r.id).request.options).toEqual({ ...options, proxyUrl: 'http://proxy.test:3128' });
    expect(readFileSync(workspace.path, 'utf8')).not.toContain('s3cret');
    // Saved again at the defaults: no options left in the file.
    service.updateRequest({ id: r.id, request: draft('Slow') });
    service.flush();
    expect(open().service.getRequest(r.id).request).not.toHaveProperty('options');
  });

  it('debounces saves, and flush writes what is pending', () => {
    const clock = manualTimers();
    const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 1000, timers: clock.timers });
    const service = createCollectionsService({ workspace });
    service.createCollection({ name: 'One' });
    service.createCollection({ name: 'Two' });
    expect(clock.pendingCount()).toBe(1);
    expect(workspace.hasPendingChanges()).toBe(true);
    expect(open().service.list()).toEqual([]);
    clock.runAll();
    expect(
      open()
        .service.list()
        .map((c) => c.name),
    ).toEqual(['One', 'Two']);
    service.createCollection({ name: 'Three' });
    service.flush();
    expect(clock.pendingCount()).toBe(0);
    expect(JSON.parse(readFileSync(workspace.path, 'utf8')).data.collections).toHaveLength(3);
  });

  it('reports a missing item as NOT_FOUND', () => {
    const { service } = open();
    expect(() => service.getRequest('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => service.createFolder({ collectionId: 'nope', name: 'x' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('renews ids that are already taken when adding an imported collection', () => {
    const { service } = open();
    const c = service.createCollection({ name: 'C' });
    const added = service.addCollection({
      ...c,
      name: 'Again',
      items: [
        {
          kind: 'request',
          id: 'r1',
          name: 'x',
          method: 'GET',
          url: 'https://a.test',
          params: [],
          headers: [],
          body: { kind: 'none' },
          auth: { type: 'inherit' },
        },
      ],
    });
    expect(added.id).not.toBe(c.id);
    expect(added.items[0]?.id).toBe('r1');
  });
});
