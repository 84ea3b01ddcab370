// Insomnia request bodies (form, multipart, file, GraphQL, text by MIME type) as Shomei bodies.
import type { MultipartPart, SavedBody } from '../../../shared/contract/collections';
import { graphqlBodyFromImport } from '../../../shared/graphql/graphql-body';
import type { ImportContext } from './io-types';
import { convertInsomniaTemplate } from './insomnia-template';
import { asArray, asString, isObject } from './untrusted-json';

/**
 * A request's `body` by its `mimeType`: form-urlencoded and multipart rows, a file (`fileName`) as a
 * binary body, `application/graphql` as a GraphQL body, other text as JSON, XML or raw; `none` otherwise.
 */
export function readInsomniaBody(body: unknown, _path: string, _context: ImportContext): SavedBody {
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
