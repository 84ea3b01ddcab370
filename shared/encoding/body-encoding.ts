import type { SavedBody, TextLanguage } from '../contract/collections';

/**
 * How a request body becomes bytes and a Content-Type, written once: main's Send, Preview and
 * presign (through the draft sender), the editor's "headers Shomei adds" and the code generator
 * all use these, so the Code dialog writes the very bytes Send sends.
 */

/** The Content-Type of a text body when the request does not set one, by its language. */
export const TEXT_CONTENT_TYPES: Readonly<Record<TextLanguage, string>> = {
  json: 'application/json',
  xml: 'application/xml',
  raw: 'text/plain; charset=utf-8',
  // A GraphQL body is the JSON of a GraphQL POST.
  graphql: 'application/json',
};
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** A file body's Content-Type when none is given. */
export const BINARY_CONTENT_TYPE = 'application/octet-stream';

/** The Content-Type of a multipart body with this boundary. */
export function multipartContentType(boundary: string): string {
  return `multipart/form-data; boundary=${boundary}`;
}

/**
 * A form body as `application/x-www-form-urlencoded` text: the enabled rows that are not blank,
 * names and values each `encodeURIComponent`-encoded (UTF-8, space as `%20`; `'()!~*` as they are),
 * joined with `&`.
 */
export function encodeFormBody(rows: ReadonlyArray<{ name: string; value: string; isEnabled: boolean }>): string {
  return rows
    .filter((row) => row.isEnabled && (row.name !== '' || row.value !== ''))
    .map((row) => `${encodeURIComponent(row.name)}=${encodeURIComponent(row.value)}`)
    .join('&');
}

/** The bodies that are sent as text. */
export type TextBody = Extract<SavedBody, { kind: 'text' | 'form-urlencoded' }>;

/**
 * A text or form body as the text that is sent and the Content-Type that describes it (the
 * body's own, else the one for its language). Undefined for bodies that are not text: none,
 * multipart and files are built from parts and files in main.
 */
export function textBodyOf(body: TextBody): { text: string; contentType: string };
export function textBodyOf(body: SavedBody): { text: string; contentType: string } | undefined;
export function textBodyOf(body: SavedBody): { text: string; contentType: string } | undefined {
  switch (body.kind) {
    case 'text':
      return { text: body.text, contentType: body.contentType ?? TEXT_CONTENT_TYPES[body.language] };
    case 'form-urlencoded':
      return { text: encodeFormBody(body.rows), contentType: FORM_CONTENT_TYPE };
    default:
      return undefined;
  }
}
