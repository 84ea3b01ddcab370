// SigV4's URI encoding, pure and browser-safe: used by the signer in main (request-url.ts) and by
// generated code in the window (codegen), so both encode paths and queries the same way.

const UNRESERVED = /[A-Za-z0-9\-._~]/;
// Most names, values and paths need no escaping at all: those are returned as they are, unscanned.
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const ALL_PATH_SAFE = /^[A-Za-z0-9\-._~/]*$/;

/** Percent-encodes with AWS's rules (RFC 3986 unreserved stay, everything else `%XX`, upper-case). */
export function awsUriEncode(value: string): string {
  if (ALL_UNRESERVED.test(value)) return value;
  // A lone surrogate has no UTF-8 form (encodeURIComponent would throw): it becomes U+FFFD, as TextEncoder does.
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Encodes a path once: keeps `/`, unreserved characters and existing `%XX` escapes (upper-cased),
 * encodes everything else. Typing `/a b` or `/a%20b` gives the same wire path.
 */
export function encodePathOnce(path: string): string {
  if (ALL_PATH_SAFE.test(path)) return path;
  let out = '';
  for (let i = 0; i < path.length; i += 1) {
    const ch = path[i] as string;
    if (ch === '/' || UNRESERVED.test(ch)) {
      out += ch;
    } else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(i + 1, i + 3))) {
      out += `%${path.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else {
      const code = path.codePointAt(i) as number;
      const char = String.fromCodePoint(code);
      out += awsUriEncode(char);
      i += char.length - 1;
    }
  }
  return out;
}

/** Decodes `%XX` escapes; a stray `%` or an invalid UTF-8 sequence stays as typed. `+` stays `+`. */
export function decodeQueryComponent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Splits a raw query string into decoded pairs, in order. */
export function parseQuery(raw: string): Array<[string, string | null]> {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string | null] => {
      const eq = part.indexOf('=');
      if (eq === -1) return [decodeQueryComponent(part), null];
      return [decodeQueryComponent(part.slice(0, eq)), decodeQueryComponent(part.slice(eq + 1))];
    });
}
