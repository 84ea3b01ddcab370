import type { Variable } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import { importCurlCommands } from './curl';
import {
  createImportContext,
  isCredentialVariableName,
  isLiteralSecret,
  SET_UP_PROFILE,
  type CollectionImport,
  type ImportOptions,
} from './io-types';
import { splitShellWords } from './shell-words';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/**
 * Imports a shell script that runs curl (or a plain curl command): a shebang, comments, line
 * continuations and several curl commands (→ several requests, through `importCurlCommands`). `NAME=value`
 * and `export NAME=value` assignments become collection variables, and `$NAME` / `${NAME}` outside
 * single quotes become `{{NAME}}`, so the requests keep pointing at the script's values. A value
 * that runs a command (`$(…)`, backticks) becomes an empty variable, reported; credentials
 * assigned in the script are dropped (set up a credential profile instead); every other command
 * (`echo`, `set -e`, `aws …`) is reported and skipped. Throws `IMPORT_FAILED` when no curl
 * command is found.
 */
export function importCurlScript(text: string, options: ImportOptions = {}): CollectionImport {
  const context = createImportContext(options);
  let commands: string[][];
  try {
    commands = splitShellWords(shellVariablesToTemplates(text)).commands.filter((c) => c.length > 0);
  } catch (error) {
    throw new ShomeiError(
      'IMPORT_FAILED',
      `This is not a valid shell script or curl command: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`,
    );
  }
  const variables: Variable[] = [];
  const curls: string[][] = [];
  for (const [index, command] of commands.entries()) {
    const words = command[0] === 'export' || command[0] === 'readonly' ? command.slice(1) : command;
    const assignments = words.filter((w) => ASSIGNMENT.test(w));
    if (assignments.length === words.length && words.length > 0) {
      for (const word of assignments) addVariable(word, variables, context);
      continue;
    }
    // `NAME=$(command …)`: the words are split inside the substitution; it stays one assignment.
    if (words.length > 0 && ASSIGNMENT.test(words[0] as string) && /\$\(|`/.test(words[0] as string)) {
      addVariable(words.join(' '), variables, context);
      continue;
    }
    if (/^curl(\.exe)?$/i.test(words[0] ?? '')) {
      curls.push(words);
      continue;
    }
    context.drop(
      `script › command ${index + 1}`,
      `command "${command.join(' ').slice(0, 60)}"`,
      'only curl commands and variable assignments are imported',
    );
  }
  if (curls.length === 0)
    throw new ShomeiError('IMPORT_FAILED', 'This script runs no curl command. Nothing was imported.');
  const imported = importCurlCommands(curls, { ...options, newId: context.newId });
  imported.collection.settings.variables.push(...variables);
  return {
    ...imported,
    report: { imported: imported.report.imported, dropped: [...context.dropped, ...imported.report.dropped] },
  };
}

function addVariable(word: string, variables: Variable[], context: ReturnType<typeof createImportContext>): void {
  const [, name = '', value = ''] = ASSIGNMENT.exec(word) ?? [];
  const where = `script › ${name}`;
  if (isCredentialVariableName(name) && isLiteralSecret(value)) {
    context.drop(where, 'credential value', SET_UP_PROFILE);
    return;
  }
  const runsCommand = value.includes('$(') || value.includes('`');
  if (runsCommand)
    context.drop(
      where,
      `value ${value.slice(0, 60)}`,
      'it runs a command, which an import never does; set the variable by hand',
    );
  const variable: Variable = {
    id: context.newId(),
    name,
    value: runsCommand ? '' : value,
    isEnabled: true,
    isSecret: false,
  };
  const existing = variables.findIndex((v) => v.name === name);
  // A script that assigns twice uses the last value from there on; the import keeps the last one.
  if (existing >= 0) variables[existing] = variable;
  else variables.push(variable);
}

/** The characters `shellVariablesToTemplates` acts on: every other one is copied as is. */
const SPECIAL = /[#\\'"$]/g;

/**
 * `$NAME` and `${NAME}` as `{{NAME}}` wherever the shell would expand them: unquoted and inside
 * double quotes, never inside single quotes or after a backslash. `$1`, `$@`, `$(…)` and
 * `${NAME:-default}` forms are left as typed.
 */
export function shellVariablesToTemplates(text: string): string {
  let out = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    // Text up to the next character the rules below look at is copied in one slice.
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(text)?.index ?? text.length;
    out += text.slice(i, next);
    i = next;
    if (i === text.length) break;
    const ch = text[i] as string;
    if (ch === '#' && quote === undefined && (i === 0 || /\s/.test(text[i - 1] as string))) {
      // A comment: copied as is (an apostrophe in it opens no quote).
      const end = text.indexOf('\n', i);
      out += text.slice(i, end < 0 ? text.length : end);
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    if (ch === '\\' && quote !== "'") {
      out += ch + (text[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (ch === "'" && quote !== '"') quote = quote === "'" ? undefined : "'";
    else if (ch === '"' && quote !== "'") quote = quote === '"' ? undefined : '"';
    else if (ch === '$' && quote !== "'") {
      const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i, i + 260));
      if (match) {
        out += `{{${match[1] ?? match[2]}}}`;
        i += match[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
