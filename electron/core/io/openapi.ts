import { authFromOpenApi } from '../auth/registry';
import { upgradeFromTwoToThree } from '@scalar/openapi-upgrader/2.0-to-3.0';
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
import { guessAwsScope } from '../variables/guess-aws-scope';
import {
  createImportContext,
  importFailed,
  takeParsedJson,
  type CollectionImport,
  type EnvironmentImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { parseImportYaml } from './import-yaml';
import { createPathVariables, pathVariableName } from './path-variables';
import { asArray, asString, isObject, type Json } from './untrusted-json';

const FORMAT = 'OpenAPI 3 or Swagger 2.0 document';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** API Gateway's catch-all operation: any method reaches the same integration. */
const ANY_METHOD = 'x-amazon-apigateway-any-method';
/** The method an `x-amazon-apigateway-any-method` operation is imported with (reported). */
const ANY_METHOD_AS = 'GET';

/**
 * Imports an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML), API Gateway exports included: one
 * request per operation (`x-amazon-apigateway-any-method` too, as GET, reported), in a folder per
 * tag; the first server becomes the `baseUrl` collection variable (the others become
 * environments), and an operation or path with its own `servers` uses its first one instead; path
 * parameters become `{{name}}` variables (`{proxy+}` → `{{proxy}}`) whose value is the file's
 * example or default, or which stay unresolved when it gives none; query and header parameters
 * with their examples; example request bodies (JSON, form, multipart, binary). Swagger 2.0 is
 * converted by `@scalar/openapi-upgrader` (`host`, `basePath` and `schemes` become the server;
 * `securityDefinitions` keep their `x-amazon-apigateway-*` fields). Operations secured by an
 * `awsSigv4` scheme (`x-amazon-apigateway-authtype`) or marked `x-amazon-apigateway-auth: {type:
 * AWS_IAM}` get AWS SigV4 auth with region and service read from the server host. Throws
 * `IMPORT_FAILED` on malformed input.
 */
export function importOpenApi(text: string, options: ImportOptions = {}): CollectionImport {
  const doc = readOpenApiDocument(text);
  if (!isObject(doc.paths)) importFailed(FORMAT, 'the "paths" object is missing');
  const paths = doc.paths;

  const context = createImportContext(options);
  const info = isObject(doc.info) ? doc.info : {};
  const name = asString(info.title).trim() || options.name || 'Imported API';
  const settings = emptySettings();
  const collection: Collection = { id: context.newId(), name, settings, items: [] };
  const description = asString(info.description);
  if (description !== '') collection.description = description.slice(0, 64 * 1024);

  const resolver = createRefResolver(doc);
  const servers = asArray(doc.servers)
    .filter(isObject)
    .map((s) => ({ url: serverUrl(s), description: asString(s.description) }));
  const baseUrl = servers[0]?.url ?? '';
  settings.variables.push(variable(context, 'baseUrl', baseUrl));
  const environments: EnvironmentImport[] =
    servers.length > 1
      ? servers.map((server, index): EnvironmentImport => {
          const environment: Environment = {
            id: context.newId(),
            name: (server.description || server.url || `Server ${index + 1}`).slice(0, 256),
            variables: [variable(context, 'baseUrl', server.url)],
          };
          return { environment, secretValues: {}, report: { imported: 1, dropped: [] } };
        })
      : [];

  const host = /^https?:\/\/([^/?#]+)/i.exec(baseUrl)?.[1] ?? '';
  const guess = guessAwsScope(host);
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const awsSchemes = new Set(
    Object.entries(schemes)
      .filter(([, scheme]) => isObject(scheme) && isAwsScheme(scheme))
      .map(([key]) => key),
  );
  const globalSecurity = doc.security;
  const awsAuth = (): SavedAuth => ({
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: guess.region ?? '',
    service: guess.service ?? 'execute-api',
    isQuerySigned: false,
    expiresInSeconds: 900,
  });

  const folders = new Map<string, Folder>();
  const pathVariables = createPathVariables(context, settings.variables);
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = resolver(rawItem);
    if (!isObject(pathItem)) continue;
    const shared = asArray(pathItem.parameters);
    for (const method of [...METHODS, ANY_METHOD] as const) {
      const operation = resolver(pathItem[method]);
      if (!isObject(operation)) continue;
      const httpMethod = method === ANY_METHOD ? ANY_METHOD_AS : method.toUpperCase();
      const label = `${method === ANY_METHOD ? 'ANY' : httpMethod} ${path}`;
      const requestName = (asString(operation.summary).trim() || asString(operation.operationId).trim() || label).slice(
        0,
        256,
      );
      const where = `${name} / ${requestName}`;
      if (method === ANY_METHOD)
        context.drop(
          `${where} › ${ANY_METHOD}`,
          'any method',
          `API Gateway accepts any method here; it was imported as ${ANY_METHOD_AS}, change it in the request`,
        );
      const params: KeyValueRow[] = [];
      const headers: KeyValueRow[] = [];
      const cookies: string[] = [];
      const seen = new Set<string>();
      for (const rawParam of [...asArray(operation.parameters), ...shared]) {
        const param = resolver(rawParam);
        if (!isObject(param)) continue;
        const key = `${asString(param.in)}:${asString(param.name)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const paramName = asString(param.name);
        if (param.in === 'path') {
          pathVariables.add(pathVariableName(paramName), declaredExample(param, resolver), where);
          continue;
        }
        const example = exampleOf(param, resolver);
        const value = example === undefined ? '' : typeof example === 'string' ? example : JSON.stringify(example);
        switch (param.in) {
          case 'query':
            params.push({ name: paramName, value, isEnabled: param.required === true || value !== '' });
            break;
          case 'header':
            if (/^authorization$/i.test(paramName))
              context.drop(
                `${where} › header ${paramName}`,
                'Authorization header parameter',
                'Shomei signs the request itself',
              );
            else headers.push({ name: paramName, value, isEnabled: true });
            break;
          case 'cookie':
            cookies.push(`${paramName}=${value}`);
            break;
        }
      }
      if (cookies.length > 0) headers.push({ name: 'Cookie', value: cookies.join('; '), isEnabled: true });
      const body = readRequestBody(resolver(operation.requestBody), resolver, headers, where, context);

      const security = operation.security ?? globalSecurity;
      const gatewayAuth = operation['x-amazon-apigateway-auth'] ?? pathItem['x-amazon-apigateway-auth'];
      const isIam = isObject(gatewayAuth) && /^aws_iam$/i.test(asString(gatewayAuth.type));
      const usesAwsScheme = asArray(security).some(
        (req) => isObject(req) && Object.keys(req).some((k) => awsSchemes.has(k)),
      );
      const otherSchemes = asArray(security).flatMap((req) =>
        isObject(req) ? Object.keys(req).filter((k) => !awsSchemes.has(k)) : [],
      );
      let auth: SavedAuth = { type: 'none' };
      if (isIam || usesAwsScheme) auth = awsAuth();
      // Bearer, Basic, API keys and Cognito authorizers: their modules' mappings (secrets become {{scheme}} references).
      const other =
        otherSchemes.length > 0
          ? authFromOpenApi(otherSchemes, schemes, isIam || usesAwsScheme ? auth : undefined)
          : undefined;
      if (other) auth = other.auth;
      const unmapped = other ? other.unmapped : otherSchemes;
      if (unmapped.length > 0)
        context.drop(
          `${where} › security`,
          `security scheme ${unmapped.join(', ')}`,
          'Shomei does not send this kind of auth',
        );

      const request: SavedRequest = {
        kind: 'request',
        id: context.newId(),
        name: requestName,
        method: httpMethod,
        url: `${operationBase(operation, pathItem, where, context)}${path.replace(/\{([^{}]+)\}/g, (_whole, key: string) => `{{${pathVariableName(key)}}}`)}`,
        params,
        headers,
        body,
        auth,
      };
      const opDescription = asString(operation.description);
      if (opDescription !== '') request.description = opDescription.slice(0, 64 * 1024);
      context.imported += 1;
      const tag = asString(asArray(operation.tags)[0]).trim();
      if (tag === '') {
        collection.items.push(request);
      } else {
        let folder = folders.get(tag);
        if (!folder) {
          folder = {
            kind: 'folder',
            id: context.newId(),
            name: tag.slice(0, 256),
            settings: emptySettings(),
            items: [],
          };
          folders.set(tag, folder);
          collection.items.push(folder);
        }
        folder.items.push(request);
      }
    }
  }
  sortFoldersFirst(collection.items);
  return { collection, environments, report: { imported: context.imported, dropped: context.dropped } };
}

/**
 * Reads the text as JSON when it looks like JSON (fast), else as YAML; a Swagger 2.0 document is
 * converted to OpenAPI 3 first. Fails the import on anything else.
 */
function readOpenApiDocument(text: string): Json {
  let doc: unknown;
  const trimmed = text.trimStart();
  try {
    doc = trimmed.startsWith('{') ? (takeParsedJson(text) ?? JSON.parse(trimmed)) : parseImportYaml(text);
  } catch (error) {
    importFailed(
      FORMAT,
      `it cannot be read as JSON or YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  if (!isObject(doc)) importFailed(FORMAT, 'it is not an object');
  if (typeof doc.swagger === 'string') {
    if (!/^2\.0/.test(doc.swagger)) importFailed(FORMAT, `Swagger ${doc.swagger} is not 2.0`);
    const upgraded: unknown = upgradeFromTwoToThree(doc as Parameters<typeof upgradeFromTwoToThree>[0]);
    if (!isObject(upgraded)) importFailed(FORMAT, 'the Swagger 2.0 document could not be converted');
    return upgraded;
  }
  if (!/^3\.\d+/.test(asString(doc.openapi))) importFailed(FORMAT, 'the "openapi" field is missing or not 3.x');
  return doc;
}

/** Only what the file itself gives a path parameter (example, examples, schema example or default): never a made-up "string". */
function declaredExample(param: Json, resolve: (v: unknown) => unknown): string | undefined {
  const schema = resolve(param.schema);
  const candidates = [
    param.example,
    isObject(param.examples) ? (resolve(Object.values(param.examples)[0]) as Json | undefined)?.value : undefined,
    isObject(schema) ? schema.example : undefined,
    isObject(schema) ? schema.default : undefined,
  ];
  const found = candidates.find((c) => c !== undefined && c !== null && (typeof c !== 'object' || Array.isArray(c)));
  return found === undefined ? undefined : typeof found === 'string' ? found : JSON.stringify(found);
}

/** `{{baseUrl}}`, or the first URL of the operation's (or else its path's) own `servers`. */
function operationBase(operation: Json, pathItem: Json, where: string, context: ImportContext): string {
  const own = asArray(operation.servers).filter(isObject);
  const servers = own.length > 0 ? own : asArray(pathItem.servers).filter(isObject);
  const first = servers[0];
  if (first === undefined) return '{{baseUrl}}';
  if (servers.length > 1)
    context.drop(
      `${where} › servers`,
      `${servers.length - 1} other server${servers.length > 2 ? 's' : ''} of this operation`,
      `the first (${serverUrl(first)}) was used`,
    );
  return serverUrl(first);
}

function isAwsScheme(scheme: Json): boolean {
  const authType = asString(scheme['x-amazon-apigateway-authtype']).toLowerCase();
  return authType === 'awssigv4' || authType === 'aws_iam' || /^aws4-hmac-sha256$/i.test(asString(scheme.scheme));
}

function variable(context: ImportContext, name: string, value: string): Variable {
  return { id: context.newId(), name, value, isEnabled: true, isSecret: false };
}

function serverUrl(server: Json): string {
  const variables = isObject(server.variables) ? server.variables : {};
  const url = asString(server.url).replace(/\{([^{}]+)\}/g, (_whole, key: string) => {
    const v = variables[key];
    // A placeholder without a default (API Gateway docs write `execute-api.{region}.…`) becomes a variable to fill.
    return isObject(v) && v.default !== undefined ? asString(v.default) : `{{${key}}}`;
  });
  // API Gateway exports write `/{basePath}` with a default of `/prod`.
  return url.replace(/([^:/])\/{2,}/g, '$1/').replace(/\/$/, '');
}

function createRefResolver(doc: Json): (value: unknown) => unknown {
  return function resolve(value: unknown, depth = 0): unknown {
    if (!isObject(value) || typeof value.$ref !== 'string' || depth > 20) return value;
    const ref = value.$ref;
    if (!ref.startsWith('#/')) return {};
    let node: unknown = doc;
    for (const part of ref.slice(2).split('/')) {
      node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return resolve(node, depth + 1);
  } as (value: unknown) => unknown;
}

function exampleOf(holder: Json, resolve: (v: unknown) => unknown): unknown {
  if (holder.example !== undefined) return holder.example;
  if (isObject(holder.examples)) {
    const first = resolve(Object.values(holder.examples)[0]);
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  const schema = resolve(holder.schema);
  return isObject(schema) ? exampleFromSchema(schema, resolve, 0) : undefined;
}

function exampleFromSchema(schema: Json, resolve: (v: unknown) => unknown, depth: number): unknown {
  if (depth > 8) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const composite =
    asArray(schema.allOf).length > 0 ? schema.allOf : asArray(schema.oneOf).length > 0 ? schema.oneOf : schema.anyOf;
  if (Array.isArray(composite) && composite.length > 0) {
    if (schema.allOf) {
      const merged: Json = {};
      for (const part of composite) {
        const value = exampleFromSchema(resolve(part) as Json, resolve, depth + 1);
        if (isObject(value)) Object.assign(merged, value);
      }
      return merged;
    }
    const first = resolve(composite[0]);
    return isObject(first) ? exampleFromSchema(first, resolve, depth + 1) : undefined;
  }
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const [key, prop] of Object.entries(props)) {
        const resolved = resolve(prop);
        if (isObject(resolved)) out[key] = exampleFromSchema(resolved, resolve, depth + 1);
      }
      return out;
    }
    case 'array': {
      const items = resolve(schema.items);
      return isObject(items) ? [exampleFromSchema(items, resolve, depth + 1)] : [];
    }
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date-time'
        ? '2026-01-01T00:00:00Z'
        : schema.format === 'date'
          ? '2026-01-01'
          : 'string';
    default:
      return isObject(schema.properties) ? exampleFromSchema({ ...schema, type: 'object' }, resolve, depth) : undefined;
  }
}

function readRequestBody(
  body: unknown,
  resolve: (v: unknown) => unknown,
  headers: KeyValueRow[],
  where: string,
  context: ImportContext,
): SavedBody {
  if (!isObject(body) || !isObject(body.content)) return { kind: 'none' };
  const types = Object.keys(body.content);
  const pick =
    types.find((t) => /json/i.test(t)) ??
    types.find((t) => /x-www-form-urlencoded/i.test(t)) ??
    types.find((t) => /multipart\/form-data/i.test(t)) ??
    types.find((t) => /xml/i.test(t)) ??
    types.find((t) => /^text\//i.test(t)) ??
    types[0];
  if (pick === undefined) return { kind: 'none' };
  if (types.length > 1)
    context.drop(
      `${where} › requestBody`,
      `other media types (${types.filter((t) => t !== pick).join(', ')})`,
      `the ${pick} body was imported`,
    );
  const media = resolve(body.content[pick]);
  const mediaObject = isObject(media) ? media : {};
  const example = exampleOf(mediaObject, resolve);
  const schema = resolve(mediaObject.schema);
  const setType = (value: string) => {
    if (!headers.some((h) => h.name.toLowerCase() === 'content-type'))
      headers.push({ name: 'Content-Type', value, isEnabled: true });
  };
  if (/x-www-form-urlencoded/i.test(pick)) {
    setType(pick);
    const values = isObject(example) ? example : {};
    return {
      kind: 'form-urlencoded',
      rows: Object.entries(values).map(([name, value]) => ({
        name,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        isEnabled: true,
      })),
    };
  }
  if (/multipart\/form-data/i.test(pick)) {
    const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    const values = isObject(example) ? example : {};
    const parts: MultipartPart[] = Object.entries(props).map(([name, prop]): MultipartPart => {
      const resolved = resolve(prop);
      const isFile =
        isObject(resolved) &&
        (resolved.format === 'binary' || resolved.format === 'base64' || resolved.contentMediaType !== undefined);
      if (isFile) return { kind: 'file', name, filePath: '', isEnabled: true };
      const value = values[name];
      return {
        kind: 'text',
        name,
        value: typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value),
        isEnabled: true,
      };
    });
    return { kind: 'multipart', parts };
  }
  if (/octet-stream|^image\/|^audio\/|^video\/|application\/pdf|application\/zip/i.test(pick)) {
    setType(pick);
    return { kind: 'binary', filePath: '', contentType: pick };
  }
  setType(pick);
  const isJson = /json/i.test(pick);
  const textValue =
    example === undefined ? '' : typeof example === 'string' ? example : JSON.stringify(example, null, 2);
  return { kind: 'text', language: isJson ? 'json' : /xml/i.test(pick) ? 'xml' : 'raw', text: textValue };
}

function sortFoldersFirst(items: CollectionItem[]): void {
  items.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
}
