import type { Collection, CollectionItem, TreeRow } from '../../../shared/contract/collections';
import { walkItems } from './tree';

/** The result of filtering the tree. */
export interface FilterResult {
  /** Requests and folders whose own name (or method, URL) matched. */
  matchIds: string[];
  /** How many requests matched, directly or inside a matching folder. */
  requestCount: number;
}

/** Options for the rows the sidebar shows. */
export interface RowsOptions {
  /** Text typed in the filter box: words matched against name, method and URL, all must match. */
  filter?: string | undefined;
  /** Folders and collections shown open; ignored while filtering (every match is shown). */
  expandedIds?: ReadonlyArray<string> | undefined;
  /** Show every folder open. */
  isAllExpanded?: boolean | undefined;
}

/** What the sidebar shows of the collections: its rows, open or filtered. */
export interface CollectionRows {
  filter(query: string): FilterResult;
  rows(options?: RowsOptions): TreeRow[];
}

interface SearchEntry {
  id: string;
  kind: 'folder' | 'request';
  haystack: string;
  /** Collection id, then folder ids, outermost first. */
  ancestorIds: string[];
}

/**
 * Builds the sidebar's rows over `collections()`. The filter's search index is built once per
 * `revision()` (the collections service moves it on every change), so typing in the filter box
 * does not walk the tree again for every key.
 */
export function createCollectionRows(collections: () => readonly Collection[], revision: () => number): CollectionRows {
  let searchIndex: { revision: number; entries: SearchEntry[] } | undefined;

  const buildSearchIndex = (): SearchEntry[] => {
    if (searchIndex?.revision === revision()) return searchIndex.entries;
    const entries: SearchEntry[] = [];
    for (const collection of collections()) {
      walkItems(collection.items, (item, ancestors) => {
        const haystack =
          item.kind === 'request' ? `${item.name}\n${item.method}\n${item.url}`.toLowerCase() : item.name.toLowerCase();
        entries.push({
          id: item.id,
          kind: item.kind,
          haystack,
          ancestorIds: [collection.id, ...ancestors.map((a) => a.id)],
        });
      });
    }
    searchIndex = { revision: revision(), entries };
    return entries;
  };

  /** Ids to show while filtering, and ids that matched themselves. */
  const runFilter = (query: string): { visible: Set<string>; matches: Set<string>; requestCount: number } => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const visible = new Set<string>();
    const matches = new Set<string>();
    let requestCount = 0;
    const entries = buildSearchIndex();
    const matchingFolders = new Set<string>();
    for (const entry of entries) {
      const isUnderMatchingFolder = entry.ancestorIds.some((id) => matchingFolders.has(id));
      const isMatch = words.every((w) => entry.haystack.includes(w));
      if (isMatch) matches.add(entry.id);
      if (isMatch && entry.kind === 'folder') matchingFolders.add(entry.id);
      if (isMatch || isUnderMatchingFolder) {
        visible.add(entry.id);
        for (const id of entry.ancestorIds) visible.add(id);
        if (entry.kind === 'request') requestCount += 1;
      }
    }
    return { visible, matches, requestCount };
  };

  return {
    filter(query) {
      const { matches, requestCount } = runFilter(query);
      return { matchIds: [...matches], requestCount };
    },
    rows(options = {}) {
      const isFiltering = (options.filter ?? '').trim().length > 0;
      const filtered = isFiltering ? runFilter(options.filter ?? '') : undefined;
      const expanded = new Set(options.expandedIds ?? []);
      const isOpen = (id: string): boolean => isFiltering || options.isAllExpanded === true || expanded.has(id);
      const rows: TreeRow[] = [];
      const visit = (items: readonly CollectionItem[], collectionId: string, depth: number): void => {
        for (const item of items) {
          if (filtered && !filtered.visible.has(item.id)) continue;
          if (item.kind === 'request') {
            rows.push({
              id: item.id,
              kind: 'request',
              collectionId,
              depth,
              name: item.name,
              method: item.websocket ? 'WS' : item.method,
              url: item.url,
              hasChildren: false,
              isExpanded: false,
              isMatch: filtered?.matches.has(item.id) ?? false,
            });
          } else {
            const isExpanded = isOpen(item.id);
            rows.push({
              id: item.id,
              kind: 'folder',
              collectionId,
              depth,
              name: item.name,
              hasChildren: item.items.length > 0,
              isExpanded,
              isMatch: filtered?.matches.has(item.id) ?? false,
            });
            if (isExpanded) visit(item.items, collectionId, depth + 1);
          }
        }
      };
      for (const collection of collections()) {
        if (filtered && !filtered.visible.has(collection.id)) continue;
        const isExpanded = isOpen(collection.id);
        rows.push({
          id: collection.id,
          kind: 'collection',
          collectionId: collection.id,
          depth: 0,
          name: collection.name,
          hasChildren: collection.items.length > 0,
          isExpanded,
          isMatch: false,
        });
        if (isExpanded) visit(collection.items, collection.id, 1);
      }
      return rows;
    },
  };
}
