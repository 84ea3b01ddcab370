import type { Folder, RequestDraft, SavedBody } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { AuthLink } from '../auth/auth-type';
import { resolveAuth, type ResolvedAuth } from '../auth/registry';
import { readVariables, type VariableScopes } from './read-variables';
import { substitute, type VariableLookup } from './substitute';

export type { ResolvedAwsAuth, ResolvedCredentialRef } from '../auth/aws-sigv4';

/** Where something was found: `url`, `params[0].value`, `headers[2].name`, `body.text`, `auth.region`… */
export interface VariableLocation {
  location: string;
  /** Set when the field was inherited: the folder or collection it came from. */
  from?: { kind: 'folder' | 'collection'; id: string; name: string } | undefined;
}

/** A `{{name}}` with no value, and where it appears. */
export interface UnresolvedVariable extends VariableLocation {
  name: string;
}

/** A substituted value that may not be sent (e.g. a line break in a header). */
export interface InvalidValue extends VariableLocation {
  message: string;
}

/** The outcome of resolving: the request, or every problem at once for the UI to highlight. */
export type ResolveOutcome =
  | {
      ok: true;
      /**
       * The draft with every variable substituted and every inherited setting applied: `params`
       * appended to `url` in order, `headers` the enabled ones (collection's, then folders' outer
       * to inner, then the request's; a later name replaces an earlier one), the body's fields
       * filled. Its own `auth` stays as saved (`inherit`, vault ids); `auth` beside it is what it
       * resolves to.
       */
      request: RequestDraft;
      /** The auth the request sends with, its own or inherited: holds secrets read from the vault, main only, for this send. */
      auth: ResolvedAuth;
      /** The values of secret variables that were used, so logs and history can redact them. */
      secretValues: string[];
      /** How `{{names}}` read for this request, for the checks of its response. */
      lookup: VariableLookup;
      /** Each secret variable's value → its name (see `VariableReading.secretNames`). */
      secretNames: Map<string, string>;
    }
  | { ok: false; unresolved: UnresolvedVariable[]; invalid: InvalidValue[]; message: string };

/** What resolving needs: the request and where it sits. */
export interface ResolveInput extends VariableScopes {
  request: RequestDraft;
  /** A WebSocket request: the URL must start with ws:// or wss:// instead of http(s)://. */
  isWebSocket?: boolean;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LINE_BREAK = /[\r\n\0]/;

/**
 * The first character of `value` that HTTP/1.1 cannot carry in a header (Node's `http` refuses
 * anything above U+00FF, with a cryptic ERR_INVALID_CHAR), or undefined when every one fits.
 */
export function firstBeyondLatin1(value: string): string | undefined {
  for (const char of value) if ((char.codePointAt(0) ?? 0) > 0xff) return char;
  return undefined;
}

/**
 * Substitutes `{{variables}}` everywhere (URL, params, headers, body, auth fields), applies what
 * the request inherits (auth, headers), and checks the result: an unresolved variable, or a
 * substituted value with a line break in the URL or a header, makes the outcome `ok: false` with
 * every location listed. Never reads AWS credentials; secret variable values and the secrets of
 * auth fields come from `secrets` (the vault).
 */
export async function resolveRequest(input: ResolveInput): Promise<ResolveOutcome> {
  const ancestors = input.ancestors ?? [];
  const { lookup, secretValues, secretNames } = await readVariables(input);

  const unresolved: UnresolvedVariable[] = [];
  const invalid: InvalidValue[] = [];
  const fill = (text: string, where: VariableLocation): string => {
    const result = substitute(text, lookup);
    for (const name of result.missing) unresolved.push({ name, ...where });
    return result.text;
  };
  const at = (location: string, from?: VariableLocation['from']): VariableLocation =>
    from ? { location, from } : { location };

  const { request } = input;

  // URL and params.
  let url = fill(request.url, at('url'));
  const query: string[] = [];
  request.params.forEach((row, i) => {
    if (!row.isEnabled) return;
    const name = fill(row.name, at(`params[${i}].name`));
    const value = fill(row.value, at(`params[${i}].value`));
    if (name === '' && value === '') return;
    query.push(`${name}=${value}`);
  });
  if (query.length > 0)
    url += (url.includes('?') ? (url.endsWith('?') || url.endsWith('&') ? '' : '&') : '?') + query.join('&');
  if (LINE_BREAK.test(url)) invalid.push({ ...at('url'), message: 'The URL contains a line break after substitution' });
  else if (unresolved.length === 0 && input.isWebSocket && !/^wss?:\/\/[^/?#\s]+/i.test(url)) {
    invalid.push({ ...at('url'), message: 'The URL must start with wss:// or ws:// and a host' });
  } else if (unresolved.length === 0 && !input.isWebSocket && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
    invalid.push({ ...at('url'), message: 'The URL must start with http:// or https:// and a host' });
  }

  // Headers: inherited first, then the request's own; a later name replaces earlier ones.
  const headers: Array<[string, string]> = [];
  const addHeaders = (rows: readonly KeyValueRow[], prefix: string, from?: VariableLocation['from']): void => {
    rows.forEach((row, i) => {
      if (!row.isEnabled) return;
      const name = fill(row.name, at(`${prefix}[${i}].name`, from)).trim();
      const value = fill(row.value, at(`${prefix}[${i}].value`, from));
      if (name === '') return;
      if (!TOKEN.test(name)) {
        invalid.push({
          ...at(`${prefix}[${i}].name`, from),
          message: `"${name.replace(/[\r\n\0]/g, '␤')}" is not a valid header name`,
        });
        return;
      }
      if (LINE_BREAK.test(value)) {
        invalid.push({
          ...at(`${prefix}[${i}].value`, from),
          message: `The value of header ${name} contains a line break`,
        });
        return;
      }
      const beyond = firstBeyondLatin1(value);
      if (beyond !== undefined) {
        const code = (beyond.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
        invalid.push({
          ...at(`${prefix}[${i}].value`, from),
          message: `The value of header ${name} contains “${beyond}” (U+${code}): header values can only carry Latin-1 characters — percent-encode it (${encodeURIComponent(beyond)}) or move it to the body`,
        });
        return;
      }
      for (let k = headers.length - 1; k >= 0; k -= 1) {
        if ((headers[k] as [string, string])[0].toLowerCase() === name.toLowerCase()) headers.splice(k, 1);
      }
      headers.push([name, value]);
    });
  };
  if (input.collection) {
    addHeaders(input.collection.settings.headers, 'headers', {
      kind: 'collection',
      id: input.collection.id,
      name: input.collection.name,
    });
  }
  for (const folder of ancestors)
    addHeaders(folder.settings.headers, 'headers', { kind: 'folder', id: folder.id, name: folder.name });
  addHeaders(request.headers, 'headers');

  // Body.
  const body = resolveBody(request.body, fill, at);

  // Auth: the closest setting that is not `inherit`; its type's module reads what it inherits.
  const chain: AuthLink[] = [{ auth: request.auth }];
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const folder = ancestors[i] as Folder;
    chain.push({ auth: folder.settings.auth, from: { kind: 'folder', id: folder.id, name: folder.name } });
  }
  if (input.collection) {
    chain.push({
      auth: input.collection.settings.auth,
      from: { kind: 'collection', id: input.collection.id, name: input.collection.name },
    });
  }
  const auth = await resolveAuth(chain, {
    url,
    fill: (text, location, from) => fill(text, at(location, from)),
    invalid: (location, message, from) => invalid.push({ ...at(location, from), message }),
    secret: async (ref, location, label, from, isOptional) => {
      let value: string;
      if (ref.kind === 'vault') {
        const stored = await input.secrets?.get(ref.id);
        value = stored ?? '';
        // Security: a field naming a vault entry holds what the user typed; when this machine's vault
        // lacks it, nothing is sent, an optional field (a Basic password) too, not an empty stand-in.
        if (stored === undefined || (value === '' && !isOptional))
          invalid.push({
            ...at(location, from),
            message: `${capitalize(label)} is not in this machine's vault (unlock the vault, or set it again in the Auth tab)`,
          });
      } else {
        value = ref.text.trim() === '' ? '' : fill(ref.text.trim(), at(location, from));
        if (ref.text.trim() === '' && !isOptional)
          invalid.push({ ...at(location, from), message: `Set ${label} in the Auth tab` });
      }
      if (LINE_BREAK.test(value))
        invalid.push({ ...at(location, from), message: `${capitalize(label)} contains a line break` });
      // Security: whatever fills a secret field is redacted from history, even from a non-secret variable.
      if (value !== '') secretValues.push(value);
      return value;
    },
  });

  if (unresolved.length > 0 || invalid.length > 0) {
    return { ok: false, unresolved, invalid, message: describeProblems(unresolved, invalid) };
  }
  return {
    ok: true,
    request: {
      ...request,
      method: request.method.trim().toUpperCase(),
      url,
      params: [],
      headers: headers.map(([name, value]) => ({ name, value, isEnabled: true })),
      body,
    },
    auth,
    secretValues,
    secretNames,
    lookup,
  };
}

/** Like `resolveRequest`, but throws `INVALID_INPUT` with a clear message and the problems as details. */
export async function resolveRequestOrThrow(input: ResolveInput): Promise<{
  request: RequestDraft;
  auth: ResolvedAuth;
  secretValues: string[];
  secretNames: Map<string, string>;
  lookup: VariableLookup;
}> {
  const outcome = await resolveRequest(input);
  if (!outcome.ok) {
    throw new ShomeiError('INVALID_INPUT', outcome.message, {
      unresolved: outcome.unresolved,
      invalid: outcome.invalid,
    });
  }
  return {
    request: outcome.request,
    auth: outcome.auth,
    secretValues: outcome.secretValues,
    secretNames: outcome.secretNames,
    lookup: outcome.lookup,
  };
}

function resolveBody(
  body: SavedBody,
  fill: (text: string, where: VariableLocation) => string,
  at: (location: string) => VariableLocation,
): SavedBody {
  switch (body.kind) {
    case 'none':
      return body;
    case 'text': {
      const out: SavedBody = { kind: 'text', language: body.language, text: fill(body.text, at('body.text')) };
      if (body.contentType !== undefined) out.contentType = fill(body.contentType, at('body.contentType'));
      return out;
    }
    case 'form-urlencoded':
      return {
        kind: 'form-urlencoded',
        rows: body.rows
          .filter((row) => row.isEnabled)
          .map((row, i) => ({
            name: fill(row.name, at(`body.rows[${i}].name`)),
            value: fill(row.value, at(`body.rows[${i}].value`)),
            isEnabled: true,
          })),
      };
    case 'multipart':
      return {
        kind: 'multipart',
        parts: body.parts
          .filter((part) => part.isEnabled)
          .map((part, i) =>
            part.kind === 'text'
              ? {
                  ...part,
                  name: fill(part.name, at(`body.parts[${i}].name`)),
                  value: fill(part.value, at(`body.parts[${i}].value`)),
                }
              : {
                  ...part,
                  name: fill(part.name, at(`body.parts[${i}].name`)),
                  filePath: fill(part.filePath, at(`body.parts[${i}].filePath`)),
                },
          ),
      };
    case 'binary': {
      const out: SavedBody = { kind: 'binary', filePath: fill(body.filePath, at('body.filePath')) };
      if (body.contentType !== undefined) out.contentType = body.contentType;
      return out;
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeProblems(unresolved: readonly UnresolvedVariable[], invalid: readonly InvalidValue[]): string {
  const parts: string[] = [];
  if (unresolved.length > 0) {
    const names = [...new Set(unresolved.map((u) => `{{${u.name}}}`))];
    const where = [
      ...new Set(unresolved.map((u) => u.location.replace(/\[\d+\].*$/, '').replace(/^body\..*$/, 'body'))),
    ];
    parts.push(
      `Not sent: ${names.length === 1 ? 'variable' : 'variables'} ${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no value in the active environment or collection (used in ${where.join(', ')})`,
    );
  }
  if (invalid.length > 0) parts.push(`Not sent: ${invalid.map((i) => i.message).join('; ')}`);
  return parts.join('. ');
}
