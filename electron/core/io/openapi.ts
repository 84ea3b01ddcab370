// The OpenAPI 3 / Swagger 2.0 importer: one request per operation, in a folder per tag, with the
// document's servers as the `baseUrl` variable and environments. Reading the document and its
// servers, parameters, bodies and examples, and security → auth live in the `openapi-*` modules.
import {
  emptySettings,
  type Collection,
  type CollectionItem,
  type Environment,
  type Folder,
  type SavedRequest,
  type Variable,
} from '../../../shared/contract/collections';
import {
  createImportContext,
  importFailed,
  type CollectionImport,
  type EnvironmentImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { readRequestBody } from './openapi-body';
import { createRefResolver, OPENAPI_FORMAT, operationBase, readOpenApiDocument, serverUrl } from './openapi-document';
import { readParameters } from './openapi-parameters';
import { createOperationAuth } from './openapi-security';
import { createPathVariables, pathVariableName } from './path-variables';
import { asArray, asString, isObject } from './untrusted-json';

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
  if (!isObject(doc.paths)) importFailed(OPENAPI_FORMAT, 'the "paths" object is missing');
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

  const operationAuth = createOperationAuth(doc, baseUrl, context);

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
      const { params, headers } = readParameters(
        [...asArray(operation.parameters), ...shared],
        resolver,
        pathVariables,
        where,
        context,
      );
      const body = readRequestBody(resolver(operation.requestBody), resolver, headers, where, context);
      const auth = operationAuth(operation, pathItem, where);

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

function variable(context: ImportContext, name: string, value: string): Variable {
  return { id: context.newId(), name, value, isEnabled: true, isSecret: false };
}

function sortFoldersFirst(items: CollectionItem[]): void {
  items.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
}
