import type { VisibleVariable } from '../../../shared/contract/collections-channels';
import {
  BUILT_IN_VARIABLES,
  readVariables,
  type VariableDefinition,
  type VariableScopes,
  type VariableSource,
} from './read-variables';
import { substitute, type VariableLookup } from './substitute';

/** Where the request sits and what is active, exactly as a send would be given them. */
export type VariableScopeInput = Pick<VariableScopes, 'collection' | 'ancestors' | 'environment' | 'secrets'>;

/** How much of a non-secret value the editor's tooltip shows. */
const PREVIEW_CHARS = 120;

/**
 * Every name a request can use in `{{…}}`, sorted: the enabled variables of its collection, the
 * active environment and its folders (the closest definition of each name, as `readVariables`
 * ranks them), then the built-ins no variable overrides. `isResolved` is what a send would find:
 * a secret without a value (or with the vault locked) and a value that refers to a missing
 * variable or back to itself are unresolved. Never returns a secret's value: secrets have no preview.
 */
export async function listVisibleVariables(input: VariableScopeInput): Promise<VisibleVariable[]> {
  const { definitions, lookup } = await readVariables(input);
  const visible: VisibleVariable[] = [];
  for (const [name, definition] of definitions) {
    // `{{ host }}` looks up `host`: a name with outer spaces can never be referenced.
    if (name !== name.trim()) continue;
    visible.push(describeDefinition(name, definition, lookup));
  }
  for (const [name, builtIn] of BUILT_IN_VARIABLES) {
    if (definitions.has(name)) continue;
    visible.push({
      name,
      isResolved: true,
      source: 'built-in',
      sourceName: 'Shomei',
      isSecret: false,
      preview: builtIn.description,
    });
  }
  return visible.sort((a, b) => a.name.localeCompare(b.name));
}

function describeDefinition(name: string, definition: VariableDefinition, lookup: VariableLookup): VisibleVariable {
  const { variable, source } = definition;
  // The same substitution a send runs on `{{name}}`: precedence, nesting depth and loops agree.
  const { missing } = substitute(`{{${name}}}`, lookup);
  const described: VisibleVariable = {
    name,
    isResolved: missing.length === 0,
    source: source.kind,
    sourceName: source.name,
    isSecret: variable.isSecret,
  };
  // Security: only a non-secret's own text is previewed, never expanded (it could pull in a secret).
  if (!variable.isSecret) described.preview = variable.value.slice(0, PREVIEW_CHARS);
  if (missing.length > 0) described.problem = problemOf(name, definition, missing, lookup);
  return described;
}

function problemOf(name: string, definition: VariableDefinition, missing: string[], lookup: VariableLookup): string {
  if (definition.value === undefined) {
    return `{{${name}}} is secret and has no value here: set it again in ${placeOf(definition.source)}, or unlock the vault`;
  }
  // A name reported missing that does have a value was cut off by the loop check.
  const looped = missing.find((m) => m === name || lookup(m) !== undefined);
  if (looped === name) return `{{${name}}} refers back to itself`;
  if (looped !== undefined) return `{{${name}}} leads to a loop at {{${looped}}}`;
  const names = missing.map((m) => `{{${m}}}`).join(', ');
  return `{{${name}}} refers to ${names}, which ${missing.length === 1 ? 'has' : 'have'} no value`;
}

function placeOf(source: VariableSource): string {
  return `${source.kind} “${source.name}”`;
}
