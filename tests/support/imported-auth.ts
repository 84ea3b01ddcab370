import { importAny } from '../../electron/core/io/import-any';
import type { Collection, SavedAuth } from '../../shared/contract/collections';

/** Imports `text` (any format Shomei reads) and lists each request's auth, with the collection as JSON text for secret scans. */
export function importedAuths(text: string, format?: Parameters<typeof importAny>[1]) {
  const result = importAny(text, format);
  if (result.kind !== 'collection') throw new Error('not a collection');
  const requests: Array<{ name: string; auth: SavedAuth }> = [];
  const walk = (items: Collection['items']) => {
    for (const item of items) {
      if (item.kind === 'request') requests.push({ name: item.name, auth: item.auth });
      else walk(item.items);
    }
  };
  walk(result.collection.items);
  return { ...result, requests, text: JSON.stringify(result.collection) };
}

/** A Postman v2.1 collection with one request carrying `auth`. */
export function postmanWithAuth(auth: unknown, name = 'Tokens'): string {
  return JSON.stringify({
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'Call', request: { method: 'GET', url: 'https://api.example.com/items', auth } }],
  });
}
