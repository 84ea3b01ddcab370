// Where the requests deleted lately were: the workspace keeps, for each, its name and the
// collection it was in, so that a tab left open on a deleted request can be told the user's own
// (its collection trusted) from an untrusted collection's, in this run and after a restart.
import type { Collection, DeletedRequest } from '../../../shared/contract/collections';
import { locateItem, walkItems } from './tree';

/** How many deleted requests the workspace remembers; the oldest are forgotten first. */
export const DELETED_REQUESTS_KEPT = 1000;

/**
 * Records every request that deleting `id` (a collection, a folder or a request) takes away, in
 * `list` (the workspace's, changed in place). An id that finds nothing records nothing.
 */
export function recordDeleted(list: DeletedRequest[], collections: readonly Collection[], id: string): void {
  const collection = collections.find((c) => c.id === id);
  const found = collection ? { collection, items: collection.items } : locateItem(collections, id);
  if (!found) return;
  const from = found.collection;
  walkItems('items' in found ? found.items : [found.item], (item) => {
    if (item.kind === 'request')
      list.push({ requestId: item.id, name: item.name, collectionId: from.id, collectionName: from.name });
  });
  if (list.length > DELETED_REQUESTS_KEPT) list.splice(0, list.length - DELETED_REQUESTS_KEPT);
}

/** The latest record of the deleted request `id`, or undefined. */
export function findDeleted(list: readonly DeletedRequest[], id: string): DeletedRequest | undefined {
  for (let i = list.length - 1; i >= 0; i -= 1) if (list[i]?.requestId === id) return list[i];
  return undefined;
}
