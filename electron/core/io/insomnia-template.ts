// Insomnia's template syntax: `{{ _.name }}` references made Shomei `{{name}}` variables, and the
// Nunjucks `{% … %}` tags Shomei has no equivalent for found and reported.
import type { ImportContext } from './io-types';
import type { Json } from './untrusted-json';

/** Insomnia's `{{ _.name }}` (and `{{ name }}`) become Shomei's `{{name}}`. */
export function convertInsomniaTemplate(text: string): string {
  // Most fields hold no template: skip the regex (and its copy of the string) for them.
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{\s*([A-Za-z0-9_$.\-[\]'"]+?)\s*\}\}/g, (_whole, name: string) => {
    // Plain `_.name` (most references) skips the bracket regex; the prefix is cut without one.
    const dotted = name.includes('[') ? name.replace(/\[['"]?([^'"\]]+)['"]?\]/g, '.$1') : name;
    return `{{${dotted.startsWith('_.') ? dotted.slice(2) : dotted}}}`;
  });
}

/** True when `text` holds a `{% … %}` template tag. */
export function hasTemplateTag(text: string): boolean {
  const open = text.indexOf('{%');
  // indexOf, not a lazy regex: linear on hostile input.
  return open >= 0 && text.indexOf('%}', open) >= 0;
}

/** One report line when a request's URL, headers, body or parameters hold template tags (they are kept as typed). */
export function noteTemplateTags(resource: Json, path: string, context: ImportContext): void {
  if (holdsTemplateTag([resource.url, resource.headers, resource.body, resource.parameters])) {
    context.drop(path, 'template tags ({% … %})', 'Shomei has plain {{variables}} only; the tags were left as typed');
  }
}

/**
 * `hasTemplateTag(JSON.stringify(value))` without writing the JSON out (it took ~5 ms and a 2 MiB
 * string per large import): the strings JSON.stringify would write (object keys and values, in its
 * order) are searched for a `{%` followed, there or in a later string, by a `%}`. Neither pair can
 * span two strings in the JSON (a quote sits between them) nor come from an escape, so the answer
 * is the same. The whole value is walked, as JSON.stringify does; one it might not walk the same
 * way (a cycle, a class instance or boxed primitive, a `toJSON`, a BigInt) goes through it
 * instead, so it also throws the same errors.
 */
function holdsTemplateTag(value: unknown): boolean {
  const state = { open: false, found: false };
  return walkStrings(value, state, new Set()) ? state.found : hasTemplateTag(JSON.stringify(value));
}

/** Feeds every string JSON.stringify would write to `seesTemplateTag`; false when unsure it would walk the same. */
function walkStrings(value: unknown, state: TagSearch, path: Set<object>): boolean {
  if (typeof value === 'string') {
    seesTemplateTag(value, state);
    return true;
  }
  if (typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (path.has(value) || !isPlain(value)) return false;
  path.add(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!walkStrings(item, state, path)) return false;
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      seesTemplateTag(key, state);
      if (!walkStrings(item, state, path)) return false;
    }
  }
  path.delete(value);
  return true;
}

type TagSearch = { open: boolean; found: boolean };

/** `hasTemplateTag` over a sequence of strings: found once a `%}` follows the first `{%`. */
function seesTemplateTag(text: string, state: TagSearch): void {
  if (state.found) return;
  if (state.open) {
    state.found = text.includes('%}');
    return;
  }
  const open = text.indexOf('{%');
  if (open < 0) return;
  state.open = true;
  state.found = text.indexOf('%}', open) >= 0;
}

/** An array or a plain object (what YAML and JSON parsers make), with no `toJSON` of its own. */
function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) ? proto === Array.prototype : proto === Object.prototype || proto === null;
  return plain && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
