import type { KeyValueRow } from '../../../shared/contract/http';

/**
 * Splits `url` into the address (without query or fragment) and its query rows exactly as typed,
 * not decoded, so nothing is encoded twice when they are joined again.
 */
export function splitQuery(url: string): [string, KeyValueRow[]] {
  const hash = url.indexOf('#');
  const withoutHash = hash >= 0 ? url.slice(0, hash) : url;
  const q = withoutHash.indexOf('?');
  if (q < 0) return [withoutHash, []];
  const rows = withoutHash
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { name: part, value: '', isEnabled: true }
        : { name: part.slice(0, eq), value: part.slice(eq + 1), isEnabled: true };
    });
  return [withoutHash.slice(0, q), rows];
}

/** Joins an address and the enabled query rows as typed: `a=1&b=2`. */
export function joinQuery(base: string, rows: readonly KeyValueRow[]): string {
  const query = rows.filter((r) => r.isEnabled).map((r) => `${r.name}=${r.value}`);
  return query.length === 0 ? base : `${base}${base.includes('?') ? '&' : '?'}${query.join('&')}`;
}
