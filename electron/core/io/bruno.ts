// Bruno import: a collection folder's layout (`bruno.json`, `collection.bru`, sub-folders with
// `folder.bru`, request files ordered by `seq`, `environments/`, or an OpenCollection YAML folder)
// read into one collection. Each file kind is read by its own module (`bruno-*.ts`).
import { emptySettings, type Collection, type CollectionItem, type Folder } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import { createImportContext, type CollectionImport, type EnvironmentImport, type ImportOptions } from './io-types';
import { readBruFolderSettings, type BruFolderSettings } from './bruno-folder-settings';
import { parseBruRequest } from './bruno-parser';
import { readBruRequest } from './bruno-request';
import { readBruEnvironment, readYamlEnvironment } from './bruno-variables';
import { createPathVariables } from './path-variables';
import {
  isOpenCollectionRoot,
  openCollectionRequestToBru,
  readOpenCollectionFolderName,
  readOpenCollectionRoot,
} from './opencollection';
import { asString, isObject, type Json } from './untrusted-json';

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
 * → that AWS profile), Bearer, Basic and API-key auth (their secrets only as `{{variables}}`),
 * redirect and timeout settings, docs. `collection.bru` and each `folder.bru` become the
 * collection's and folders' settings: headers, auth (inherited by the requests below), pre-request
 * variables, docs, and a folder's name and `seq`. A request's assertions and post-response
 * variables become checks and captures where they fit (`bruno-assertions.ts`). Keys, credential
 * headers, scripts, tests, other assertions, folder post-response and request variables, prompts
 * (`{{?…}}`) and secret environment values are dropped with a report line. Throws `IMPORT_FAILED` when no request file can be read.
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
  // collection.bru and folder.bru first: a folder takes its name and settings when it is made.
  const folderFiles = new Map<string, BruFolderSettings>();
  let collectionDescription = '';
  for (const file of files) {
    const base = file.path.split('/').pop() as string;
    if (base !== 'collection.bru' && base !== 'folder.bru') continue;
    const dir = file.path.split('/').slice(0, -1).join('/');
    const isRoot = base === 'collection.bru' && dir === '';
    const read = readBruFolderSettings(
      file.text,
      `${name} / ${file.path}`,
      context,
      isRoot ? settings : emptySettings(),
    );
    if (!read) continue;
    if (isRoot) collectionDescription = read.description;
    else folderFiles.set(dir, read);
  }
  const collection: Collection = { id: context.newId(), name, settings, items: [] };
  if (collectionDescription !== '') collection.description = collectionDescription;
  const pathVariables = createPathVariables(context, settings.variables);
  const folders = new Map<string, Folder>();
  const order = new Map<CollectionItem, number>();
  const folderOf = (dir: string): CollectionItem[] => {
    if (dir === '') return collection.items;
    const existing = folders.get(dir);
    if (existing) return existing.items;
    const parts = dir.split('/');
    const read = folderFiles.get(dir);
    const folder: Folder = {
      kind: 'folder',
      id: context.newId(),
      name: read?.name || folderNames.get(dir) || (parts[parts.length - 1] as string).slice(0, 256),
      settings: read?.settings ?? emptySettings(),
      items: [],
    };
    if (read?.description) folder.description = read.description;
    if (read) order.set(folder, read.seq);
    folders.set(dir, folder);
    folderOf(parts.slice(0, -1).join('/')).push(folder);
    return folder.items;
  };
  const environments: EnvironmentImport[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const isYaml = isOpenCollection && /\.ya?ml$/.test(file.path);
    if (!file.path.endsWith('.bru') && !isYaml) continue;
    if (file === root || /(^|\/)folder\.ya?ml$/.test(file.path)) continue;
    const where = `${name} / ${file.path}`;
    if (file.path.startsWith('environments/')) {
      environments.push(isYaml ? readYamlEnvironment(file, where, context) : readBruEnvironment(file, where, context));
      continue;
    }
    const base = file.path.split('/').pop() as string;
    if (base === 'collection.bru' || base === 'folder.bru') {
      const dir = file.path.split('/').slice(0, -1).join('/');
      // A folder with settings but no request still exists in Bruno: make it here too.
      if (base === 'folder.bru') folderOf(dir);
      else if (dir !== '')
        context.drop(where, 'collection settings', 'only the collection.bru at the top of the folder is read');
      continue;
    }
    let json: Json;
    try {
      const read = isYaml ? openCollectionRequestToBru(file.text) : parseBruRequest(file.text);
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
