import type {
  Collection,
  Environment,
  Folder,
  RequestDraft,
  SavedBody,
  Variable,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { AuthLink } from '../auth/auth-type';
import { resolveAuth, type ResolvedAuth } from '../auth/registry';
import type { SecretValueStore } from './secret-value-store';
import { substitute, type VariableLookup } from './substitute';

export type { ResolvedAwsAuth, ResolvedCredentialRef } from '../auth/aws-sigv4';

/** A request with every variable substituted and every inherited setting applied. */
export interface ResolvedRequest {
  method: string;
  /** The URL with the enabled params appended in order. */
  url: string;
  /** Enabled headers: collection's, then folders' (outer to inner), then the request's; a later name replaces an earlier one. */
  headers: Array<[string, string]>;
  body: SavedBody;
  /** Holds secrets read from the vault: main only, for this send. */
  auth: ResolvedAuth;
}

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
      request: ResolvedRequest;
      /** The values of secret variables that were used, so logs and history can redact them. */
      secretValues: string[];
      /** How `{{names}}` read for this request, for the checks of its response. */
      lookup: VariableLookup;
    }
  | { ok: false; unresolved: UnresolvedVariable[]; invalid: InvalidValue[]; message: string };

/** What resolving needs: the request and where it sits. */
export interface ResolveInput {
  request: RequestDraft;
  collection?: Collection | undefined;
  /** Folders from the collection down to the request, outermost first. */
  ancestors?: readonly Folder[] | undefined;
  environment?: Environment | undefined;
  /** A run's variables (data-file rows, captured values): above every other scope. */
  runVariables?: ReadonlyMap<string, { value: string; isSecret: boolean }> | undefined;
  secrets?: SecretValueStore | undefined;
  /** For `{{$timestamp}}` and friends; defaults to now. */
  now?: () => Date;
  /** For `{{$guid}}`; defaults to `crypto.randomUUID`. */
  newGuid?: () => string;
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
 * Variable precedence, lowest first: collection variables, then the active environment, then
 * folder variables from the outermost folder to the request's own folder. The closest scope wins:
 * a folder can pin a value whatever environment is active; the environment overrides collection defaults.
 */
export const VARIABLE_PRECEDENCE = [
  'collection',
  'environment',
  'folder (outer to inner)',
  'run (data row, captured)',
] as const;

/** Where a variable is defined: a scope of the precedence above. */
export interface VariableSource {
  kind: 'collection' | 'environment' | 'folder' | 'run';
  /** The collection's, environment's or folder's name. */
  name: string;
}

/** The closest enabled definition of a name. */
export interface VariableDefinition {
  variable: Variable;
  source: VariableSource;
  /** Undefined for a secret with no value here (never set on this machine, or the vault is locked). */
  value: string | undefined;
}

/** A variable Shomei provides itself: what it stands for, and its value at send time. */
export interface BuiltInVariable {
  description: string;
  value(clock: { now: () => Date; newGuid: () => string }): string;
}

/** `{{$timestamp}}` and friends; a defined variable of the same name wins. */
export const BUILT_IN_VARIABLES: ReadonlyMap<string, BuiltInVariable> = new Map([
  [
    '$timestamp',
    { description: 'the send time in Unix seconds', value: ({ now }) => String(Math.floor(now().getTime() / 1000)) },
  ],
  ['$isoTimestamp', { description: 'the send time in ISO 8601', value: ({ now }) => now().toISOString() }],
  ['$guid', { description: 'a new random UUID each time', value: ({ newGuid }) => newGuid() }],
  ['$randomUUID', { description: 'a new random UUID each time', value: ({ newGuid }) => newGuid() }],
]);

/** What a request sees of variables: its definitions by name, and the lookup substitution uses. */
export interface VariableReading {
  /** Every enabled variable by name; the closest scope wins (see `VARIABLE_PRECEDENCE`). */
  definitions: Map<string, VariableDefinition>;
  /** A defined value first, then a built-in; undefined when neither. */
  lookup: VariableLookup;
  /** The values of secret variables that were read, so logs and history can redact them. */
  secretValues: string[];
}

/**
 * Reads the variables a request sees, in precedence order. A secret whose value is missing still
 * takes its name: a closer scope without a value must not reveal a farther one's.
 */
export async function readVariables(
  input: Pick<
    ResolveInput,
    'collection' | 'ancestors' | 'environment' | 'runVariables' | 'secrets' | 'now' | 'newGuid'
  >,
): Promise<VariableReading> {
  const clock = {
    now: input.now ?? (() => new Date()),
    newGuid: input.newGuid ?? (() => globalThis.crypto.randomUUID()),
  };
  const scopes: Array<{ source: VariableSource; variables: readonly Variable[] }> = [];
  if (input.collection)
    scopes.push({
      source: { kind: 'collection', name: input.collection.name },
      variables: input.collection.settings.variables,
    });
  if (input.environment)
    scopes.push({
      source: { kind: 'environment', name: input.environment.name },
      variables: input.environment.variables,
    });
  for (const folder of input.ancestors ?? [])
    scopes.push({ source: { kind: 'folder', name: folder.name }, variables: folder.settings.variables });

  const definitions = new Map<string, VariableDefinition>();
  const secretValues: string[] = [];
  for (const { source, variables } of scopes) {
    for (const variable of variables) {
      if (!variable.isEnabled) continue;
      const value = variable.isSecret ? await input.secrets?.get(variable.id) : variable.value;
      if (variable.isSecret && value !== undefined && value !== '') secretValues.push(value);
      definitions.set(variable.name, { variable, source, value });
    }
  }
  for (const [name, { value, isSecret }] of input.runVariables ?? []) {
    if (isSecret && value !== '') secretValues.push(value);
    const variable = { id: 'run', name, value: isSecret ? '' : value, isEnabled: true, isSecret };
    definitions.set(name, { variable, source: { kind: 'run', name: 'this run' }, value });
  }
  const lookup: VariableLookup = (name) => definitions.get(name)?.value ?? BUILT_IN_VARIABLES.get(name)?.value(clock);
  return { definitions, lookup, secretValues };
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
  const { lookup, secretValues } = await readVariables(input);

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
  else if (unresolved.length === 0 && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
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
        value = (await input.secrets?.get(ref.id)) ?? '';
        if (value === '' && !isOptional)
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
    request: { method: request.method.trim().toUpperCase(), url, headers, body, auth },
    secretValues,
    lookup,
  };
}

/** Like `resolveRequest`, but throws `INVALID_INPUT` with a clear message and the problems as details. */
export async function resolveRequestOrThrow(
  input: ResolveInput,
): Promise<{ request: ResolvedRequest; secretValues: string[]; lookup: VariableLookup }> {
  const outcome = await resolveRequest(input);
  if (!outcome.ok) {
    throw new ShomeiError('INVALID_INPUT', outcome.message, {
      unresolved: outcome.unresolved,
      invalid: outcome.invalid,
    });
  }
  return { request: outcome.request, secretValues: outcome.secretValues, lookup: outcome.lookup };
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
