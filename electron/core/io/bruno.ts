import lang from '@usebruno/lang';
import {
  emptySettings,
  type Collection,
  type CollectionItem,
  type Environment,
  type Folder,
  type MultipartPart,
  type SavedAuth,
  type SavedBody,
  type SavedRequest,
  type SavedSendOptions,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import {
  createImportContext,
  dropsImportedHeader,
  isCredentialVariableName,
  isLiteralSecret,
  SET_UP_PROFILE,
  type CollectionImport,
  type EnvironmentImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { createPathVariables, type PathVariables } from './path-variables';
import {
  isOpenCollectionRoot,
  openCollectionRequestToBru,
  readOpenCollectionFolderName,
  readOpenCollectionRoot,
} from './opencollection';
import { parseImportYaml } from './import-yaml';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** One file of a Bruno collection folder: its path relative to the folder (`/`-separated) and text. */
export interface BrunoFile {
  path: string;
  text: string;
}

/** True for the text of a Bruno request file (`meta { … }` and a method block). */
export function looksLikeBru(text: string): boolean {
  return /^meta\s*\{/m.test(text) && /^(get|post|put|delete|patch|head|options|trace|connect)\s*\{/m.test(text);
}

/**
 * Imports a Bruno collection folder through Bruno's own parser (`@usebruno/lang`): each `.bru`
 * request file becomes a request (sub-folders become folders, ordered by `seq`), `bruno.json`
 * names the collection, `environments/*.bru` become environments. Kept: method, URL, query and
 * path params (`:id` → `{{id}}`), headers, bodies, AWS Sig v4 auth (region, service, `profileName`
 * → that AWS profile), redirect and timeout settings, docs. Keys, credential headers, scripts,
 * tests, assertions, request variables and secret environment values are dropped with a report
 * line. Throws `IMPORT_FAILED` when no request file can be read.
 */
export function importBrunoFolder(files: BrunoFile[], options: ImportOptions = {}): CollectionImport {
  const context = createImportContext(options);
  const manifest = files.find((f) => f.path === 'bruno.json');
  let name = options.name ?? 'Imported from Bruno';
  if (manifest) {
    try {
      const parsed: unknown = JSON.parse(manifest.text);
      if (isObject(parsed) && asString(parsed.name).trim() !== '') name = asString(parsed.name).trim().slice(0, 256);
    } catch {
      context.drop(`${name} › bruno.json`, 'collection settings', 'the file is not valid JSON');
    }
  }
  const root = files.find((f) => isOpenCollectionRoot(f.path, f.text));
  const isOpenCollection = root !== undefined;
  const settings = emptySettings();
  const folderNames = new Map<string, string>();
  if (root) {
    try {
      const read = readOpenCollectionRoot(root.text);
      if (read.name !== '') name = read.name.slice(0, 256);
      settings.headers = read.headers.map((h) => ({
        name: asString(h.name),
        value: asString(h.value),
        isEnabled: h.enabled !== false && h.disabled !== true,
      }));
    } catch {
      context.drop(`${name} › ${root.path}`, 'collection settings', 'the YAML cannot be read');
    }
    for (const f of files.filter((f) => /(^|\/)folder\.ya?ml$/.test(f.path))) {
      try {
        const folderName = readOpenCollectionFolderName(f.text);
        if (folderName !== '') folderNames.set(f.path.split('/').slice(0, -1).join('/'), folderName.slice(0, 256));
      } catch {
        context.drop(`${name} / ${f.path}`, 'folder settings', 'the YAML cannot be read');
      }
    }
  }
  const collection: Collection = { id: context.newId(), name, settings, items: [] };
  const pathVariables = createPathVariables(context, settings.variables);
  const folders = new Map<string, Folder>();
  const folderOf = (dir: string): CollectionItem[] => {
    if (dir === '') return collection.items;
    const existing = folders.get(dir);
    if (existing) return existing.items;
    const parts = dir.split('/');
    const folder: Folder = {
      kind: 'folder',
      id: context.newId(),
      name: folderNames.get(dir) ?? (parts[parts.length - 1] as string).slice(0, 256),
      settings: emptySettings(),
      items: [],
    };
    folders.set(dir, folder);
    folderOf(parts.slice(0, -1).join('/')).push(folder);
    return folder.items;
  };
  const environments: EnvironmentImport[] = [];
  const order = new Map<CollectionItem, number>();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const isYaml = isOpenCollection && /\.ya?ml$/.test(file.path);
    if (!file.path.endsWith('.bru') && !isYaml) continue;
    if (file === root || /(^|\/)folder\.ya?ml$/.test(file.path)) continue;
    const where = `${name} / ${file.path}`;
    if (file.path.startsWith('environments/')) {
      environments.push(isYaml ? readYamlEnvironment(file, where, context) : readEnvironment(file, where, context));
      continue;
    }
    const base = file.path.split('/').pop() as string;
    if (base === 'collection.bru' || base === 'folder.bru') {
      context.drop(
        where,
        `${base.replace('.bru', '')} settings`,
        'Shomei reads the requests of a Bruno folder, not its folder-level settings',
      );
      continue;
    }
    let json: Json;
    try {
      const read = isYaml ? openCollectionRequestToBru(file.text) : lang.bruToJsonV2(file.text);
      if (read === undefined) continue;
      json = read;
    } catch (error) {
      context.drop(
        where,
        'request file',
        `Bruno's parser could not read it (${error instanceof Error ? error.message.split('\n')[0] : 'invalid'})`,
      );
      continue;
    }
    const request = readBruRequest(json, base.replace(/\.(bru|ya?ml)$/, ''), where, context, pathVariables);
    if (!request) continue;
    order.set(request, Number(isObject(json.meta) ? json.meta.seq : 0) || 0);
    folderOf(file.path.split('/').slice(0, -1).join('/')).push(request);
  }
  if (context.imported === 0)
    throw new ShomeiError(
      'IMPORT_FAILED',
      'This folder holds no Bruno request (.bru) file Shomei can read. Nothing was imported.',
    );
  const sortItems = (items: CollectionItem[]): void => {
    items.sort((a, b) =>
      a.kind === b.kind ? (order.get(a) ?? 0) - (order.get(b) ?? 0) : a.kind === 'folder' ? -1 : 1,
    );
    for (const item of items) if (item.kind === 'folder') sortItems(item.items);
  };
  sortItems(collection.items);
  return { collection, environments, report: { imported: context.imported, dropped: context.dropped } };
}

/** Imports the text of one `.bru` request file (pasted or opened alone). */
export function importBruFile(text: string, options: ImportOptions = {}): CollectionImport {
  return importBrunoFolder([{ path: 'request.bru', text }], { name: 'Imported from Bruno', ...options });
}

function readBruRequest(
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
  noteUnkept(json, where, context);
  const request: SavedRequest = {
    kind: 'request',
    id: context.newId(),
    name,
    method: (asString(http.method) || 'GET').toUpperCase(),
    url,
    params,
    headers,
    body: readBody(asString(http.body), isObject(json.body) ? json.body : {}),
    auth: readAuth(asString(http.auth), isObject(json.auth) ? json.auth : {}, where, context),
  };
  const docs = asString(json.docs).trim();
  if (docs !== '') request.description = docs.slice(0, 64 * 1024);
  const options = readSettings(json.settings);
  if (Object.keys(options).length > 0) request.options = options;
  context.imported += 1;
  return request;
}

function noteUnkept(json: Json, where: string, context: ImportContext): void {
  const script = isObject(json.script) ? json.script : {};
  const kinds = [
    asString(script.req).trim() !== '' ? 'pre-request' : '',
    asString(script.res).trim() !== '' ? 'post-response' : '',
    asString(json.tests).trim() !== '' ? 'tests' : '',
  ].filter((k) => k !== '');
  if (kinds.length > 0) context.drop(where, `${kinds.join(', ')} scripts`, 'Shomei does not run scripts');
  if (asArray(json.assertions).length > 0) context.drop(where, 'assertions', 'Shomei does not import Bruno assertions');
  const vars = isObject(json.vars) ? json.vars : {};
  const names = [...asArray(vars.req), ...asArray(vars.res)].filter(isObject).map((v) => asString(v.name));
  if (names.length > 0)
    context.drop(
      where,
      `request variables ${names.join(', ')}`,
      'give them a value (collection, folder or environment) before sending',
    );
}

function readBody(mode: string, body: Json): SavedBody {
  switch (mode) {
    case 'json':
      return { kind: 'text', language: 'json', text: asString(body.json) };
    case 'xml':
      return { kind: 'text', language: 'xml', text: asString(body.xml) };
    case 'text':
    case 'sparql':
      return { kind: 'text', language: 'raw', text: asString(body[mode]) };
    case 'formUrlEncoded':
      return {
        kind: 'form-urlencoded',
        rows: asArray(body.formUrlEncoded)
          .filter(isObject)
          .map((r) => ({ name: asString(r.name), value: asString(r.value), isEnabled: r.enabled !== false })),
      };
    case 'multipartForm':
      return {
        kind: 'multipart',
        parts: asArray(body.multipartForm)
          .filter(isObject)
          .map((p): MultipartPart => {
            const isEnabled = p.enabled !== false;
            if (p.type === 'file') {
              const paths = Array.isArray(p.value) ? p.value.map(asString) : [asString(p.value)];
              return { kind: 'file', name: asString(p.name), filePath: paths[0] ?? '', isEnabled };
            }
            return { kind: 'text', name: asString(p.name), value: asString(p.value), isEnabled };
          }),
      };
    default:
      return { kind: 'none' };
  }
}

/** Bruno's `auth:awsv4` as AWS SigV4 auth: keys dropped, a named AWS profile kept as the credential source. */
function readAuth(mode: string, auth: Json, where: string, context: ImportContext): SavedAuth {
  if (mode === 'inherit' || mode === '') return { type: 'inherit' };
  if (mode === 'none') return { type: 'none' };
  if (mode !== 'awsv4') {
    context.drop(
      `${where} › auth`,
      `${mode} auth`,
      'Shomei does not import this Bruno auth mode; its credentials were not imported',
    );
    return { type: 'none' };
  }
  const aws = isObject(auth.awsv4) ? auth.awsv4 : {};
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken'])
    if (asString(aws[key]).trim() !== '') context.drop(`${where} › auth.${key}`, key, SET_UP_PROFILE);
  const profile = asString(aws.profileName).trim();
  return {
    type: 'aws-sigv4',
    credentialSource: profile !== '' ? { source: 'aws-profile', profile } : { source: 'inherit' },
    region: asString(aws.region),
    service: asString(aws.service),
    isQuerySigned: false,
    expiresInSeconds: 900,
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

/** An OpenCollection environment (`name`, `variables: [{ name, value, secret }]`). */
function readYamlEnvironment(file: BrunoFile, where: string, context: ImportContext): EnvironmentImport {
  let doc: unknown;
  try {
    doc = parseImportYaml(file.text);
  } catch {
    doc = undefined;
  }
  const json = isObject(doc) ? doc : {};
  return readEnvironmentJson(
    file,
    asString(json.name),
    json,
    where,
    context,
    isObject(doc) ? undefined : 'the YAML cannot be read',
  );
}

function readEnvironment(file: BrunoFile, where: string, context: ImportContext): EnvironmentImport {
  let json: Json = {};
  let failure: string | undefined;
  try {
    json = lang.bruToEnvJsonV2(file.text);
  } catch {
    failure = "Bruno's parser could not read it";
  }
  return readEnvironmentJson(file, '', json, where, context, failure);
}

function readEnvironmentJson(
  file: BrunoFile,
  givenName: string,
  json: Json,
  where: string,
  context: ImportContext,
  failure: string | undefined,
): EnvironmentImport {
  const name =
    givenName.trim().slice(0, 256) ||
    (file.path.split('/').pop() as string).replace(/\.(bru|ya?ml)$/, '').slice(0, 256) ||
    'Environment';
  const sink = createImportContext({ newId: context.newId });
  const environment: Environment = { id: context.newId(), name, variables: [] };
  if (failure !== undefined) sink.drop(where, 'environment', failure);
  for (const v of asArray(json.variables).filter(isObject)) {
    const variableName = asString(v.name).trim();
    const value = asString(v.value);
    if (variableName === '' || /[{}\r\n]/.test(variableName)) continue;
    if (v.secret === true || (isCredentialVariableName(variableName) && isLiteralSecret(value))) {
      if (value !== '') sink.drop(`${where} › ${variableName}`, 'secret value', SET_UP_PROFILE);
      environment.variables.push({
        id: context.newId(),
        name: variableName,
        value: '',
        isEnabled: v.enabled !== false,
        isSecret: true,
      });
      continue;
    }
    environment.variables.push({
      id: context.newId(),
      name: variableName,
      value,
      isEnabled: v.enabled !== false,
      isSecret: false,
    });
  }
  context.dropped.push(...sink.dropped);
  return { environment, secretValues: {}, report: { imported: environment.variables.length, dropped: sink.dropped } };
}
