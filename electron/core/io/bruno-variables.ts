// Bruno variables: one variable line (`vars:pre-request`, an environment's `vars`) and the
// environment files (`environments/*.bru`, OpenCollection YAML) made of them.
import type { Environment, Variable } from '../../../shared/contract/collections';
import {
  createImportContext,
  isCredentialVariableName,
  isLiteralSecret,
  SET_UP_PROFILE,
  type EnvironmentImport,
  type ImportContext,
} from './io-types';
import type { BrunoFile } from './bruno';
import { brunoLang } from './bruno-parser';
import { notePrompts } from './bruno-report-notes';
import { parseImportYaml } from './import-yaml';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** A Bruno variable (`vars:pre-request`, an environment's `vars`) as a Shomei variable; undefined for an unusable name. */
export function readBruVariable(v: Json, where: string, context: ImportContext): Variable | undefined {
  const name = asString(v.name).trim();
  if (name === '' || name.length > 256 || /[{}\r\n]/.test(name)) return undefined;
  // Bruno types `@number`, `@boolean` and `@object` values; a Shomei variable is text.
  const value =
    typeof v.value === 'string' ? v.value : v.value === undefined || v.value === null ? '' : JSON.stringify(v.value);
  const isEnabled = v.enabled !== false;
  if (v.secret === true || (isCredentialVariableName(name) && isLiteralSecret(value))) {
    if (value !== '') context.drop(`${where} › ${name}`, 'secret value', SET_UP_PROFILE);
    return { id: context.newId(), name, value: '', isEnabled, isSecret: true };
  }
  return { id: context.newId(), name, value, isEnabled, isSecret: false };
}

/** An OpenCollection environment (`name`, `variables: [{ name, value, secret }]`). */
export function readYamlEnvironment(file: BrunoFile, where: string, context: ImportContext): EnvironmentImport {
  let doc: unknown;
  try {
    doc = parseImportYaml(file.text);
  } catch {
    doc = undefined;
  }
  const json = isObject(doc) ? doc : {};
  return readEnvironmentJson(
    file,
    asString(json.name),
    json,
    where,
    context,
    isObject(doc) ? undefined : 'the YAML cannot be read',
  );
}

/** A Bruno `environments/*.bru` file; a file the parser cannot read becomes an empty environment and a report line. */
export function readBruEnvironment(file: BrunoFile, where: string, context: ImportContext): EnvironmentImport {
  let json: Json = {};
  let failure: string | undefined;
  try {
    json = brunoLang().bruToEnvJsonV2(file.text);
  } catch {
    failure = "Bruno's parser could not read it";
  }
  return readEnvironmentJson(file, '', json, where, context, failure);
}

function readEnvironmentJson(
  file: BrunoFile,
  givenName: string,
  json: Json,
  where: string,
  context: ImportContext,
  failure: string | undefined,
): EnvironmentImport {
  const name =
    givenName.trim().slice(0, 256) ||
    (file.path.split('/').pop() as string).replace(/\.(bru|ya?ml)$/, '').slice(0, 256) ||
    'Environment';
  const sink = createImportContext({ newId: context.newId });
  const environment: Environment = { id: context.newId(), name, variables: [] };
  if (failure !== undefined) sink.drop(where, 'environment', failure);
  for (const v of asArray(json.variables).filter(isObject)) {
    const variable = readBruVariable(v, where, sink);
    if (variable) environment.variables.push(variable);
  }
  notePrompts(
    environment.variables.map((v) => v.value),
    where,
    sink,
  );
  context.dropped.push(...sink.dropped);
  return { environment, secretValues: {}, report: { imported: environment.variables.length, dropped: sink.dropped } };
}
