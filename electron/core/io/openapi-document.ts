// Reading an OpenAPI 3 or Swagger 2.0 document: parsing and version checks, `$ref` resolution,
// and the server URLs its `servers` (document-wide, per path or per operation) give.
import { upgradeFromTwoToThree } from '@scalar/openapi-upgrader/2.0-to-3.0';
import { importFailed, takeParsedJson, type ImportContext } from './io-types';
import { parseImportYaml } from './import-yaml';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** The format named in the OpenAPI importer's `IMPORT_FAILED` messages. */
export const OPENAPI_FORMAT = 'OpenAPI 3 or Swagger 2.0 document';

/** Follows a value's local `$ref` (`#/…`, up to 20 deep); an external `$ref` becomes `{}`, anything else is returned as it is. */
export type RefResolver = (value: unknown) => unknown;

/**
 * Reads the text as JSON when it looks like JSON (fast), else as YAML; a Swagger 2.0 document is
 * converted to OpenAPI 3 first. Fails the import on anything else.
 */
export function readOpenApiDocument(text: string): Json {
  let doc: unknown;
  const trimmed = text.trimStart();
  try {
    doc = trimmed.startsWith('{') ? (takeParsedJson(text) ?? JSON.parse(trimmed)) : parseImportYaml(text);
  } catch (error) {
    importFailed(
      OPENAPI_FORMAT,
      `it cannot be read as JSON or YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  if (!isObject(doc)) importFailed(OPENAPI_FORMAT, 'it is not an object');
  if (typeof doc.swagger === 'string') {
    if (!/^2\.0/.test(doc.swagger)) importFailed(OPENAPI_FORMAT, `Swagger ${doc.swagger} is not 2.0`);
    const upgraded: unknown = upgradeFromTwoToThree(doc as Parameters<typeof upgradeFromTwoToThree>[0]);
    if (!isObject(upgraded)) importFailed(OPENAPI_FORMAT, 'the Swagger 2.0 document could not be converted');
    return upgraded;
  }
  if (!/^3\.\d+/.test(asString(doc.openapi))) importFailed(OPENAPI_FORMAT, 'the "openapi" field is missing or not 3.x');
  return doc;
}

/** A resolver of the document's own `$ref`s; it never reads a file or URL. */
export function createRefResolver(doc: Json): RefResolver {
  return function resolve(value: unknown, depth = 0): unknown {
    if (!isObject(value) || typeof value.$ref !== 'string' || depth > 20) return value;
    const ref = value.$ref;
    if (!ref.startsWith('#/')) return {};
    let node: unknown = doc;
    for (const part of ref.slice(2).split('/')) {
      node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return resolve(node, depth + 1);
  } as RefResolver;
}

/**
 * A server object's URL with its `{variables}` filled from their defaults (a placeholder without
 * one becomes a `{{variable}}` to fill), doubled slashes collapsed and no trailing slash.
 */
export function serverUrl(server: Json): string {
  const variables = isObject(server.variables) ? server.variables : {};
  const url = asString(server.url).replace(/\{([^{}]+)\}/g, (_whole, key: string) => {
    const v = variables[key];
    // A placeholder without a default (API Gateway docs write `execute-api.{region}.…`) becomes a variable to fill.
    return isObject(v) && v.default !== undefined ? asString(v.default) : `{{${key}}}`;
  });
  // API Gateway exports write `/{basePath}` with a default of `/prod`.
  return url.replace(/([^:/])\/{2,}/g, '$1/').replace(/\/$/, '');
}

/** `{{baseUrl}}`, or the first URL of the operation's (or else its path's) own `servers`; the others are reported. */
export function operationBase(operation: Json, pathItem: Json, where: string, context: ImportContext): string {
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
