import type { Collection, Environment, Folder, Variable } from '../../../shared/contract/collections';
import type { SecretValueStore } from './secret-value-store';
import type { VariableLookup } from './substitute';

/** Where a request's variables come from: the scopes around it, a run's values, the vault and the clock. */
export interface VariableScopes {
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
  /** Each secret variable's value → its name, so a summary can show `{{name}}` where the value went. */
  secretNames: Map<string, string>;
}

/**
 * Reads the variables a request sees, in precedence order. A secret whose value is missing still
 * takes its name: a closer scope without a value must not reveal a farther one's.
 */
export async function readVariables(input: VariableScopes): Promise<VariableReading> {
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
  const secretNames = new Map<string, string>();
  for (const { source, variables } of scopes) {
    for (const variable of variables) {
      if (!variable.isEnabled) continue;
      const value = variable.isSecret ? await input.secrets?.get(variable.id) : variable.value;
      if (variable.isSecret && value !== undefined && value !== '') {
        secretValues.push(value);
        secretNames.set(value, variable.name);
      }
      definitions.set(variable.name, { variable, source, value });
    }
  }
  for (const [name, { value, isSecret }] of input.runVariables ?? []) {
    if (isSecret && value !== '') {
      secretValues.push(value);
      secretNames.set(value, name);
    }
    const variable = { id: 'run', name, value: isSecret ? '' : value, isEnabled: true, isSecret };
    definitions.set(name, { variable, source: { kind: 'run', name: 'this run' }, value });
  }
  const lookup: VariableLookup = (name) => definitions.get(name)?.value ?? BUILT_IN_VARIABLES.get(name)?.value(clock);
  return { definitions, lookup, secretValues, secretNames };
}
