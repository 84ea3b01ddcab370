import type postman from 'postman-collection';
import { lazyRequire } from '../lazy-require';
import { splitQuery } from '../collections/url-query';
import { asArray, isObject, type Json } from './untrusted-json';

/**
 * Postman's own library, loaded at its first use: building it (with faker and lodash) took longer
 * than the rest of `shomei run`'s start, and a v2.1 collection with string URLs never needs it
 * (environments, v2.0 files, URL objects without `raw` and exports do).
 */
export const postmanLibrary = lazyRequire<typeof postman>('postman-collection');

/**
 * A Postman v2.1 collection in the shape `new postman.Collection(raw).toJSON()` gives the
 * importer — requests and URLs written as strings become objects, string headers become rows,
 * a script's `exec` string becomes lines — without building the library's object model, which
 * takes most of a second on a 2 MiB file. v2.0 files still go through the library.
 */
export function normalizePostmanV21(raw: Json): Json {
  return { ...raw, event: normalizeEvents(raw.event), item: asArray(raw.item).map(normalizeItem) };
}

function normalizeItem(item: unknown): unknown {
  if (!isObject(item)) return item;
  const out: Json = { ...item, event: normalizeEvents(item.event) };
  if (Array.isArray(item.item)) out.item = item.item.map(normalizeItem);
  if (item.request !== undefined) out.request = normalizeRequest(item.request);
  return out;
}

function normalizeRequest(request: unknown): unknown {
  if (typeof request === 'string') return { method: 'GET', url: normalizeUrl(request), header: [] };
  if (!isObject(request)) return request;
  return { ...request, url: normalizeUrl(request.url), header: normalizeHeaders(request.header) };
}

function normalizeUrl(url: unknown): unknown {
  if (typeof url !== 'string') return url;
  const [, query] = splitQuery(url);
  return { raw: url, query: query.map((q) => ({ key: q.name, value: q.value })) };
}

function normalizeHeaders(header: unknown): unknown {
  if (typeof header !== 'string') return header;
  return header
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });
}

function normalizeEvents(events: unknown): unknown {
  if (!Array.isArray(events)) return events;
  return events.map((event) =>
    isObject(event) && isObject(event.script) && typeof event.script.exec === 'string'
      ? { ...event, script: { ...event.script, exec: event.script.exec.split(/\r?\n/) } }
      : event,
  );
}

/**
 * The address of a Postman URL without its query and fragment: its `raw` text when it has one
 * (what Postman shows and sends), else built from its parts by the library. Path variables stay
 * `:name`.
 */
export function postmanUrlBase(url: Json): string {
  if (typeof url.raw === 'string') return url.raw.replace(/[?#][\s\S]*$/, '');
  return new (postmanLibrary().Url)({
    ...(url as object),
    query: [],
    hash: undefined,
    variable: [],
  } as postman.UrlDefinition).toString();
}
