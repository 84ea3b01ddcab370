import {
  emptySettings,
  type Collection,
  type MultipartPart,
  type SavedAuth,
  type SavedBody,
  type SavedRequest,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { splitQuery } from '../collections/url-query';
import {
  createImportContext,
  CREDENTIAL_HEADERS,
  importFailed,
  parseJsonOrFail,
  SET_UP_PROFILE,
  SIGNING_HEADERS,
  type CollectionImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { asArray, asString, isObject, type Json } from './untrusted-json';

const FORMAT = 'HAR file';

/** Headers the transport writes for each send; a recorded value would be wrong or refused. */
const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/**
 * Imports a HAR 1.2 file (a browser's "Save all as HAR"): each entry becomes a request with its
 * method, URL and query, headers and body (text, form or multipart). Cookies (the `Cookie` header
 * and the `cookies` list), credential headers (`Authorization`, `X-Amz-Security-Token`), signing
 * headers, HTTP/2 pseudo-headers and transport headers are dropped, each with a report line; an
 * `AWS4-HMAC-SHA256` Authorization becomes AWS SigV4 auth with the region and service of its
 * credential scope (never its key or signature). Recorded responses are not kept (one report
 * line). Throws `IMPORT_FAILED` on anything that is not a HAR log.
 */
export function importHar(text: string, options: ImportOptions = {}): CollectionImport {
  const raw = harLog(parseJsonOrFail(text, FORMAT));
  const context = createImportContext(options);
  const pages = asArray(raw.log.pages).filter(isObject);
  const name = asString(pages[0]?.title).trim().slice(0, 256) || options.name || 'Imported HAR';
  const collection: Collection = { id: context.newId(), name, settings: emptySettings(), items: [] };
  let responses = 0;
  for (const [index, entry] of raw.log.entries.entries()) {
    if (!isObject(entry) || !isObject(entry.request)) {
      context.drop(`${name} › entries[${index}]`, 'entry', 'it has no request');
      continue;
    }
    if (isObject(entry.response)) responses += 1;
    collection.items.push(readEntry(entry.request, `${name} › entries[${index}]`, context));
    context.imported += 1;
  }
  if (responses > 0)
    context.drop(name, `${responses} recorded response${responses === 1 ? '' : 's'}`, 'Shomei keeps the requests only');
  return { collection, report: { imported: context.imported, dropped: context.dropped } };
}

/** A HAR log; a single entry or a bare request (as some tools copy one) is read as a log of one. */
function harLog(raw: unknown): { log: Json & { entries: unknown[] } } {
  if (!isObject(raw)) return importFailed(FORMAT, 'the file is not a JSON object');
  if (isObject(raw.log)) {
    const { entries } = raw.log;
    if (!Array.isArray(entries)) return importFailed(FORMAT, 'the "log.entries" list is missing');
    return { log: { ...raw.log, entries } };
  }
  if (isObject(raw.request)) return { log: { entries: [raw] } };
  if (isHarRequest(raw)) return { log: { entries: [{ request: raw }] } };
  return importFailed(FORMAT, 'the "log" object is missing');
}

/** A HAR request object: `method`, `url` and `httpVersion`. */
export function isHarRequest(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.method === 'string' &&
    typeof value.url === 'string' &&
    typeof value.httpVersion === 'string'
  );
}

function readEntry(request: Json, where: string, context: ImportContext): SavedRequest {
  const method = (asString(request.method) || 'GET').toUpperCase();
  const [url, query] = splitQuery(asString(request.url));
  const path = /^[a-z]+:\/\/[^/]*(\/[^?#]*)?/i.exec(url)?.[1] ?? url;
  const here = `${where} ${method} ${path}`.slice(0, 512);
  const headers: KeyValueRow[] = [];
  const dropped = { cookies: 0, credentials: [] as string[], computed: [] as string[] };
  let auth: SavedAuth = { type: 'none' };
  for (const header of asArray(request.headers)) {
    if (!isObject(header)) continue;
    const headerName = asString(header.name).trim();
    const value = asString(header.value);
    const lower = headerName.toLowerCase();
    if (headerName === '') continue;
    if (lower === 'cookie') dropped.cookies += 1;
    else if (CREDENTIAL_HEADERS.has(lower)) {
      dropped.credentials.push(headerName);
      if (lower === 'authorization') auth = awsAuthOf(value) ?? auth;
    } else if (SIGNING_HEADERS.has(lower) || TRANSPORT_HEADERS.has(lower) || headerName.startsWith(':'))
      dropped.computed.push(headerName);
    else headers.push({ name: headerName, value, isEnabled: true });
  }
  const cookieList = asArray(request.cookies).length;
  if (dropped.cookies > 0 || cookieList > 0)
    context.drop(
      `${here} › cookies`,
      'cookies',
      'they are the browser session of the recording; Shomei does not import cookies (add a Cookie header by hand if the API needs one)',
    );
  if (dropped.credentials.length > 0)
    context.drop(`${here} › headers`, `${dropped.credentials.join(', ')} header`, SET_UP_PROFILE);
  if (dropped.computed.length > 0)
    context.drop(`${here} › headers`, `${dropped.computed.join(', ')}`, 'they are written again at every send');
  return {
    kind: 'request',
    id: context.newId(),
    name: `${method} ${path}`.slice(0, 256),
    method,
    url,
    params: query,
    headers,
    body: readPostData(request.postData),
    auth,
  };
}

/** The region and service of a recorded SigV4 `Authorization` header's credential scope; never its key. */
function awsAuthOf(authorization: string): SavedAuth | undefined {
  const scope = /^AWS4-HMAC-SHA256\s+Credential=[^/\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/i.exec(
    authorization,
  );
  if (!scope) return undefined;
  return {
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: scope[1] as string,
    service: scope[2] as string,
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
}

function readPostData(postData: unknown): SavedBody {
  if (!isObject(postData)) return { kind: 'none' };
  const mime = asString(postData.mimeType).toLowerCase();
  const params = asArray(postData.params).filter(isObject);
  // Params without a multipart type are a form (some tools leave `mimeType` out).
  if (params.length > 0 && !mime.startsWith('multipart/form-data'))
    return {
      kind: 'form-urlencoded',
      rows: params.map((p) => ({ name: asString(p.name), value: asString(p.value), isEnabled: true })),
    };
  if (mime.startsWith('multipart/form-data') && params.length > 0)
    return {
      kind: 'multipart',
      parts: params.map((p): MultipartPart => {
        const contentType = asString(p.contentType) || undefined;
        return typeof p.fileName === 'string' && p.fileName !== ''
          ? {
              kind: 'file',
              name: asString(p.name),
              filePath: p.fileName,
              isEnabled: true,
              ...(contentType ? { contentType } : {}),
            }
          : { kind: 'text', name: asString(p.name), value: asString(p.value), isEnabled: true };
      }),
    };
  const text = asString(postData.text);
  if (text === '') return { kind: 'none' };
  return {
    kind: 'text',
    language: mime.includes('json') ? 'json' : mime.includes('xml') ? 'xml' : 'raw',
    text,
    ...(mime !== '' ? { contentType: asString(postData.mimeType) } : {}),
  };
}
