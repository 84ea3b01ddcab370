/**
 * Postman request bodies, both ways: reading each of Postman's body modes as a Shomei body, and
 * writing a Shomei body back as the nearest Postman mode.
 */
import type { MultipartPart, SavedBody, SavedRequest } from '../../../shared/contract/collections';
import { graphqlBodyFromImport, parseGraphqlBody } from '../../../shared/graphql/graphql-body';
import type { ImportContext } from './io-types';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * A Postman request body as Shomei's, for every mode: raw (JSON, XML or plain text), urlencoded,
 * form-data (one file per part; extra files are reported as dropped), file and GraphQL. A
 * disabled body, or one of a mode Postman does not define, is none. Never reads a file.
 */
export function readBody(body: unknown, path: string, context: ImportContext): SavedBody {
  if (!isObject(body) || body.disabled === true) return { kind: 'none' };
  switch (body.mode) {
    case 'raw': {
      const options = isObject(body.options) && isObject(body.options.raw) ? body.options.raw : {};
      const language = asString(options.language);
      return {
        kind: 'text',
        language: language === 'json' ? 'json' : language === 'xml' ? 'xml' : 'raw',
        text: asString(body.raw),
      };
    }
    case 'urlencoded':
      return {
        kind: 'form-urlencoded',
        rows: asArray(body.urlencoded).flatMap((p) =>
          isObject(p) ? [{ name: asString(p.key), value: asString(p.value), isEnabled: p.disabled !== true }] : [],
        ),
      };
    case 'formdata': {
      const parts: MultipartPart[] = [];
      for (const p of asArray(body.formdata)) {
        if (!isObject(p)) continue;
        const contentType = asString(p.contentType) || undefined;
        if (p.type === 'file') {
          const sources = Array.isArray(p.src) ? p.src.map(asString) : [asString(p.src)];
          if (sources.length > 1)
            context.drop(
              `${path} › body ${asString(p.key)}`,
              'extra files',
              'a multipart part holds one file in Shomei; the first was kept',
            );
          parts.push({
            kind: 'file',
            name: asString(p.key),
            filePath: sources[0] ?? '',
            isEnabled: p.disabled !== true,
            ...(contentType ? { contentType } : {}),
          });
        } else {
          parts.push({
            kind: 'text',
            name: asString(p.key),
            value: asString(p.value),
            isEnabled: p.disabled !== true,
            ...(contentType ? { contentType } : {}),
          });
        }
      }
      return { kind: 'multipart', parts };
    }
    case 'file': {
      const file = isObject(body.file) ? body.file : {};
      if (typeof file.content === 'string' && asString(file.src) === '')
        return { kind: 'text', language: 'raw', text: file.content };
      return { kind: 'binary', filePath: asString(file.src) };
    }
    case 'graphql': {
      const graphql = isObject(body.graphql) ? body.graphql : {};
      return {
        kind: 'text',
        language: 'graphql',
        text: graphqlBodyFromImport(graphql.query, graphql.variables, graphql.operationName),
      };
    }
    default:
      return { kind: 'none' };
  }
}

/**
 * A Shomei body as Postman's, or `undefined` for none. A GraphQL body becomes Postman's `graphql`
 * mode; a binary body names its file (its content type travels as a header, `bodyContentTypeHeader`).
 */
export function writeBody(body: SavedBody): Json | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'text':
      if (body.language === 'graphql') return postmanGraphqlBody(body.text);
      return {
        mode: 'raw',
        raw: body.text,
        options: { raw: { language: body.language === 'raw' ? 'text' : body.language } },
      };
    case 'form-urlencoded':
      return {
        mode: 'urlencoded',
        urlencoded: body.rows.map((r) => ({
          key: r.name,
          value: r.value,
          type: 'text',
          ...(r.isEnabled ? {} : { disabled: true }),
        })),
      };
    case 'multipart':
      return {
        mode: 'formdata',
        formdata: body.parts.map((p) => ({
          key: p.name,
          ...(p.kind === 'text' ? { type: 'text', value: p.value } : { type: 'file', src: p.filePath }),
          ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
          ...(p.isEnabled ? {} : { disabled: true }),
        })),
      };
    case 'binary':
      return { mode: 'file', file: { src: body.filePath } };
  }
}

/** Postman's file body has no content type of its own: a binary body's type travels as a header. */
export function bodyContentTypeHeader(item: SavedRequest): Json[] {
  if (item.body.kind !== 'binary' || item.body.contentType === undefined) return [];
  if (item.headers.some((h) => h.name.toLowerCase() === 'content-type')) return [];
  return [{ key: 'Content-Type', value: item.body.contentType, type: 'text' }];
}

/** Postman's `graphql` body mode for a GraphQL body; one that does not read back as GraphQL stays raw JSON. */
function postmanGraphqlBody(text: string): Json {
  const parts = parseGraphqlBody(text);
  if (!parts) return { mode: 'raw', raw: text, options: { raw: { language: 'json' } } };
  return { mode: 'graphql', graphql: { query: parts.query, variables: parts.variables } };
}
