/**
 * Postman variables: the collection's and folders' `variable` lists both ways, and Postman
 * environment files on import.
 */
import type { Environment, Variable } from '../../../shared/contract/collections';
import {
  createImportContext,
  importFailed,
  isCredentialVariableName,
  isLiteralSecret,
  parseJsonOrFail,
  SET_UP_PROFILE,
  type EnvironmentImport,
  type ImportContext,
  type ImportOptions,
} from './io-types';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * A Postman `variable` list (of the collection or a folder) as Shomei variables. A credential
 * variable holding a literal key is dropped, and a secret's value is never read from the file:
 * both are reported. Names that are empty or hold braces or line breaks are skipped.
 */
export function readVariables(variables: unknown, path: string, context: ImportContext): Variable[] {
  const out: Variable[] = [];
  for (const v of asArray(variables)) {
    if (!isObject(v)) continue;
    const name = asString(v.key ?? v.id).trim();
    if (name === '' || /[{}\r\n]/.test(name)) continue;
    const value = asString(v.value);
    if (isCredentialVariableName(name) && isLiteralSecret(value)) {
      context.drop(`${path} › variable ${name}`, 'credential value', SET_UP_PROFILE);
      continue;
    }
    const isSecret = v.type === 'secret';
    if (isSecret && value !== '')
      context.drop(
        `${path} › variable ${name}`,
        'secret value',
        'secret values are not read from files; set it again in Shomei, which keeps it in the vault',
      );
    out.push({ id: context.newId(), name, value: isSecret ? '' : value, isEnabled: v.disabled !== true, isSecret });
  }
  return out;
}

/** Shomei variables as a Postman `variable` list; a secret is written with an empty value. */
export function writeVariables(variables: readonly Variable[]): Json[] {
  return variables.map((v) => ({
    key: v.name,
    // Security: secret values live in the vault and are never exported.
    value: v.isSecret ? '' : v.value,
    type: v.isSecret ? 'secret' : 'string',
    ...(v.isEnabled ? {} : { disabled: true }),
  }));
}

/**
 * Imports a Postman environment export (`{ name, values: [{ key, value, enabled, type }] }`).
 * `secret`-typed values go to `secretValues` (for the vault); AWS credential variables are dropped.
 */
export function importPostmanEnvironment(text: string, options: ImportOptions = {}): EnvironmentImport {
  const format = 'Postman environment';
  const raw = parseJsonOrFail(text, format);
  if (!isObject(raw) || !Array.isArray(raw.values)) importFailed(format, 'the "values" list is missing');
  const context = createImportContext(options);
  const name = asString(raw.name).trim() || options.name || 'Imported environment';
  const environment: Environment = { id: context.newId(), name, variables: [] };
  const secretValues: Record<string, string> = {};
  // Each row is read on its own. (Postman's `VariableScope` skips `null` rows and then names row i
  // after the i-th row that is not null, which moves every value after a null row onto the next
  // row's name and loses the last one; Shomei reports the empty row instead.)
  raw.values.forEach((entry, index) => {
    if (!isObject(entry)) {
      context.drop(`${name} › values[${index}]`, 'variable', 'the row is empty or not an object');
      return;
    }
    const key = asString(entry.key).trim();
    if (key === '' || /[{}\r\n]/.test(key)) {
      context.drop(`${name} › values[${index}]`, 'variable', 'its name is empty or has braces');
      return;
    }
    const value = asString(entry.value);
    if (isCredentialVariableName(key) && isLiteralSecret(value)) {
      context.drop(`${name} › ${key}`, 'credential value', SET_UP_PROFILE);
      return;
    }
    const isSecret = entry.type === 'secret';
    const id = context.newId();
    environment.variables.push({
      id,
      name: key,
      value: isSecret ? '' : value,
      isEnabled: entry.enabled !== false,
      isSecret,
    });
    if (isSecret && value !== '') secretValues[id] = value;
    context.imported += 1;
  });
  return { environment, secretValues, report: { imported: context.imported, dropped: context.dropped } };
}
