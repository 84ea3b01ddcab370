import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isShomeiError } from '../../shared/errors';
import { ImportFormatSchema, importAny, importAnyFolder, type AnyImport } from '../core/io/import-any';
import { exportShomeiCollection } from '../core/io/shomei-file';

/** Where `shomei import` writes: the collection file to `stdout` (or `--out`), the report to `stderr`. */
export interface ImportCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = 'usage: shomei import FILE [--format NAME] [--out FILE.shomei.json]';

/**
 * `shomei import FILE [--format NAME] [--out FILE]`: imports FILE as the app's import would
 * (same detection, same importers, same report) and writes the Shomei collection file (the
 * README's format) to stdout or `--out`, and the report — what was imported, each dropped thing and
 * why — to stderr. Exit 0 on success; 2 on bad arguments, a file it cannot read, or content no
 * importer reads (nothing is written then).
 */
export async function runImportCommand(argv: string[], io: ImportCommandIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`shomei import: ${args}\n${USAGE}\n`);
    return 2;
  }
  let input: { text: string } | { files: Array<{ path: string; text: string }> };
  try {
    input = (await stat(args.file)).isDirectory()
      ? { files: await readFolder(args.file) }
      : { text: await readFile(args.file, 'utf8') };
  } catch (error) {
    io.stderr.write(`shomei import: cannot read ${args.file}: ${reason(error)}\n`);
    return 2;
  }
  let result: AnyImport;
  const options = {
    name: args.file
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop(),
  };
  try {
    result = 'text' in input ? importAny(input.text, args.format, options) : importAnyFolder(input.files, options);
  } catch (error) {
    io.stderr.write(`shomei import: ${isShomeiError(error) ? error.message : reason(error)}\n`);
    return 2;
  }
  if (result.kind !== 'collection') {
    io.stderr.write(
      `shomei import: ${args.file} is a ${result.format} file (an environment); shomei import writes collections — import it in the app instead. Nothing was written.\n`,
    );
    return 2;
  }
  const { text: fileText } = exportShomeiCollection(result.collection);
  if (args.out === undefined) io.stdout.write(fileText);
  else {
    try {
      await writeFile(args.out, fileText, 'utf8');
    } catch (error) {
      io.stderr.write(`shomei import: cannot write ${args.out}: ${reason(error)}\n`);
      return 2;
    }
  }
  io.stderr.write(formatReport(result));
  return 0;
}

/** The report as lines: the format, what was imported, then one line per dropped thing. */
export function formatReport(result: Extract<AnyImport, { kind: 'collection' }>): string {
  const lines = [
    `Imported ${result.report.imported} request${result.report.imported === 1 ? '' : 's'} from ${result.format} into "${result.collection.name}".`,
  ];
  for (const environment of result.environments ?? []) {
    lines.push(
      `environment "${environment.environment.name}" (${environment.environment.variables.length} variables): not written — a collection file holds no environments; import the file in the app to keep it`,
    );
  }
  for (const dropped of result.report.dropped) lines.push(`dropped: ${dropped.path}: ${dropped.what} — ${dropped.why}`);
  return `${lines.join('\n')}\n`;
}

/** At most this many files are read from a folder (a Bruno collection). */
const MAX_FOLDER_FILES = 20_000;

/** The `.bru`, YAML (OpenCollection) and `bruno.json` files of a folder and its sub-folders (not `node_modules` or dot folders). */
async function readFolder(root: string): Promise<Array<{ path: string; text: string }>> {
  const files: Array<{ path: string; text: string }> = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && /\.(bru|ya?ml)$|^bruno\.json$/.test(entry.name)) {
        if (files.length >= MAX_FOLDER_FILES) throw new Error(`it holds more than ${MAX_FOLDER_FILES} files`);
        files.push({ path: relative(root, full).split(sep).join('/'), text: await readFile(full, 'utf8') });
      }
    }
  };
  await visit(root);
  return files;
}

interface ImportArgs {
  file: string;
  format?: ReturnType<typeof ImportFormatSchema.parse> | undefined;
  out?: string | undefined;
}

function parseArgs(argv: string[]): ImportArgs | string {
  let file: string | undefined;
  let format: ImportArgs['format'];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--format' || arg === '--out') {
      const value = argv[i + 1];
      if (value === undefined) return `${arg} needs a value`;
      i += 1;
      if (arg === '--out') out = value;
      else {
        const parsed = ImportFormatSchema.safeParse(value);
        if (!parsed.success) return `unknown format "${value}" (one of ${ImportFormatSchema.options.join(', ')})`;
        format = parsed.data;
      }
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `one FILE only (got "${file}" and "${arg}")`;
  }
  if (file === undefined) return 'give the FILE to import';
  return { file, format, out };
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
