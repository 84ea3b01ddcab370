// Insomnia import: a v4 export (JSON or YAML) or a v5 file (`insomnia-v5.ts`) read as one tree of
// workspaces, request groups, requests and environments. Requests, auth, bodies, environment data
// and templates are read by their own modules (`insomnia-*.ts`).
import {
  emptySettings,
  type Collection,
  type CollectionItem,
  type Environment,
  type Folder,
  type Variable,
} from '../../../shared/contract/collections';
import { parseImportYaml } from './import-yaml';
import {
  createImportContext,
  importFailed,
  parseJsonOrFail,
  type CollectionImport,
  type EnvironmentImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { readInsomniaAuth } from './insomnia-auth';
import { readInsomniaHeaders, readInsomniaRequest } from './insomnia-request';
import { flattenData } from './insomnia-variables';
import { INSOMNIA_V5_TYPE, insomniaV5ToV4Resources } from './insomnia-v5';
import { asString, isObject, type Json } from './untrusted-json';
import { variablesSetByScript } from './postman-scripts';

/** Insomnia's `{{ _.name }}` made `{{name}}` (`insomnia-template.ts`), still importable from the importer. */
export { convertInsomniaTemplate } from './insomnia-template';

const FORMAT = 'Insomnia export (v4 JSON or YAML, or v5)';

/**
 * Imports an Insomnia v4 export (JSON or YAML) or an Insomnia v5 file (YAML; read as v4 resources
 * by `insomniaV5ToV4Resources`): workspaces, request groups (folders, with their environment
 * variables, headers and auth when present), requests with every body kind and their redirect
 * setting (`settingFollowRedirects` on or off), and environments
 * (the base environment becomes collection variables, sub-environments become environments).
 * `iam` auth becomes AWS SigV4 auth with its region and service; access keys, secrets and session
 * tokens are dropped and reported. Throws `IMPORT_FAILED` on malformed input.
 */
export function importInsomnia(text: string, options: ImportOptions = {}): CollectionImport {
  const raw = readInsomniaFile(text);
  if (raw._type !== 'export' || raw.__export_format !== 4) {
    importFailed(
      FORMAT,
      `expected "_type": "export" and "__export_format": 4 (found ${JSON.stringify(raw._type ?? null)} and ${JSON.stringify(raw.__export_format ?? null)})`,
    );
  }
  if (!Array.isArray(raw.resources)) importFailed(FORMAT, 'the "resources" list is missing');
  const resources = raw.resources.filter(isObject);
  for (const [index, resource] of resources.entries()) {
    if (typeof resource._id !== 'string' || typeof resource._type !== 'string')
      importFailed(FORMAT, `resources[${index}] has no _id or _type`);
  }

  const context = createImportContext(options);
  const children = new Map<string, Json[]>();
  for (const resource of resources) {
    const parent = asString(resource.parentId);
    const list = children.get(parent) ?? [];
    list.push(resource);
    children.set(parent, list);
  }
  const sorted = (parentId: string): Json[] =>
    [...(children.get(parentId) ?? [])].sort((a, b) => Number(a.metaSortKey ?? 0) - Number(b.metaSortKey ?? 0));

  const workspaces = resources.filter((r) => r._type === 'workspace');
  const ids = new Set(resources.map((r) => asString(r._id)));
  // Requests whose parent is missing (partial exports) hang off the collection root.
  const orphans = resources.filter(
    (r) => (r._type === 'request' || r._type === 'request_group') && !ids.has(asString(r.parentId)),
  );

  const settings = emptySettings();
  const environments: EnvironmentImport[] = [];
  const collection: Collection = {
    id: context.newId(),
    name:
      workspaces.length === 1
        ? asString(workspaces[0]?.name) || 'Insomnia import'
        : (options.name ?? 'Insomnia import'),
    settings,
    items: [],
  };

  const readEnvironments = (workspace: Json, path: string, target: Variable[]): void => {
    for (const base of sorted(asString(workspace._id)).filter((r) => r._type === 'environment')) {
      target.push(
        ...flattenData(base.data, `${path} › ${asString(base.name) || 'Base Environment'}`, context).variables,
      );
      for (const sub of sorted(asString(base._id)).filter((r) => r._type === 'environment')) {
        const name = asString(sub.name).trim() || 'Environment';
        const sink = createImportContext({ newId: context.newId });
        const { variables } = flattenData(sub.data, `${path} › ${name}`, sink);
        const environment: Environment = { id: context.newId(), name, variables };
        context.dropped.push(...sink.dropped);
        environments.push({
          environment,
          secretValues: {},
          report: { imported: variables.length, dropped: sink.dropped },
        });
      }
    }
  };

  const readChildren = (parentId: string, path: string): CollectionItem[] => {
    const out: CollectionItem[] = [];
    for (const resource of sorted(parentId)) {
      const item = readResource(resource, path);
      if (item) out.push(item);
    }
    return out;
  };

  const readResource = (resource: Json, path: string): CollectionItem | undefined => {
    const name = asString(resource.name).trim() || 'Untitled';
    const here = `${path} / ${name}`;
    if (resource._type === 'request_group' || resource._type === 'request') noteScripts(resource, here, context);
    if (resource._type === 'request_group') {
      const folderSettings = emptySettings();
      folderSettings.variables = flattenData(resource.environment, here, context).variables;
      folderSettings.headers = readInsomniaHeaders(resource.headers, here, context);
      folderSettings.auth = readInsomniaAuth(resource.authentication, here, context);
      const folder: Folder = {
        kind: 'folder',
        id: context.newId(),
        name,
        settings: folderSettings,
        items: readChildren(asString(resource._id), here),
      };
      const description = asString(resource.description);
      if (description !== '') folder.description = description;
      return folder;
    }
    if (resource._type === 'request') {
      context.imported += 1;
      return readInsomniaRequest(resource, name, here, context);
    }
    if (resource._type === 'grpc_request' || resource._type === 'websocket_request') {
      context.drop(here, asString(resource._type), 'Shomei sends HTTP requests only');
    }
    return undefined;
  };

  if (workspaces.length <= 1) {
    const workspace = workspaces[0];
    if (workspace) {
      readEnvironments(workspace, collection.name, settings.variables);
      collection.items = readChildren(asString(workspace._id), collection.name);
    }
  } else {
    for (const workspace of workspaces) {
      const name = asString(workspace.name) || 'Workspace';
      const folderSettings = emptySettings();
      readEnvironments(workspace, name, folderSettings.variables);
      collection.items.push({
        kind: 'folder',
        id: context.newId(),
        name,
        settings: folderSettings,
        items: readChildren(asString(workspace._id), name),
      });
    }
  }
  for (const orphan of orphans) {
    const item = readResource(orphan, collection.name);
    if (item) collection.items.push(item);
  }
  for (const resource of resources) {
    if (resource._type === 'cookie_jar' || resource._type === 'api_spec' || resource._type === 'proto_file') {
      context.drop(
        `${collection.name} › ${asString(resource._type)}`,
        asString(resource._type),
        'Shomei does not import it',
      );
    }
  }
  return { collection, environments, report: { imported: context.imported, dropped: context.dropped } };
}

/** JSON read as JSON (fast); YAML otherwise; a v5 file as the equivalent v4 export. */
function readInsomniaFile(text: string): Json {
  let raw: unknown;
  if (text.trimStart().startsWith('{')) raw = parseJsonOrFail(text, FORMAT);
  else {
    try {
      raw = parseImportYaml(text);
    } catch (error) {
      importFailed(
        FORMAT,
        `the YAML cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
  }
  if (!isObject(raw)) importFailed(FORMAT, 'the file is not an object');
  if (INSOMNIA_V5_TYPE.test(asString(raw.type)))
    return { _type: 'export', __export_format: 4, resources: insomniaV5ToV4Resources(raw) };
  return raw;
}

/** Insomnia's pre-request and after-response scripts are reported: Shomei runs no scripts. */
function noteScripts(resource: Json, path: string, context: ImportContext): void {
  const kinds = [
    asString(resource.preRequestScript).trim() !== '' ? 'pre-request' : '',
    asString(resource.afterResponseScript).trim() !== '' ? 'after-response' : '',
  ].filter((k) => k !== '');
  if (kinds.length === 0) return;
  context.drop(path, `${kinds.join(' and ')} scripts`, 'Shomei does not run scripts');
  const names = variablesSetByScript(
    `${asString(resource.preRequestScript)}\n${asString(resource.afterResponseScript)}`,
  );
  if (names.length > 0)
    context.drop(
      path,
      `variables its scripts set: ${names.join(', ')}`,
      'no script sets them in Shomei; give them a value (collection, folder or environment) before sending',
    );
}
