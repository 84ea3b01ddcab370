/** A JSON object read from an imported file: any key may hold anything. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). Importers read untrusted files through these. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value when it is an array, else an empty one: a malformed list reads as no items, never a throw. */
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Strings as they are, numbers and booleans written out, anything else (objects, null) as ''. */
export const asString = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
