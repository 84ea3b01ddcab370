import type { ContainerSummary } from '../../../shared/contract/collections-channels';
import type { Collection, CollectionItem } from '../../../shared/contract/collections';

/** Every collection and folder, with its path, in tree order: the choices of "Save as" and "Move to". */
export function listContainers(collections: readonly Collection[]): ContainerSummary[] {
  const out: ContainerSummary[] = [];
  const visit = (items: readonly CollectionItem[], collectionId: string, path: string, depth: number): void => {
    for (const item of items) {
      if (item.kind !== 'folder') continue;
      const here = `${path} / ${item.name}`;
      out.push({ id: item.id, collectionId, path: here, depth });
      visit(item.items, collectionId, here, depth + 1);
    }
  };
  for (const collection of collections) {
    out.push({ id: collection.id, collectionId: collection.id, path: collection.name, depth: 0 });
    visit(collection.items, collection.id, collection.name, 1);
  }
  return out;
}
