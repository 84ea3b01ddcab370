/**
 * Postman export: a Shomei collection written as a Postman Collection v2.1 file, with the notes
 * that say what the file leaves out (credentials, WebSocket requests, folder headers, options a
 * Postman request cannot hold). Auth, bodies and variables are written by their own modules.
 */
import type postman from 'postman-collection';
import type { Collection, CollectionItem, SavedSendOptions } from '../../../shared/contract/collections';
import type { ExportNote, ExportResult } from './io-types';
import { apiKeyBeside, noteApiKeyBesideContainer, noteSigV4a, writeAuth } from './postman-auth';
import { bodyContentTypeHeader, writeBody } from './postman-body';
import { postmanTestScript } from './postman-test-script';
import { postmanLibrary } from './postman-v21';
import { writeVariables } from './postman-variables';
import { credentialNotes, leftOutNotes, safeFileName } from './shomei-file';
import { stableStringify } from './stable-json';
import { asString, type Json } from './untrusted-json';

/** The schema URL written into Postman v2.1 exports. */
export const POSTMAN_V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

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
    item: postmanItems(collection.items, collection.name, notes),
  };
  const auth = writeAuth(collection.settings.auth);
  if (auth) out.auth = auth;
  noteApiKeyBesideContainer(collection.settings.auth, collection.name, notes);
  const info = out.info as Json;
  noteSigV4a(collection.settings.auth, collection.name, notes, info);
  if (collection.settings.variables.length > 0) out.variable = writeVariables(collection.settings.variables);
  if (collection.settings.headers.length > 0) {
    notes.push({
      path: collection.name,
      message: 'Postman collections have no collection-level headers; they were left out',
    });
  }
  notes.push(...leftOutNotes(collection));
  return { fileName: `${safeFileName(collection.name)}.postman_collection.json`, text: stableStringify(out), notes };
}

/** Postman Collection v2.1 has no WebSocket request: each is left out, with a note saying so. */
function postmanItems(items: readonly CollectionItem[], path: string, notes: ExportNote[]): Json[] {
  return items.flatMap((item) => {
    if (item.kind === 'request' && item.websocket) {
      notes.push({
        path: `${path} / ${item.name}`,
        message:
          'WebSocket requests are not exported: a Postman v2.1 collection cannot hold one (Postman keeps WebSocket requests outside collections); it was left out',
      });
      return [];
    }
    return [writeItem(item, path, notes)];
  });
}

function writeItem(item: CollectionItem, path: string, notes: ExportNote[]): Json {
  const here = `${path} / ${item.name}`;
  if (item.kind === 'folder') {
    const folder: Json = { name: item.name, item: postmanItems(item.items, here, notes) };
    if (item.description !== undefined) folder.description = item.description;
    const auth = writeAuth(item.settings.auth);
    if (auth) folder.auth = auth;
    noteApiKeyBesideContainer(item.settings.auth, here, notes);
    noteSigV4a(item.settings.auth, here, notes, folder);
    if (item.settings.variables.length > 0) folder.variable = writeVariables(item.settings.variables);
    if (item.settings.headers.length > 0)
      notes.push({ path: here, message: 'Postman folders have no headers; they were left out' });
    return folder;
  }
  // Postman has one auth per request: an API key sent beside another auth becomes a header or query parameter.
  const besideKey = apiKeyBeside(item.auth, here, notes);
  const params =
    besideKey?.in === 'query'
      ? [...item.params, { name: besideKey.name, value: besideKey.value, isEnabled: true }]
      : item.params;
  const raw =
    params.filter((p) => p.isEnabled).length > 0
      ? `${item.url}?${params
          .filter((p) => p.isEnabled)
          .map((p) => `${p.name}=${p.value}`)
          .join('&')}`
      : item.url;
  const url = postmanLibrary().Url.parse(raw) as unknown as Json;
  const urlJson: Json = { ...url, raw };
  writePathVariables(urlJson);
  if (params.length > 0)
    urlJson.query = params.map((p) => ({
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
      ...(besideKey?.in === 'header' ? [{ key: besideKey.name, value: besideKey.value, type: 'text' }] : []),
    ],
    url: urlJson,
  };
  if (item.description !== undefined) request.description = item.description;
  const body = writeBody(item.body);
  if (body) request.body = body;
  const auth = writeAuth(item.auth);
  if (auth) request.auth = auth;
  noteSigV4a(item.auth, here, notes, request);
  const behavior = item.options ? writeBehavior(item.options, here, notes) : undefined;
  const tests = postmanTestScript(item.checks ?? [], item.captures ?? []);
  for (const what of tests.left)
    notes.push({ path: here, message: `Postman's test scripts have no ${what}; left out` });
  const event =
    tests.exec.length > 0 ? [{ listen: 'test', script: { type: 'text/javascript', exec: tests.exec } }] : undefined;
  return {
    name: item.name,
    request,
    response: [],
    ...(behavior ? { protocolProfileBehavior: behavior } : {}),
    ...(event ? { event } : {}),
  };
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
  url.raw = new (postmanLibrary().Url)({ ...parts, variable: [] } as postman.UrlDefinition).toString();
  url.variable = variables;
}
