import type { PreparedRequest } from './prepared-request';

/** The environment variable an API key is read from when generated code runs (alone or beside another auth). */
export const API_KEY_ENV = 'API_KEY';

/** An API key beside the auth, as every writer needs it: where it goes and its name. */
export type PreparedApiKey = NonNullable<PreparedRequest['apiKey']>;

/**
 * `text` for a comment of generated code: every line break (CR, LF, U+2028, U+2029) a space.
 * Security: a name from an imported file would otherwise end the comment and be run as code.
 */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

/** What the code says it does with the key, one line: "the API key from $API_KEY in the header x-api-key". */
export function apiKeyPlacement(key: PreparedApiKey): string {
  return `the API key from $${API_KEY_ENV} in the ${key.in === 'header' ? 'header' : 'query parameter'} ${commentText(key.name)}`;
}

/** The note every snippet with an API key beside its auth carries. */
export function apiKeyNotes(request: PreparedRequest): string[] {
  const key = request.apiKey;
  if (!key) return [];
  return [
    `Set ${API_KEY_ENV} in the environment too: ${apiKeyPlacement(key)} is sent beside the auth. No API key is written in this code.`,
    ...(key.replacedHeaders.length > 0
      ? [`Left out the typed ${key.replacedHeaders.join(', ')} header: the API key goes there.`]
      : []),
  ];
}

/**
 * A jq program that percent-encodes its raw input as SigV4 and RFC 3986 do (every byte but
 * `A–Z a–z 0–9 - . _ ~`, hex in capitals); `isForm` writes a space as `+`, as OAuth's form does.
 * jq 1.6's `@uri` leaves `!*'()` as they are, so they are encoded after it.
 */
export function jqPercentEncode(isForm: boolean): string {
  return [
    '@uri',
    'gsub("!"; "%21")',
    'gsub("[*]"; "%2A")',
    'gsub("\\u0027"; "%27")',
    'gsub("[(]"; "%28")',
    'gsub("[)]"; "%29")',
    ...(isForm ? ['gsub("%20"; "+")'] : []),
  ].join(' | ');
}
