/** A row of the Params table. */
export interface ParamRow {
  name: string;
  value: string;
  isEnabled: boolean;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a URL into what stands before the query, the query, and the fragment. */
export function splitUrl(url: string): { base: string; query: string; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  return queryAt === -1
    ? { base: withoutHash, query: '', hash }
    : { base: withoutHash.slice(0, queryAt), query: withoutHash.slice(queryAt + 1), hash };
}

/** The URL's query as decoded rows, in order; `+` stays a literal plus, as AWS reads it. */
export function paramsFromUrl(url: string): ParamRow[] {
  const { query } = splitUrl(url);
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1
        ? { name: decode(part), value: '', isEnabled: true }
        : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)), isEnabled: true };
    });
}

/** Encodes a name or value once for the URL bar; `{{variables}}` stay readable. */
export function encodeParam(text: string): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((piece) => (/^\{\{[^{}]*\}\}$/.test(piece) ? piece : encodeURIComponent(piece)))
    .join('');
}

/** The URL with its query rebuilt from the enabled rows (disabled rows are kept aside, never sent). */
export function urlWithParams(url: string, rows: readonly ParamRow[]): string {
  const { base, hash } = splitUrl(url);
  const query = rows
    .filter((row) => row.isEnabled && (row.name !== '' || row.value !== ''))
    .map((row) => `${encodeParam(row.name)}=${encodeParam(row.value)}`)
    .join('&');
  return `${base}${query === '' ? '' : `?${query}`}${hash}`;
}

/** Rows after the user edited the URL: the URL's params, then the disabled rows they kept aside. */
export function mergeParamsFromUrl(url: string, previous: readonly ParamRow[]): ParamRow[] {
  return [...paramsFromUrl(url), ...previous.filter((row) => !row.isEnabled)];
}
