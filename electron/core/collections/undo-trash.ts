import type { Collection, CollectionItem } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import { insertItem, locateItem, type Container, type ItemLocation } from './tree';

/** Deletions that can be undone, newest last; kept in memory for this run only. */
export interface UndoTrash {
  /** Deletes a collection, folder or request; the token undoes it. */
  remove(id: string): { undoToken: string; name: string };
  /** Puts a deleted item back where it was (its folder gone too: at its collection's end). */
  undo(undoToken: string): { id: string };
  /** The collections and items waiting here (an item with the id of the collection it was in): an undo puts them back. */
  held(): { collections: Collection[]; items: Array<{ collectionId: string; item: CollectionItem }> };
}

/** What the trash edits: the collections service's tree and its one way to change it. */
export interface UndoTrashDeps {
  collections: () => Collection[];
  change: <R>(mutate: () => R) => R;
  locate: (id: string) => ItemLocation;
  newId: () => string;
  /** How many deletions can be undone; the oldest is forgotten first. */
  limit: number;
}

interface TrashEntry {
  token: string;
  collectionId: string;
  /** The collection itself when a whole collection was deleted. */
  collection?: Collection;
  containerId?: string;
  index?: number;
  item?: CollectionItem;
}

/** Builds the trash over the collections service's tree. */
export function createUndoTrash(deps: UndoTrashDeps): UndoTrash {
  const trash: TrashEntry[] = [];
  return {
    held: () => ({
      collections: trash.flatMap((entry) => (entry.collection ? [entry.collection] : [])),
      items: trash.flatMap((entry) => (entry.item ? [{ collectionId: entry.collectionId, item: entry.item }] : [])),
    }),
    remove(id) {
      const token = deps.newId();
      const collections = deps.collections();
      const collectionIndex = collections.findIndex((c) => c.id === id);
      if (collectionIndex >= 0) {
        const collection = collections[collectionIndex] as Collection;
        deps.change(() => collections.splice(collectionIndex, 1));
        trash.push({ token, collectionId: collection.id, collection, index: collectionIndex });
      } else {
        const found = deps.locate(id);
        deps.change(() => found.container.items.splice(found.index, 1));
        trash.push({
          token,
          collectionId: found.collection.id,
          containerId: found.container.id,
          index: found.index,
          item: found.item,
        });
      }
      while (trash.length > deps.limit) trash.shift();
      const last = trash[trash.length - 1] as TrashEntry;
      return { undoToken: token, name: (last.collection ?? last.item)?.name ?? '' };
    },
    undo(undoToken) {
      const at = trash.findIndex((t) => t.token === undoToken);
      const entry = trash[at];
      if (!entry) throw new ShomeiError('NOT_FOUND', 'There is nothing to undo');
      if (entry.collection) {
        const collection = entry.collection;
        deps.change(() =>
          deps.collections().splice(Math.min(entry.index ?? 0, deps.collections().length), 0, collection),
        );
        trash.splice(at, 1);
        return { id: collection.id };
      }
      const item = entry.item as CollectionItem;
      const collection = deps.collections().find((c) => c.id === entry.collectionId);
      if (!collection) throw new ShomeiError('NOT_FOUND', 'The collection it was in has been deleted; undo that first');
      let container: Container = collection;
      let index = entry.index;
      if (entry.containerId !== collection.id) {
        const folder = locateItem([collection], entry.containerId ?? '');
        if (folder?.item.kind === 'folder') container = folder.item;
        // The folder it was in is gone too: bring it back at the collection's end.
        else index = undefined;
      }
      deps.change(() => insertItem(container, item, index));
      trash.splice(at, 1);
      return { id: item.id };
    },
  };
}
