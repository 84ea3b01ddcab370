import { createAuthImport } from '../auth/interop';
import { authFromPostman, authToPostman } from '../auth/registry';
import postman from 'postman-collection';
import {
  CredentialRefSchema,
  emptySettings,
  type Collection,
  type CollectionItem,
  type CredentialRef,
  type Environment,
  type Folder,
  type InheritedSettings,
  type MultipartPart,
  type SavedAuth,
  type SavedBody,
  type SavedRequest,
  type SavedSendOptions,
  type Variable,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { graphqlBodyFromImport, parseGraphqlBody } from '../../../shared/graphql/graphql-body';
import { walkItems } from '../collections/tree';
import {
  createImportContext,
  dropsImportedHeader,
  importFailed,
  isCredentialVariableName,
  isLiteralSecret,
  parseJsonOrFail,
  SET_UP_PROFILE,
  type CollectionImport,
  type EnvironmentImport,
  type ExportNote,
  type ExportResult,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { normalizePostmanV21, postmanUrlBase } from './postman-v21';
import { createPathVariables, type PathVariables } from './path-variables';
import { convertPostmanTests, postmanTestScript, type ConvertedTests } from './postman-tests';
import { credentialNotes, safeFileName } from './shomei-file';
import { stableStringify } from './stable-json';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** The schema URL written into Postman v2.1 exports. */
export const POSTMAN_V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/**
 * The extra `awsv4` auth parameter in which Shomei keeps the credential source of an exported
 * request (e.g. `{"source":"profile","profileId":"dev"}`), so Postman → Shomei restores it.
 * Postman ignores auth parameters it does not know.
 */
export const SHOMEI_CREDENTIALS_KEY = 'shomeiCredentials';

/**
 * The extra `awsv4` parameter Shomei writes when a request's region is empty (Shomei reads it from
 * the host at send time), so that importing the export again keeps it empty instead of taking
 * Postman's `us-east-1`.
 */
export const SHOMEI_REGION_FROM_HOST_KEY = 'shomeiRegionFromHost';

const FORMAT = 'Postman collection (v2.0 or v2.1)';
/** The region Postman signs with when an awsv4 auth has none. */
const POSTMAN_DEFAULT_REGION = 'us-east-1';
/** The most redirects a Shomei request follows (`SendOptionsSchema`). */
const MAX_REDIRECTS = 50;

const descriptionOf = (v: unknown): string | undefined => {
  const text = isObject(v) ? asString(v.content) : asString(v);
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
      : (new postman.Collection(raw as postman.CollectionDefinition).toJSON() as Json);
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
  noteScripts(normalized, name, context, false);
  const sendOptions = readBehavior(normalized.protocolProfileBehavior, name, context);
  const pathVariables = createPathVariables(context, settings.variables);
  collection.items = readItems(
    asArray(normalized.item),
    asArray(raw.item),
    name,
    { context, pathVariables },
    sendOptions,
  );
  return { collection, report: { imported: context.imported, dropped: context.dropped } };
}

/** Reads items; `inherited` holds the send options set on the enclosing folders, which Postman hands down. */
interface Reader {
  context: ImportContext;
  pathVariables: PathVariables;
}

function readItems(
  items: unknown[],
  rawItems: unknown[],
  path: string,
  reader: Reader,
  inherited: SavedSendOptions,
): CollectionItem[] {
  const { context } = reader;
  const out: CollectionItem[] = [];
  items.forEach((item, index) => {
    if (!isObject(item)) return;
    const raw = rawItems[index];
    const rawItem = isObject(raw) ? raw : {};
    const name = asString(item.name).trim() || 'Untitled';
    const here = `${path} / ${name}`;
    const tests = noteScripts(item, here, context, !Array.isArray(item.item) && isObject(item.request));
    const options = { ...inherited, ...readBehavior(item.protocolProfileBehavior, here, context) };
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
        items: readItems(item.item, asArray(rawItem.item), here, reader, options),
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
    if (tests.checks.length > 0) saved.checks = tests.checks;
    if (tests.captures.length > 0) saved.captures = tests.captures;
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

function readBody(body: unknown, path: string, context: ImportContext): SavedBody {
  if (!isObject(body) || body.disabled === true) return { kind: 'none' };
  switch (body.mode) {
    case 'raw': {
      const options = isObject(body.options) && isObject(body.options.raw) ? body.options.raw : {};
      const language = asString(options.language);
      return {
        kind: 'text',
        language: language === 'json' ? 'json' : language === 'xml' ? 'xml' : 'raw',
        text: asString(body.raw),
      };
    }
    case 'urlencoded':
      return {
        kind: 'form-urlencoded',
        rows: asArray(body.urlencoded).flatMap((p) =>
          isObject(p) ? [{ name: asString(p.key), value: asString(p.value), isEnabled: p.disabled !== true }] : [],
        ),
      };
    case 'formdata': {
      const parts: MultipartPart[] = [];
      for (const p of asArray(body.formdata)) {
        if (!isObject(p)) continue;
        const contentType = asString(p.contentType) || undefined;
        if (p.type === 'file') {
          const sources = Array.isArray(p.src) ? p.src.map(asString) : [asString(p.src)];
          if (sources.length > 1)
            context.drop(
              `${path} › body ${asString(p.key)}`,
              'extra files',
              'a multipart part holds one file in Shomei; the first was kept',
            );
          parts.push({
            kind: 'file',
            name: asString(p.key),
            filePath: sources[0] ?? '',
            isEnabled: p.disabled !== true,
            ...(contentType ? { contentType } : {}),
          });
        } else {
          parts.push({
            kind: 'text',
            name: asString(p.key),
            value: asString(p.value),
            isEnabled: p.disabled !== true,
            ...(contentType ? { contentType } : {}),
          });
        }
      }
      return { kind: 'multipart', parts };
    }
    case 'file': {
      const file = isObject(body.file) ? body.file : {};
      if (typeof file.content === 'string' && asString(file.src) === '')
        return { kind: 'text', language: 'raw', text: file.content };
      return { kind: 'binary', filePath: asString(file.src) };
    }
    case 'graphql': {
      const graphql = isObject(body.graphql) ? body.graphql : {};
      return { kind: 'text', language: 'graphql', text: graphqlBodyFromImport(graphql.query, graphql.variables, graphql.operationName) };
    }
    default:
      return { kind: 'none' };
  }
}

function readAuth(auth: unknown, path: string, context: ImportContext, isContainer: boolean): SavedAuth {
  if (!isObject(auth)) return { type: 'inherit' };
  const type = asString(auth.type);
  if (type === 'noauth') return { type: 'none' };
  if (type === 'inherit' || type === '') return { type: 'inherit' };
  const params = new Map<string, unknown>();
  for (const p of asArray(auth[type])) if (isObject(p)) params.set(asString(p.key), p.value);
  if (type !== 'awsv4') {
    const mapped = authFromPostman(type, params, createAuthImport(path, context));
    if (mapped) return mapped;
    context.drop(`${path} › auth`, `${type} auth`, 'Shomei does not send this kind of auth; its credentials were not imported');
    return isContainer ? { type: 'inherit' } : { type: 'none' };
  }
  for (const key of ['accessKey', 'secretKey', 'sessionToken']) {
    const value = params.get(key);
    if (isLiteralSecret(value)) context.drop(`${path} › auth.${key}`, key, SET_UP_PROFILE);
    else if (typeof value === 'string' && value.trim() !== '')
      context.drop(`${path} › auth.${key}`, `${key} variable ${value.trim()}`, SET_UP_PROFILE);
  }
  let credentials: CredentialRef = { source: 'inherit' };
  const marker = params.get(SHOMEI_CREDENTIALS_KEY);
  if (typeof marker === 'string') {
    try {
      const parsed = CredentialRefSchema.safeParse(JSON.parse(marker));
      if (parsed.success) credentials = parsed.data;
    } catch {
      // Not ours after all: keep `inherit`.
    }
  }
  const addToQuery = params.get('addAuthDataToQuery');
  return {
    type: 'aws-sigv4',
    credentialSource: credentials,
    region:
      params.get(SHOMEI_REGION_FROM_HOST_KEY) === true
        ? asString(params.get('region'))
        : awsRegion(params.get('region'), path, context),
    service: asString(params.get('service')),
    isQuerySigned: addToQuery === true || addToQuery === 'true',
    expiresInSeconds: 900,
  };
}

/** Postman signs with `us-east-1` when an awsv4 auth leaves the region empty; the import says so and fills it. */
function awsRegion(value: unknown, path: string, context: ImportContext): string {
  const region = asString(value).trim();
  if (region !== '') return region;
  context.drop(
    `${path} › auth.region`,
    'empty region',
    `Postman signs with ${POSTMAN_DEFAULT_REGION} when the region is empty; it was filled in`,
  );
  return POSTMAN_DEFAULT_REGION;
}

function readVariables(variables: unknown, path: string, context: ImportContext): Variable[] {
  const out: Variable[] = [];
  for (const v of asArray(variables)) {
    if (!isObject(v)) continue;
    const name = asString(v.key ?? v.id).trim();
    if (name === '' || /[{}\r\n]/.test(name)) continue;
    const value = asString(v.value);
    if (isCredentialVariableName(name) && isLiteralSecret(value)) {
      context.drop(`${path} › variable ${name}`, 'credential value', SET_UP_PROFILE);
      continue;
    }
    const isSecret = v.type === 'secret';
    if (isSecret && value !== '')
      context.drop(
        `${path} › variable ${name}`,
        'secret value',
        'secret values are not read from files; set it again in Shomei, which keeps it in the vault',
      );
    out.push({ id: context.newId(), name, value: isSecret ? '' : value, isEnabled: v.disabled !== true, isSecret });
  }
  return out;
}

/**
 * Scripts never run in Shomei. A request's test script is read for its common shapes, which become
 * checks and captures (`convertPostmanTests`); every other statement, pre-request scripts, and the
 * scripts of folders and collections are reported as dropped, with the variables they would set.
 */
function noteScripts(item: Json, path: string, context: ImportContext, isRequest: boolean): ConvertedTests {
  const converted: ConvertedTests = { checks: [], captures: [], dropped: [] };
  const scripts = asArray(item.event).flatMap((e) =>
    isObject(e) && isObject(e.script) ? [{ listen: asString(e.listen), source: asArray(e.script.exec).map(asString).join('\n') }] : [],
  );
  const unread: string[] = [];
  for (const { listen, source } of scripts) {
    if (source.trim() === '') continue;
    if (listen === 'test' && isRequest) {
      const tests = convertPostmanTests(source, context.newId);
      converted.checks.push(...tests.checks);
      converted.captures.push(...tests.captures);
      converted.dropped.push(...tests.dropped);
      unread.push(tests.dropped.join('\n'));
    } else {
      context.drop(
        path,
        listen === 'prerequest' ? 'pre-request script' : `${listen || 'event'} script`,
        isRequest || listen !== 'test' ? 'Shomei does not run scripts' : 'test scripts of folders and collections are not converted: add the checks to the requests',
      );
      unread.push(source);
    }
  }
  for (const statement of converted.dropped) context.drop(path, `test script statement \`${statement}\``, 'Shomei reads only the common test shapes and never runs a script');
  const captured = new Set(converted.captures.map((c) => c.variable));
  const names = variablesSetByScript(unread.join('\n')).filter((name) => !captured.has(name));
  if (names.length > 0)
    context.drop(
      path,
      `variables its scripts set: ${names.join(', ')}`,
      'no script sets them in Shomei; give them a value (collection, folder or environment) before sending',
    );
  return converted;
}

/**
 * The names a script sets with `pm.*.set("name", …)` (Insomnia's `insomnia.*.set` alike) or
 * Postman's legacy `postman.set*Variable("name", …)`.
 */
export function variablesSetByScript(source: string): string[] {
  const names = new Set<string>();
  const pattern =
    /\b(?:(?:pm|insomnia)\.(?:environment|globals|collectionVariables|variables|baseEnvironment|iterationData)\.set|postman\.set(?:Environment|Global)Variable)\s*\(\s*(['"`])([^'"`\r\n]{1,256})\1/g;
  for (const match of source.matchAll(pattern)) names.add(match[2] as string);
  return [...names];
}

/**
 * Imports a Postman environment export (`{ name, values: [{ key, value, enabled, type }] }`).
 * `secret`-typed values go to `secretValues` (for the vault); AWS credential variables are dropped.
 */
export function importPostmanEnvironment(text: string, options: ImportOptions = {}): EnvironmentImport {
  const format = 'Postman environment';
  const raw = parseJsonOrFail(text, format);
  if (!isObject(raw) || !Array.isArray(raw.values)) importFailed(format, 'the "values" list is missing');
  // The library reads the variables (keys, values, types) the way Postman does.
  const scope = new postman.VariableScope(raw as unknown as postman.VariableScopeDefinition) as unknown as {
    values: { idx(index: number): { key?: unknown } | undefined };
  };
  const context = createImportContext(options);
  const name = asString(raw.name).trim() || options.name || 'Imported environment';
  const environment: Environment = { id: context.newId(), name, variables: [] };
  const secretValues: Record<string, string> = {};
  raw.values.forEach((entry, index) => {
    const variable = scope.values.idx(index);
    if (!isObject(entry) || !variable) return;
    const key = asString(variable.key).trim();
    if (key === '' || /[{}\r\n]/.test(key)) {
      context.drop(`${name} › values[${index}]`, 'variable', 'its name is empty or has braces');
      return;
    }
    const value = asString(entry.value);
    if (isCredentialVariableName(key) && isLiteralSecret(value)) {
      context.drop(`${name} › ${key}`, 'credential value', SET_UP_PROFILE);
      return;
    }
    const isSecret = entry.type === 'secret';
    const id = context.newId();
    environment.variables.push({
      id,
      name: key,
      value: isSecret ? '' : value,
      isEnabled: entry.enabled !== false,
      isSecret,
    });
    if (isSecret && value !== '') secretValues[id] = value;
    context.imported += 1;
  });
  return { environment, secretValues, report: { imported: context.imported, dropped: context.dropped } };
}

/**
 * Exports a collection as Postman Collection v2.1. AWS auth becomes `awsv4` with empty key fields
 * and the credential source kept in `shomeiCredentials`; secret variables are written empty;
 * redirect and certificate options become `protocolProfileBehavior`. The notes say which
 * credential profiles to set up and what Postman cannot hold (folder headers, a request's timeout…).
 */
export function exportPostmanCollection(collection: Collection): ExportResult {
  const notes: ExportNote[] = [...credentialNotes(collection)];
  const out: Json = {
    info: {
      _postman_id: collection.id,
      name: collection.name,
      ...(collection.description !== undefined ? { description: collection.description } : {}),
      schema: POSTMAN_V21_SCHEMA,
    },
    item: collection.items.map((item) => writeItem(item, collection.name, notes)),
  };
  const auth = writeAuth(collection.settings.auth);
  if (auth) out.auth = auth;
  if (collection.settings.variables.length > 0) out.variable = writeVariables(collection.settings.variables);
  if (collection.settings.headers.length > 0) {
    notes.push({
      path: collection.name,
      message: 'Postman collections have no collection-level headers; they were left out',
    });
  }
  return { fileName: `${safeFileName(collection.name)}.postman_collection.json`, text: stableStringify(out), notes };
}

function writeItem(item: CollectionItem, path: string, notes: ExportNote[]): Json {
  const here = `${path} / ${item.name}`;
  if (item.kind === 'folder') {
    const folder: Json = { name: item.name, item: item.items.map((child) => writeItem(child, here, notes)) };
    if (item.description !== undefined) folder.description = item.description;
    const auth = writeAuth(item.settings.auth);
    if (auth) folder.auth = auth;
    if (item.settings.variables.length > 0) folder.variable = writeVariables(item.settings.variables);
    if (item.settings.headers.length > 0)
      notes.push({ path: here, message: 'Postman folders have no headers; they were left out' });
    return folder;
  }
  const raw =
    item.params.filter((p) => p.isEnabled).length > 0
      ? `${item.url}?${item.params
          .filter((p) => p.isEnabled)
          .map((p) => `${p.name}=${p.value}`)
          .join('&')}`
      : item.url;
  const url = postman.Url.parse(raw) as unknown as Json;
  const urlJson: Json = { ...url, raw };
  writePathVariables(urlJson);
  if (item.params.length > 0)
    urlJson.query = item.params.map((p) => ({
      key: p.name,
      value: p.value,
      ...(p.isEnabled ? {} : { disabled: true }),
    }));
  else delete urlJson.query;
  const request: Json = {
    method: item.method,
    header: [
      ...item.headers.map((h) => ({
        key: h.name,
        value: h.value,
        type: 'text',
        ...(h.isEnabled ? {} : { disabled: true }),
      })),
      ...bodyContentTypeHeader(item),
    ],
    url: urlJson,
  };
  if (item.description !== undefined) request.description = item.description;
  const body = writeBody(item.body);
  if (body) request.body = body;
  const auth = writeAuth(item.auth);
  if (auth) request.auth = auth;
  const behavior = item.options ? writeBehavior(item.options, here, notes) : undefined;
  const tests = postmanTestScript(item.checks ?? [], item.captures ?? []);
  for (const what of tests.left) notes.push({ path: here, message: `Postman's test scripts have no ${what}; left out` });
  const event = tests.exec.length > 0 ? [{ listen: 'test', script: { type: 'text/javascript', exec: tests.exec } }] : undefined;
  return { name: item.name, request, response: [], ...(behavior ? { protocolProfileBehavior: behavior } : {}), ...(event ? { event } : {}) };
}

/**
 * A request's redirect and certificate options as Postman's `protocolProfileBehavior`; the notes
 * name the options a Postman request cannot hold (timeout, CA bundle, proxy, connect-to).
 */
function writeBehavior(options: SavedSendOptions, path: string, notes: ExportNote[]): Json | undefined {
  const behavior: Json = {
    ...(options.isFollowingRedirects !== undefined ? { followRedirects: options.isFollowingRedirects } : {}),
    ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    ...(options.isTlsVerified !== undefined ? { strictSSL: options.isTlsVerified } : {}),
  };
  const leftOut = (
    [
      ['timeout', options.timeoutMs],
      ['CA bundle', options.caBundlePem],
      ['proxy', options.proxyUrl],
      ['connect-to address', options.connectTo],
    ] as const
  )
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (leftOut.length > 0)
    notes.push({ path, message: `Postman requests have no ${leftOut.join(', ')} of their own; left out` });
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}

/**
 * A path segment that is exactly `{{name}}` is written as Postman's `:name` path variable with the
 * value `{{name}}`: Postman sends the same thing, and importing it again gives back `{{name}}`.
 */
function writePathVariables(url: Json): void {
  if (!Array.isArray(url.path)) return;
  const variables: Json[] = [];
  url.path = url.path.map((segment: unknown) => {
    const name = /^\{\{([^{}]+)\}\}$/.exec(asString(segment))?.[1];
    if (name === undefined || !/^[A-Za-z0-9_.-]+$/.test(name)) return segment;
    variables.push({ key: name, value: `{{${name}}}` });
    return `:${name}`;
  });
  if (variables.length === 0) return;
  const { raw: _raw, ...parts } = url;
  // Without `variable`, or the library would write their values into the path.
  url.raw = new postman.Url({ ...parts, variable: [] } as postman.UrlDefinition).toString();
  url.variable = variables;
}

/** Postman's file body has no content type of its own: a binary body's type travels as a header. */
function bodyContentTypeHeader(item: SavedRequest): Json[] {
  if (item.body.kind !== 'binary' || item.body.contentType === undefined) return [];
  if (item.headers.some((h) => h.name.toLowerCase() === 'content-type')) return [];
  return [{ key: 'Content-Type', value: item.body.contentType, type: 'text' }];
}

function writeBody(body: SavedBody): Json | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'text':
      if (body.language === 'graphql') return postmanGraphqlBody(body.text);
      return {
        mode: 'raw',
        raw: body.text,
        options: { raw: { language: body.language === 'raw' ? 'text' : body.language } },
      };
    case 'form-urlencoded':
      return {
        mode: 'urlencoded',
        urlencoded: body.rows.map((r) => ({
          key: r.name,
          value: r.value,
          type: 'text',
          ...(r.isEnabled ? {} : { disabled: true }),
        })),
      };
    case 'multipart':
      return {
        mode: 'formdata',
        formdata: body.parts.map((p) => ({
          key: p.name,
          ...(p.kind === 'text' ? { type: 'text', value: p.value } : { type: 'file', src: p.filePath }),
          ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
          ...(p.isEnabled ? {} : { disabled: true }),
        })),
      };
    case 'binary':
      return { mode: 'file', file: { src: body.filePath } };
  }
}

function writeAuth(auth: SavedAuth): Json | undefined {
  if (auth.type === 'inherit') return undefined;
  if (auth.type === 'none') return { type: 'noauth' };
  if (auth.type !== 'aws-sigv4') {
    // Bearer, Basic, API key: their module's mapping; secret fields carry only {{references}}.
    const mapped = authToPostman(auth);
    return mapped ? { type: mapped.type, [mapped.type]: mapped.params as unknown as Json[] } : undefined;
  }
  // Security: key fields stay empty; the receiver fills them from their own credentials.
  const params: Json[] = [
    { key: 'accessKey', value: '', type: 'string' },
    { key: 'secretKey', value: '', type: 'string' },
    { key: 'region', value: auth.region, type: 'string' },
    { key: 'service', value: auth.service, type: 'string' },
    { key: 'addAuthDataToQuery', value: auth.isQuerySigned, type: 'boolean' },
  ];
  if (auth.region.trim() === '') params.push({ key: SHOMEI_REGION_FROM_HOST_KEY, value: true, type: 'boolean' });
  if (auth.credentialSource.source !== 'inherit')
    params.push({ key: SHOMEI_CREDENTIALS_KEY, value: JSON.stringify(auth.credentialSource), type: 'string' });
  return { type: 'awsv4', awsv4: params };
}

function writeVariables(variables: readonly Variable[]): Json[] {
  return variables.map((v) => ({
    key: v.name,
    // Security: secret values live in the vault and are never exported.
    value: v.isSecret ? '' : v.value,
    type: v.isSecret ? 'secret' : 'string',
    ...(v.isEnabled ? {} : { disabled: true }),
  }));
}

/** Counts the requests a Postman export holds, for tests and reports. */
export function countPostmanRequests(collection: Collection): number {
  let n = 0;
  walkItems(collection.items, (item) => {
    if (item.kind === 'request') n += 1;
  });
  return n;
}

/** Postman's `graphql` body mode for a GraphQL body; one that does not read back as GraphQL stays raw JSON. */
function postmanGraphqlBody(text: string): Json {
  const parts = parseGraphqlBody(text);
  if (!parts) return { mode: 'raw', raw: text, options: { raw: { language: 'json' } } };
  return { mode: 'graphql', graphql: { query: parts.query, variables: parts.variables } };
}
