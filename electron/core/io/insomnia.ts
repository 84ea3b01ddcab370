import { createAuthImport } from '../auth/interop';
import { authFromInsomnia } from '../auth/registry';
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
  type Variable,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { graphqlBodyFromImport } from '../../../shared/graphql/graphql-body';
import { parseImportYaml } from './import-yaml';
import { splitQuery } from '../collections/url-query';
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
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { INSOMNIA_V5_TYPE, insomniaV5ToV4Resources } from './insomnia-v5';
import { asArray, asString, isObject, type Json } from './untrusted-json';
import { variablesSetByScript } from './postman';

const FORMAT = 'Insomnia export (v4 JSON or YAML, or v5)';

/** Insomnia's `{{ _.name }}` (and `{{ name }}`) become Shomei's `{{name}}`. */
export function convertInsomniaTemplate(text: string): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_$.\-[\]'"]+?)\s*\}\}/g, (_whole, name: string) => {
    const dotted = name.replace(/\[['"]?([^'"\]]+)['"]?\]/g, '.$1').replace(/^_\./, '');
    return `{{${dotted}}}`;
  });
}

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
      folderSettings.headers = readHeaders(resource.headers, here, context);
      folderSettings.auth = readAuth(resource.authentication, here, context);
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
      return readRequest(resource, name, here, context);
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

function readRequest(resource: Json, name: string, path: string, context: ImportContext): SavedRequest {
  const [base, inlineQuery] = splitQuery(convertInsomniaTemplate(asString(resource.url)));
  const params: KeyValueRow[] = [
    ...inlineQuery,
    ...asArray(resource.parameters).flatMap((p) =>
      isObject(p)
        ? [
            {
              name: convertInsomniaTemplate(asString(p.name)),
              value: convertInsomniaTemplate(asString(p.value)),
              isEnabled: p.disabled !== true,
            },
          ]
        : [],
    ),
  ];
  noteTemplateTags(resource, path, context);
  const request: SavedRequest = {
    kind: 'request',
    id: context.newId(),
    name,
    method: (asString(resource.method) || 'GET').toUpperCase(),
    url: base,
    params,
    headers: readHeaders(resource.headers, path, context),
    body: readBody(resource.body, path, context),
    auth: readAuth(resource.authentication, path, context),
  };
  const description = asString(resource.description);
  if (description !== '') request.description = description.slice(0, 64 * 1024);
  // `global` (or absent) follows the app's setting, as a request without options follows Shomei's defaults.
  const followRedirects = resource.settingFollowRedirects;
  if (followRedirects === 'on' || followRedirects === 'off')
    request.options = { isFollowingRedirects: followRedirects === 'on' };
  return request;
}

function readHeaders(headers: unknown, path: string, context: ImportContext): KeyValueRow[] {
  const out: KeyValueRow[] = [];
  for (const h of asArray(headers)) {
    if (!isObject(h)) continue;
    const name = asString(h.name).trim();
    if (name === '') continue;
    if (dropsImportedHeader(context, path, name, h.value)) continue;
    out.push({ name, value: convertInsomniaTemplate(asString(h.value)), isEnabled: h.disabled !== true });
  }
  return out;
}

function readBody(body: unknown, _path: string, _context: ImportContext): SavedBody {
  if (!isObject(body)) return { kind: 'none' };
  const mime = asString(body.mimeType).toLowerCase();
  if (mime === 'application/x-www-form-urlencoded') {
    return {
      kind: 'form-urlencoded',
      rows: asArray(body.params).flatMap((p) =>
        isObject(p)
          ? [
              {
                name: convertInsomniaTemplate(asString(p.name)),
                value: convertInsomniaTemplate(asString(p.value)),
                isEnabled: p.disabled !== true,
              },
            ]
          : [],
      ),
    };
  }
  if (mime === 'multipart/form-data') {
    const parts: MultipartPart[] = asArray(body.params).flatMap((p): MultipartPart[] => {
      if (!isObject(p)) return [];
      const name = convertInsomniaTemplate(asString(p.name));
      const isEnabled = p.disabled !== true;
      if (p.type === 'file') return [{ kind: 'file', name, filePath: asString(p.fileName), isEnabled }];
      return [{ kind: 'text', name, value: convertInsomniaTemplate(asString(p.value)), isEnabled }];
    });
    return { kind: 'multipart', parts };
  }
  if (typeof body.fileName === 'string' && body.fileName !== '') {
    return { kind: 'binary', filePath: body.fileName, ...(mime !== '' ? { contentType: mime } : {}) };
  }
  if (typeof body.text === 'string') {
    if (mime === 'application/graphql') return insomniaGraphqlBody(convertInsomniaTemplate(body.text));
    const language =
      mime.includes('json') || mime === 'application/graphql' ? 'json' : mime.includes('xml') ? 'xml' : 'raw';
    return { kind: 'text', language, text: convertInsomniaTemplate(body.text) };
  }
  return { kind: 'none' };
}

function readAuth(auth: unknown, path: string, context: ImportContext): SavedAuth {
  if (!isObject(auth) || Object.keys(auth).length === 0) return { type: 'inherit' };
  const type = asString(auth.type);
  if (type === 'none') return { type: 'none' };
  if (type === 'inherit' || type === '') return { type: 'inherit' };
  if (auth.disabled === true) {
    context.drop(`${path} › auth`, `disabled ${type} auth`, 'it was turned off in Insomnia');
    return { type: 'none' };
  }
  if (type !== 'iam') {
    const mapped = authFromInsomnia(auth, createAuthImport(path, context, convertInsomniaTemplate));
    if (mapped) return mapped;
    context.drop(
      `${path} › auth`,
      `${type} auth`,
      'Shomei does not send this kind of auth; its credentials were not imported',
    );
    return { type: 'none' };
  }
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken']) {
    const value = auth[key];
    if (typeof value === 'string' && value.trim() !== '') context.drop(`${path} › auth.${key}`, key, SET_UP_PROFILE);
  }
  return {
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: convertInsomniaTemplate(asString(auth.region)),
    service: convertInsomniaTemplate(asString(auth.service)),
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
}

/** Insomnia environment data (nested JSON) as variables named with dots: `{ a: { b: 1 } }` → `a.b = 1`. */
function flattenData(data: unknown, path: string, context: ImportContext): { variables: Variable[] } {
  const variables: Variable[] = [];
  const visit = (value: unknown, name: string): void => {
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, name === '' ? key : `${name}.${key}`);
      return;
    }
    if (name === '' || /[{}\r\n]/.test(name)) return;
    const text = Array.isArray(value) ? JSON.stringify(value) : asString(value);
    if (hasTemplateTag(text))
      context.drop(
        `${path} › ${name}`,
        'template tag ({% … %})',
        'Shomei has plain {{variables}} only; the value was kept as typed and will be sent as such',
      );
    const last = name.split('.').pop() ?? name;
    if (isCredentialVariableName(last) && isLiteralSecret(text)) {
      context.drop(`${path} › ${name}`, 'credential value', SET_UP_PROFILE);
      return;
    }
    variables.push({
      id: context.newId(),
      name,
      value: convertInsomniaTemplate(text),
      isEnabled: true,
      isSecret: false,
    });
  };
  if (isObject(data)) visit(data, '');
  return { variables };
}

function hasTemplateTag(text: string): boolean {
  const open = text.indexOf('{%');
  // indexOf, not a lazy regex: linear on hostile input.
  return open >= 0 && text.indexOf('%}', open) >= 0;
}

function noteTemplateTags(resource: Json, path: string, context: ImportContext): void {
  if (hasTemplateTag(JSON.stringify([resource.url, resource.headers, resource.body, resource.parameters]))) {
    context.drop(path, 'template tags ({% … %})', 'Shomei has plain {{variables}} only; the tags were left as typed');
  }
}

/** Insomnia keeps a GraphQL body as JSON text `{query, variables, operationName?}`: it becomes a GraphQL body. */
function insomniaGraphqlBody(text: string): SavedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'text', language: 'json', text };
  }
  if (!isObject(parsed) || typeof parsed.query !== 'string') return { kind: 'text', language: 'json', text };
  return {
    kind: 'text',
    language: 'graphql',
    text: graphqlBodyFromImport(parsed.query, parsed.variables, parsed.operationName),
  };
}
