// One Bruno request file, as `@usebruno/lang` (or the OpenCollection reader) gives it, as a Shomei request.
import type { SavedRequest, SavedSendOptions } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { dropsImportedHeader, type ImportContext } from './io-types';
import { convertBrunoTests, type BrunoPair } from './bruno-assertions';
import { readBruAuth } from './bruno-auth';
import { readBruBody } from './bruno-body';
import { notePrompts, noteScripts } from './bruno-report-notes';
import type { PathVariables } from './path-variables';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * A parsed request file as a request: method, URL (`:id` path params as `{{id}}`, their values
 * given to `pathVariables`), query params, headers (credential headers dropped), body, auth, checks
 * and captures, docs and send settings. Undefined, with a report line, for a non-HTTP request.
 * Counts the request in `context.imported`.
 */
export function readBruRequest(
  json: Json,
  fileName: string,
  where: string,
  context: ImportContext,
  pathVariables: PathVariables,
): SavedRequest | undefined {
  const meta = isObject(json.meta) ? json.meta : {};
  const http = isObject(json.http) ? json.http : undefined;
  const name = asString(meta.name).trim().slice(0, 256) || fileName;
  if (!http) {
    context.drop(where, `${asString(meta.type) || 'non-HTTP'} request`, 'Shomei sends HTTP requests only');
    return undefined;
  }
  let url = asString(http.url).replace(/[?#][\s\S]*$/, '');
  const params: KeyValueRow[] = [];
  for (const p of asArray(json.params).filter(isObject)) {
    if (p.type === 'path') {
      const key = asString(p.name);
      url = url.replace(new RegExp(`/:${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$)`), `/{{${key}}}`);
      pathVariables.add(key, asString(p.value) === '' ? undefined : asString(p.value), where);
    } else params.push({ name: asString(p.name), value: asString(p.value), isEnabled: p.enabled !== false });
  }
  const headers: KeyValueRow[] = [];
  for (const h of asArray(json.headers).filter(isObject)) {
    const headerName = asString(h.name).trim();
    if (headerName === '') continue;
    if (dropsImportedHeader(context, where, headerName, h.value)) continue;
    headers.push({ name: headerName, value: asString(h.value), isEnabled: h.enabled !== false });
  }
  const tests = readBruTests(json, where, context);
  notePrompts([http, json.params, json.headers, json.body, json.auth], where, context);
  const request: SavedRequest = {
    kind: 'request',
    id: context.newId(),
    name,
    method: (asString(http.method) || 'GET').toUpperCase(),
    url,
    params,
    headers,
    body: readBruBody(asString(http.body), isObject(json.body) ? json.body : {}),
    auth: readBruAuth(asString(http.auth), isObject(json.auth) ? json.auth : {}, where, context),
    ...tests,
  };
  const docs = asString(json.docs).trim();
  if (docs !== '') request.description = docs.slice(0, 64 * 1024);
  const options = readSettings(json.settings);
  if (Object.keys(options).length > 0) request.options = options;
  context.imported += 1;
  return request;
}

/** Bruno's `assert`, `vars:post-response` or `vars:pre-request` lines. */
function pairsOf(value: unknown): BrunoPair[] {
  return asArray(value)
    .filter(isObject)
    .map((v) => ({ name: asString(v.name), value: asString(v.value), enabled: v.enabled !== false }));
}

/**
 * A request's scripts reported; its assertions and post-response variables converted to checks
 * and captures (each line that fits neither reported); its pre-request variables reported.
 */
function readBruTests(json: Json, where: string, context: ImportContext): Pick<SavedRequest, 'checks' | 'captures'> {
  noteScripts(json, where, context);
  const vars = isObject(json.vars) ? json.vars : {};
  const converted = convertBrunoTests(pairsOf(json.assertions), pairsOf(vars.res), context.newId);
  if (converted.dropped.length > 0)
    context.drop(
      where,
      `assertions or post-response variables ${converted.dropped.join('; ').slice(0, 300)}`,
      'only res.status, res.responseTime, res.headers.… and res.body.… paths with the common operators become checks and captures',
    );
  const names = pairsOf(vars.req).map((v) => v.name);
  if (names.length > 0)
    context.drop(
      where,
      `request variables ${names.join(', ')}`,
      'give them a value (collection, folder or environment) before sending',
    );
  return {
    ...(converted.checks.length > 0 ? { checks: converted.checks } : {}),
    ...(converted.captures.length > 0 ? { captures: converted.captures } : {}),
  };
}

function readSettings(settings: unknown): SavedSendOptions {
  const options: SavedSendOptions = {};
  if (!isObject(settings)) return options;
  if (typeof settings.followRedirects === 'boolean') options.isFollowingRedirects = settings.followRedirects;
  const max = Number(settings.maxRedirects);
  if (Number.isInteger(max) && max >= 0 && max <= 50) options.maxRedirects = max;
  const timeout = Number(settings.timeout);
  if (Number.isInteger(timeout) && timeout > 0) options.timeoutMs = timeout;
  return options;
}
