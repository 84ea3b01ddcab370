/**
 * The Postman format's entry point: importing a Postman Collection v2.0 or v2.1 (folders, requests,
 * their send options and inherited test checks) is here; the environment importer and the v2.1
 * exporter live in their own modules and are re-exported, so callers import the format from one
 * place. Auth, bodies, scripts and variables are read by their own `postman-*` modules.
 */
import type postman from 'postman-collection';
import {
  emptySettings,
  type Collection,
  type CollectionItem,
  type Folder,
  type InheritedSettings,
  type SavedRequest,
  type SavedSendOptions,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import {
  createImportContext,
  dropsImportedHeader,
  importFailed,
  parseJsonOrFail,
  type CollectionImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { createPathVariables, type PathVariables } from './path-variables';
import { readAuth, withoutSigV4aNote } from './postman-auth';
import { readBody } from './postman-body';
import { noteScripts } from './postman-scripts';
import type { ConvertedTests } from './postman-tests';
import { normalizePostmanV21, postmanLibrary, postmanUrlBase } from './postman-v21';
import { readVariables } from './postman-variables';
import { asArray, asString, isObject, type Json } from './untrusted-json';

export { exportPostmanCollection, POSTMAN_V21_SCHEMA } from './postman-export';
export { importPostmanEnvironment } from './postman-variables';

const FORMAT = 'Postman collection (v2.0 or v2.1)';
/** The most redirects a Shomei request follows (`SendOptionsSchema`). */
const MAX_REDIRECTS = 50;

const descriptionOf = (v: unknown): string | undefined => {
  // The note a SigV4a export added goes again: the restored algorithm says it.
  const text = withoutSigV4aNote(isObject(v) ? asString(v.content) : asString(v));
  return text === '' ? undefined : text.slice(0, 64 * 1024);
};

/**
 * Imports a Postman Collection v2.0 or v2.1 through the official `postman-collection` package:
 * folders, collection and folder variables, headers, params, bodies of every mode, `awsv4`
 * auth (region, service, "add auth data to query"), and redirect and certificate settings
 * (`protocolProfileBehavior`, handed down from folders to their requests). Access keys, secret keys
 * and session tokens are never imported: they are reported as dropped. Throws `IMPORT_FAILED` on
 * malformed input.
 */
export function importPostmanCollection(text: string, options: ImportOptions = {}): CollectionImport {
  const raw = parseJsonOrFail(text, FORMAT);
  if (!isObject(raw)) importFailed(FORMAT, 'the file is not a JSON object');
  if (Array.isArray(raw.requests) && !('item' in raw)) {
    importFailed(FORMAT, 'this is a Postman v1 collection; export it again from Postman as Collection v2.1');
  }
  const info = raw.info;
  if (!isObject(info)) importFailed(FORMAT, 'the "info" object is missing');
  const schema = asString(info.schema);
  if (!/\/v2\.[01]\.\d+\//.test(schema))
    importFailed(FORMAT, `info.schema "${schema}" is not Postman Collection v2.0 or v2.1`);
  if (!Array.isArray(raw.item)) importFailed(FORMAT, 'the "item" list is missing');

  let normalized: Json;
  try {
    normalized = /\/v2\.1\.\d+\//.test(schema)
      ? normalizePostmanV21(raw)
      : (new (postmanLibrary().Collection)(raw as postman.CollectionDefinition).toJSON() as Json);
  } catch (error) {
    importFailed(
      FORMAT,
      `the Postman library could not read it (${error instanceof Error ? error.message : String(error)})`,
    );
  }

  const context = createImportContext(options);
  const name = asString(info.name).trim() || options.name || 'Imported from Postman';
  const settings = emptySettings();
  settings.auth = readAuth(normalized.auth, name, context, true);
  settings.variables = readVariables(raw.variable, name, context);
  const collection: Collection = { id: context.newId(), name, settings, items: [] };
  const description = descriptionOf(info.description);
  if (description !== undefined) collection.description = description;
  const tests = noteScripts(normalized, name, context);
  const sendOptions = readBehavior(normalized.protocolProfileBehavior, name, context);
  const pathVariables = createPathVariables(context, settings.variables);
  collection.items = readItems(
    asArray(normalized.item),
    asArray(raw.item),
    name,
    { context, pathVariables },
    { options: sendOptions, tests },
  );
  return { collection, report: { imported: context.imported, dropped: context.dropped } };
}

interface Reader {
  context: ImportContext;
  pathVariables: PathVariables;
}

/**
 * What the enclosing collection and folders hand down, as Postman does: their send options, and
 * the checks and captures of their test scripts (Postman runs them after every request below,
 * collection first, then each folder, then the request's own).
 */
interface Inherited {
  options: SavedSendOptions;
  tests: Pick<ConvertedTests, 'checks' | 'captures'>;
}

function readItems(
  items: unknown[],
  rawItems: unknown[],
  path: string,
  reader: Reader,
  inherited: Inherited,
): CollectionItem[] {
  const { context } = reader;
  const out: CollectionItem[] = [];
  items.forEach((item, index) => {
    if (!isObject(item)) return;
    const raw = rawItems[index];
    const rawItem = isObject(raw) ? raw : {};
    const name = asString(item.name).trim() || 'Untitled';
    const here = `${path} / ${name}`;
    const own = noteScripts(item, here, context);
    const tests = {
      checks: [...inherited.tests.checks, ...own.checks],
      captures: [...inherited.tests.captures, ...own.captures],
    };
    const options = { ...inherited.options, ...readBehavior(item.protocolProfileBehavior, here, context) };
    if (Array.isArray(item.item)) {
      const settings: InheritedSettings = emptySettings();
      settings.auth = readAuth(item.auth, here, context, true);
      // The library does not keep folder variables; they are read from the file itself.
      settings.variables = readVariables(rawItem.variable, here, context);
      const folder: Folder = {
        kind: 'folder',
        id: context.newId(),
        name,
        settings,
        items: readItems(item.item, asArray(rawItem.item), here, reader, { options, tests }),
      };
      const description = descriptionOf(item.description);
      if (description !== undefined) folder.description = description;
      out.push(folder);
      return;
    }
    if (!isObject(item.request)) {
      context.drop(here, 'item', 'it has no request');
      return;
    }
    if (asArray(item.response).length > 0)
      context.drop(here, 'saved example responses', 'Shomei does not keep example responses');
    const saved = readRequest(item.request, name, here, reader, options);
    // Each request gets its own copy of an inherited check or capture (ids are unique in a collection).
    if (tests.checks.length > 0) saved.checks = tests.checks.map((c) => ({ ...c, id: context.newId() }));
    if (tests.captures.length > 0) saved.captures = tests.captures.map((c) => ({ ...c, id: context.newId() }));
    out.push(saved);
    context.imported += 1;
  });
  return out;
}

function readRequest(
  request: Json,
  name: string,
  path: string,
  { context, pathVariables }: Reader,
  options: SavedSendOptions,
): SavedRequest {
  const url = isObject(request.url) ? request.url : {};
  const params: KeyValueRow[] = asArray(url.query).flatMap((q) =>
    isObject(q)
      ? [
          {
            name: asString(q.key),
            value: q.value === null || q.value === undefined ? '' : asString(q.value),
            isEnabled: q.disabled !== true,
          },
        ]
      : [],
  );
  let base = postmanUrlBase(url);
  // Postman path variables (`/:id`) become `{{id}}`, their value a collection variable (exports write them back as `:id`).
  for (const variable of asArray(url.variable)) {
    if (!isObject(variable)) continue;
    const key = asString(variable.key);
    if (key === '' || /[{}\r\n]/.test(key)) continue;
    const value = asString(variable.value);
    base = base.replace(new RegExp(`/:${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$)`), `/{{${key}}}`);
    pathVariables.add(key, value === '' ? undefined : value, path);
  }
  const headers: KeyValueRow[] = [];
  for (const header of asArray(request.header)) {
    if (!isObject(header)) continue;
    const key = asString(header.key);
    if (dropsImportedHeader(context, path, key, header.value)) continue;
    headers.push({ name: key, value: asString(header.value), isEnabled: header.disabled !== true });
  }
  const saved: SavedRequest = {
    kind: 'request',
    id: context.newId(),
    name,
    method: (asString(request.method) || 'GET').toUpperCase(),
    url: base,
    params,
    headers,
    body: readBody(request.body, path, context),
    auth: readAuth(request.auth, path, context, false),
  };
  const description = descriptionOf(request.description);
  if (description !== undefined) saved.description = description;
  if (Object.keys(options).length > 0) saved.options = options;
  return saved;
}

/**
 * Postman's `protocolProfileBehavior` as Shomei send options: `followRedirects`, `maxRedirects` and
 * `strictSSL` (certificate verification). Any other setting is reported as dropped.
 */
function readBehavior(behavior: unknown, path: string, context: ImportContext): SavedSendOptions {
  const options: SavedSendOptions = {};
  if (!isObject(behavior)) return options;
  for (const [key, value] of Object.entries(behavior)) {
    const where = `${path} › protocolProfileBehavior.${key}`;
    if (key === 'followRedirects' && typeof value === 'boolean') options.isFollowingRedirects = value;
    else if (key === 'strictSSL' && typeof value === 'boolean') options.isTlsVerified = value;
    else if (key === 'maxRedirects' && typeof value === 'number' && Number.isInteger(value) && value >= 0) {
      options.maxRedirects = Math.min(value, MAX_REDIRECTS);
      if (value > MAX_REDIRECTS)
        context.drop(where, `${value} redirects`, `Shomei follows at most ${MAX_REDIRECTS}; it was set to that`);
    } else if (!(key === 'disableBodyPruning' && value === true)) {
      // Keeping a GET body (`disableBodyPruning`) is what Shomei does anyway; anything else has no equivalent.
      context.drop(where, 'setting', 'Shomei has no equivalent');
    }
  }
  return options;
}
