import type { Core } from '../../core/create-core';
import { listContainers } from '../../core/collections/containers';
import { exportCurl } from '../../core/io/curl-export';
import { exportShomeiCollection, profileNotes } from '../../core/io/shomei-file';
import type { HandlersFor } from '../dispatcher';

type CollectionsChannel =
  | 'collections:notices'
  | 'collections:list'
  | 'collections:rows'
  | 'collections:containers'
  | 'collections:get'
  | 'collections:get-request'
  | 'collections:create-collection'
  | 'collections:create-folder'
  | 'collections:save-request'
  | 'collections:rename'
  | 'collections:duplicate'
  | 'collections:move'
  | 'collections:delete'
  | 'collections:undo'
  | 'collections:get-settings'
  | 'collections:update-settings'
  | 'collections:export'
  | 'collections:export-curl';

/** Handlers of the `collections` domain. */
export function createCollectionsHandlers(core: Core): HandlersFor<CollectionsChannel> {
  const { collections } = core;
  return {
    'collections:notices': () => core.storeNotices(),
    'collections:list': () => collections.list().map((c) => ({ id: c.id, name: c.name })),
    'collections:rows': ({ filter, expandedIds, offset, limit }) => {
      const rows = collections.rows({ filter, expandedIds });
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
    'collections:containers': () => listContainers(collections.list()),
    'collections:get': ({ id }) => collections.getCollection(id),
    'collections:get-request': ({ id }) => {
      const found = collections.getRequest(id);
      return {
        collectionId: found.collection.id,
        path: [found.collection.name, ...found.ancestors.map((a) => a.name)],
        request: found.request,
      };
    },
    'collections:create-collection': ({ name }) => ({ id: collections.createCollection({ name }).id }),
    'collections:create-folder': ({ collectionId, parentId, name }) => ({
      id: collections.createFolder({ collectionId, parentId, name }).id,
    }),
    'collections:save-request': ({ id, placement, request, tabId, copiedFrom }) => {
      if (id !== undefined) {
        const saved = collections.updateRequest({ id, request });
        return { id: saved.id, collectionId: collections.getRequest(saved.id).collection.id };
      }
      const target = placement ?? {
        collectionId: collections.list()[0]?.id ?? collections.createCollection({ name: 'My requests' }).id,
      };
      const saved = collections.createRequest({
        collectionId: target.collectionId,
        parentId: target.parentId,
        request,
        copiedFrom,
      });
      if (tabId !== undefined) core.destinations.adopt(tabId, saved.id);
      return { id: saved.id, collectionId: target.collectionId };
    },
    'collections:rename': ({ id, name }) => {
      collections.rename({ id, name });
      return {};
    },
    'collections:duplicate': ({ id }) => collections.duplicate({ id }),
    'collections:move': ({ id, collectionId, parentId, index }) => {
      collections.move({ id, collectionId, parentId, index });
      return {};
    },
    'collections:delete': ({ id }) => collections.remove({ id }),
    'collections:undo': ({ undoToken }) => collections.undo({ undoToken }),
    'collections:get-settings': ({ id }) => collections.getSettings(id),
    'collections:update-settings': ({ id, settings }) => collections.updateSettings({ id, settings }),
    'collections:export': async ({ id, format }) => {
      const collection = collections.getCollection(id);
      // postman-collection (and lodash, faker…) loads at the first Postman export, not at start.
      const exported = format === 'postman' ? (await import('../../core/io/postman')).exportPostmanCollection(collection) : exportShomeiCollection(collection);
      // The notes name profiles when the store can say; an export never waits on the vault for that.
      const profiles = await core.credentials.store.list().catch(() => []);
      const nameOf = (profileId: string) => profiles.find((p) => p.id === profileId)?.name;
      return { ...exported, notes: [...exported.notes, ...profileNotes(collection, nameOf)] };
    },
    'collections:export-curl': ({ id }) => exportCurl(collections.getRequest(id).request),
  };
}
