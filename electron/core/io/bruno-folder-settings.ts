// Bruno's `collection.bru` and `folder.bru`: the headers, auth, variables and docs a folder's requests inherit.
import type { InheritedSettings } from '../../../shared/contract/collections';
import { dropsImportedHeader, type ImportContext } from './io-types';
import { readBruAuth } from './bruno-auth';
import { parseBruFolderSettings } from './bruno-parser';
import { notePrompts, noteScripts } from './bruno-report-notes';
import { readBruVariable } from './bruno-variables';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** A `collection.bru` or `folder.bru` read into settings, with a folder's name, order and docs. */
export interface BruFolderSettings {
  settings: InheritedSettings;
  name: string;
  seq: number;
  description: string;
}

/**
 * Reads a `collection.bru` or `folder.bru` through Bruno's parser into `settings`: headers (credential
 * headers dropped), auth, pre-request variables (a literal secret dropped, the variable kept empty
 * and secret), docs; scripts, tests and post-response variables are reported. Undefined, with a
 * report line, when the parser cannot read it.
 */
export function readBruFolderSettings(
  text: string,
  where: string,
  context: ImportContext,
  settings: InheritedSettings,
): BruFolderSettings | undefined {
  let json: Json;
  try {
    json = parseBruFolderSettings(text);
  } catch (error) {
    context.drop(
      where,
      'folder settings',
      `Bruno's parser could not read it (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'})`,
    );
    return undefined;
  }
  for (const h of asArray(json.headers).filter(isObject)) {
    const headerName = asString(h.name).trim();
    if (headerName === '' || dropsImportedHeader(context, where, headerName, h.value)) continue;
    settings.headers.push({ name: headerName, value: asString(h.value), isEnabled: h.enabled !== false });
  }
  const auth = isObject(json.auth) ? json.auth : {};
  settings.auth = readBruAuth(asString(auth.mode), auth, where, context);
  const vars = isObject(json.vars) ? json.vars : {};
  for (const v of asArray(vars.req).filter(isObject)) {
    const variable = readBruVariable(v, `${where} › vars:pre-request`, context);
    if (variable) settings.variables.push(variable);
  }
  const captured = asArray(vars.res)
    .filter(isObject)
    .map((v) => asString(v.name));
  if (captured.length > 0)
    context.drop(
      where,
      `post-response variables ${captured.join(', ')}`,
      'Shomei captures response values per request (Tests tab), not on a folder',
    );
  noteScripts(json, where, context);
  if (asArray(json.assertions).length > 0)
    context.drop(where, 'assertions', 'checks belong to requests in Shomei: add them to the requests of this folder');
  notePrompts([json.headers, json.auth, vars.req], where, context);
  const meta = isObject(json.meta) ? json.meta : {};
  return {
    settings,
    name: asString(meta.name).trim().slice(0, 256),
    seq: Number(meta.seq) || 0,
    description: asString(json.docs)
      .trim()
      .slice(0, 64 * 1024),
  };
}
