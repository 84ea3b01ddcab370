// An OpenAPI operation's `requestBody` as a saved body: which media type is imported (JSON first),
// its example as text, form rows, multipart parts or a binary file to pick, and its Content-Type.
import type { MultipartPart, SavedBody } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import type { ImportContext } from './io-types';
import type { RefResolver } from './openapi-document';
import { exampleOf } from './openapi-examples';
import { isObject } from './untrusted-json';

/**
 * The body of one media type of `body` (JSON, else form, multipart, XML, text, else the first),
 * the others reported; adds its Content-Type to `headers` unless a header parameter set one
 * (multipart leaves it to the sender, which writes the boundary). `{kind: 'none'}` without content.
 */
export function readRequestBody(
  body: unknown,
  resolve: RefResolver,
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
