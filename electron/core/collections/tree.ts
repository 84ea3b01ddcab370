import type { Collection, CollectionItem, Folder, SavedRequest } from '../../../shared/contract/collections';

/** A collection or folder: something that holds items. */
export type Container = Collection | Folder;

/** Where an item sits: its container, its index there, and the folders above it (outermost first). */
export interface ItemLocation {
  collection: Collection;
  container: Container;
  index: number;
  item: CollectionItem;
  /** Folders from the collection down to the item's container, outermost first. */
  ancestors: Folder[];
}

/** Calls `visit` for every item below `items`, depth first, with the folders above it. */
export function walkItems(
  items: readonly CollectionItem[],
  visit: (item: CollectionItem, ancestors: readonly Folder[]) => void,
  ancestors: Folder[] = [],
): void {
  for (const item of items) {
    visit(item, ancestors);
    if (item.kind === 'folder') {
      ancestors.push(item);
      walkItems(item.items, visit, ancestors);
      ancestors.pop();
    }
  }
}

/** Finds an item by id in one collection, or undefined. */
export function locateInCollection(collection: Collection, id: string): ItemLocation | undefined {
  const search = (container: Container, ancestors: Folder[]): ItemLocation | undefined => {
    for (let index = 0; index < container.items.length; index += 1) {
      const item = container.items[index] as CollectionItem;
      if (item.id === id) return { collection, container, index, item, ancestors: [...ancestors] };
      if (item.kind === 'folder') {
        const found = search(item, [...ancestors, item]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(collection, []);
}

/** Finds an item by id across collections, or undefined. */
export function locateItem(collections: readonly Collection[], id: string): ItemLocation | undefined {
  for (const collection of collections) {
    const found = locateInCollection(collection, id);
    if (found) return found;
  }
  return undefined;
}

/** True when `candidate` is `folder` itself or sits anywhere below it. */
export function isSameOrInside(folder: Folder, candidateId: string): boolean {
  if (folder.id === candidateId) return true;
  let isFound = false;
  walkItems(folder.items, (item) => {
    if (item.id === candidateId) isFound = true;
  });
  return isFound;
}

/** Every request below `items`. */
export function listRequests(items: readonly CollectionItem[]): SavedRequest[] {
  const out: SavedRequest[] = [];
  walkItems(items, (item) => {
    if (item.kind === 'request') out.push(item);
  });
  return out;
}

/** Counts requests and folders below `items`. */
export function countItems(items: readonly CollectionItem[]): { requests: number; folders: number } {
  let requests = 0;
  let folders = 0;
  walkItems(items, (item) => {
    if (item.kind === 'request') requests += 1;
    else folders += 1;
  });
  return { requests, folders };
}

/**
 * A deep copy of `item` in which every request, folder and variable gets a fresh id;
 * `onVariableCopied(oldId, newId)` lets the caller copy secret values along.
 */
export function cloneWithNewIds<T extends CollectionItem>(
  item: T,
  newId: () => string,
  onVariableCopied?: (oldId: string, newId: string) => void,
): T {
  const copy = structuredClone(item);
  const renew = (node: CollectionItem): void => {
    node.id = newId();
    if (node.kind === 'folder') {
      node.settings.variables = node.settings.variables.map((v) => {
        const id = newId();
        onVariableCopied?.(v.id, id);
        return { ...v, id };
      });
      node.items.forEach(renew);
    }
  };
  renew(copy);
  return copy;
}

/** Puts `item` among `container`'s items at `index` (clamped), or last. */
export function insertItem(container: Container, item: CollectionItem, index?: number): void {
  const at = index === undefined ? container.items.length : Math.max(0, Math.min(index, container.items.length));
  container.items.splice(at, 0, item);
}
