import type { Collection, Environment, Folder, RequestDraft, SavedBody } from '../../../shared/contract/collections';
import type { ResolveInput } from '../variables/resolve-request';
import { readVariables, type VariableDefinition } from '../variables/read-variables';
import { listReferences } from '../variables/substitute';

/** What a send reads variables from: the request, where it sits, and the environment chosen. */
export interface VariableScopeOfSend {
  request: RequestDraft;
  collection?: Collection | undefined;
  ancestors?: readonly Folder[] | undefined;
  environment?: Environment | undefined;
  runVariables?: ResolveInput['runVariables'];
  secrets?: ResolveInput['secrets'];
}

/** How deep a variable whose value names other variables is followed (as substitution does). */
const MAX_DEPTH = 8;

/**
 * The variables `isWanted` picks that `texts` would take a value from, directly or through
 * another variable's value, each with the places (the texts' labels) it would go to.
 */
export async function variablesUsed(
  scope: VariableScopeOfSend,
  texts: ReadonlyArray<[place: string, text: string]>,
  isWanted: (definition: VariableDefinition) => boolean,
): Promise<Map<string, Set<string>>> {
  const { definitions } = await readVariables(scope);
  const used = new Map<string, Set<string>>();
  const visit = (name: string, place: string, depth: number, trail: readonly string[]): void => {
    const definition = definitions.get(name);
    if (!definition || trail.includes(name) || depth > MAX_DEPTH) return;
    if (isWanted(definition)) {
      used.set(name, (used.get(name) ?? new Set()).add(place));
      return;
    }
    for (const next of listReferences(definition.value ?? '')) visit(next, place, depth + 1, [...trail, name]);
  };
  for (const [place, text] of texts) {
    for (const name of listReferences(text)) visit(name, place, 0, []);
  }
  return used;
}

/** `{{name}} (where, where)` for each variable used, joined for a message. */
export function describeUses(used: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [...used].map(([name, places]) => `{{${name}}} (${[...places].join(', ')})`).join(', ');
}

/** The texts whose variables choose a host, a header (a text body's Content-Type too), a credential or a file, each with where it is. */
export function sensitiveTexts(scope: VariableScopeOfSend): Array<[string, string]> {
  const { request } = scope;
  const texts: Array<[string, string]> = [['the URL', request.url]];
  for (const row of request.params) if (row.isEnabled) texts.push(['the URL', `${row.name}=${row.value}`]);
  const settings = [
    ...(scope.collection ? [scope.collection.settings] : []),
    ...(scope.ancestors ?? []).map((folder) => folder.settings),
  ];
  for (const rows of [...settings.map((s) => s.headers), request.headers]) {
    for (const row of rows)
      if (row.isEnabled) texts.push([`the header ${row.name.slice(0, 100)}`, `${row.name}:${row.value}`]);
  }
  // Every auth field, the inherited ones too: region, role, token, key, user name…
  for (const auth of [request.auth, ...settings.map((s) => s.auth)]) texts.push(['the auth', JSON.stringify(auth)]);
  const { body } = request;
  // A text body's Content-Type is sent as a header of the request (signed with it), not as body.
  if (body.kind === 'text' && body.contentType) texts.push(['the Content-Type', body.contentType]);
  if (body.kind === 'binary') texts.push(['a body file', body.filePath]);
  if (body.kind === 'multipart') {
    for (const part of body.parts)
      if (part.kind === 'file' && part.isEnabled) texts.push(['a body file', part.filePath]);
  }
  return texts;
}

/**
 * The body's own text: a text body and its Content-Type (sent as a header), form fields and
 * multipart text parts (files are in `sensitiveTexts`).
 */
export function bodyTexts(body: SavedBody): Array<[string, string]> {
  if (body.kind === 'text')
    return [
      ['the body', body.text],
      ...(body.contentType ? [['the Content-Type', body.contentType] as [string, string]] : []),
    ];
  if (body.kind === 'form-urlencoded')
    return body.rows.filter((row) => row.isEnabled).map((row) => ['the body', `${row.name}=${row.value}`]);
  if (body.kind === 'multipart')
    return body.parts
      .filter((part) => part.isEnabled && part.kind === 'text')
      .map((part) => ['the body', `${part.name}=${part.kind === 'text' ? part.value : ''}`]);
  return [];
}
