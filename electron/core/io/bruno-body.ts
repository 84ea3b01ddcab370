// Bruno request bodies (`body:json`, `body:form-urlencoded`, `body:multipart-form`, …) as Shomei bodies.
import type { MultipartPart, SavedBody } from '../../../shared/contract/collections';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** A Bruno body of `mode` (the request's `body` field) read from the parser's `body` object; `none` for a mode Shomei has no body kind for. */
export function readBruBody(mode: string, body: Json): SavedBody {
  switch (mode) {
    case 'json':
      return { kind: 'text', language: 'json', text: asString(body.json) };
    case 'xml':
      return { kind: 'text', language: 'xml', text: asString(body.xml) };
    case 'text':
    case 'sparql':
      return { kind: 'text', language: 'raw', text: asString(body[mode]) };
    case 'formUrlEncoded':
      return {
        kind: 'form-urlencoded',
        rows: asArray(body.formUrlEncoded)
          .filter(isObject)
          .map((r) => ({ name: asString(r.name), value: asString(r.value), isEnabled: r.enabled !== false })),
      };
    case 'multipartForm':
      return {
        kind: 'multipart',
        parts: asArray(body.multipartForm)
          .filter(isObject)
          .map((p): MultipartPart => {
            const isEnabled = p.enabled !== false;
            if (p.type === 'file') {
              const paths = Array.isArray(p.value) ? p.value.map(asString) : [asString(p.value)];
              return { kind: 'file', name: asString(p.name), filePath: paths[0] ?? '', isEnabled };
            }
            return { kind: 'text', name: asString(p.name), value: asString(p.value), isEnabled };
          }),
      };
    default:
      return { kind: 'none' };
  }
}
