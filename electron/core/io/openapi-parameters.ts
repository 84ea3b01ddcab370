// An OpenAPI operation's parameters as request rows: query parameters, headers (cookies joined into
// one Cookie header) and path parameters as `{{name}}` variables of the collection.
import type { KeyValueRow } from '../../../shared/contract/http';
import type { ImportContext } from './io-types';
import type { RefResolver } from './openapi-document';
import { declaredExample, exampleOf } from './openapi-examples';
import { pathVariableName, type PathVariables } from './path-variables';
import { asString, isObject } from './untrusted-json';

/** The query parameters and headers an operation's parameters give, with their examples as values. */
export interface OperationParameters {
  params: KeyValueRow[];
  headers: KeyValueRow[];
}

/**
 * Reads the operation's own parameters, then its path's (an operation's parameter wins over the
 * path's of the same `in` and name). Path parameters are added to `pathVariables` with only the
 * value the file declares; an `Authorization` header parameter is reported and dropped, since
 * Shomei signs the request itself.
 */
export function readParameters(
  parameters: readonly unknown[],
  resolve: RefResolver,
  pathVariables: PathVariables,
  where: string,
  context: ImportContext,
): OperationParameters {
  const params: KeyValueRow[] = [];
  const headers: KeyValueRow[] = [];
  const cookies: string[] = [];
  const seen = new Set<string>();
  for (const rawParam of parameters) {
    const param = resolve(rawParam);
    if (!isObject(param)) continue;
    const key = `${asString(param.in)}:${asString(param.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const paramName = asString(param.name);
    if (param.in === 'path') {
      pathVariables.add(pathVariableName(paramName), declaredExample(param, resolve), where);
      continue;
    }
    const example = exampleOf(param, resolve);
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
  return { params, headers };
}
