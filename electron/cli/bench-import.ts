import { brunoLang } from '../core/io/bruno-parser';
import { importAny, importAnyFolder } from '../core/io/import-any';
import { parseImportYaml } from '../core/io/import-yaml';
import { importBenchCorpus, type BenchImportFile, type Parser } from './bench-import-corpus';

/** Issue 15's budget: no import of a file under 2 MiB takes longer than this. */
const BUDGET_MS = 150;
/** Every benched file stays under this: the budget is for files under 2 MiB. */
const MAX_BYTES = 2 * 1024 * 1024;
/** After this long, no further warm round of a file starts: a parser that takes seconds a round does not hold the bench for minutes. */
const WARM_ROUNDS_MS = 3_000;

const PARSERS: Record<Parser, { label: string; parse: (text: string, path: string) => unknown }> = {
  json: { label: 'JSON.parse', parse: (text) => JSON.parse(text) },
  yaml: { label: 'parsing the YAML alone', parse: (text) => parseImportYaml(text) },
  bru: { label: "Bruno's parser alone", parse: parseBru },
};

/** Each file of a Bruno folder through the grammar the importer reads it with; `bruno.json` as JSON. */
function parseBru(text: string, path: string): unknown {
  if (path.endsWith('.json')) return JSON.parse(text);
  if (/(^|\/)(collection|folder)\.bru$/.test(path)) return brunoLang().collectionBruToJson(text);
  if (path.startsWith('environments/')) return brunoLang().bruToEnvJsonV2(text);
  return brunoLang().bruToJsonV2(text);
}

/** Imports the file as the app does: its text through `importAny`, a folder through `importAnyFolder`. */
function importFile(file: BenchImportFile): void {
  if ('text' in file) importAny(file.text);
  else importAnyFolder(file.files);
}

/** Reads the same bytes with the parser alone (each file of a folder). */
function parseAlone(file: BenchImportFile, parse: (text: string, path: string) => unknown): void {
  if ('text' in file) parse(file.text, '');
  else for (const { path, text } of file.files) parse(text, path);
}

/**
 * The budget is for a file. A folder (Bruno's, OpenCollection's) is many files: within it as a
 * whole, or else each of its files on average against it, saying that the whole folder is over.
 */
function verdict(ms: number, files: number): string {
  if (ms <= BUDGET_MS) return `within the ${BUDGET_MS} ms budget${files > 1 ? ' as a whole' : ''}`;
  if (files === 1) return `OVER the ${BUDGET_MS} ms budget`;
  const perFile = ms / files;
  return `${perFile.toFixed(1)} ms a file: ${perFile <= BUDGET_MS ? 'each within' : 'OVER'} the ${BUDGET_MS} ms budget, the folder of ${files} files over it`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Issue 15's figures: for each format Shomei imports, a file (or a Bruno folder) near 2 MiB
 * imported as the app does — the first (cold) import in this process and the median of the next
 * ones — against parsing the same bytes alone (`JSON.parse`, the importers' YAML parser or
 * Bruno's), measured in the same run, and whether it stays within the 150 ms budget. curl
 * has no parser alone to compare with: the importer reads its shell words itself.
 */
export async function benchImport(): Promise<string[]> {
  const lines: string[] = [];
  for (const file of importBenchCorpus()) {
    const texts = 'text' in file ? [file.text] : file.files.map((f) => f.text);
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    if (bytes >= MAX_BYTES) throw new Error(`the ${file.name} bench file is ${bytes} bytes, not under 2 MiB`);
    const parser = file.parser === undefined ? undefined : PARSERS[file.parser];
    let start = performance.now();
    importFile(file);
    const cold = performance.now() - start;
    const warm: number[] = [];
    const parse: number[] = [];
    // Seven warm rounds, fewer for a file whose rounds take seconds (one at least): its figure is clear by then.
    const until = performance.now() + WARM_ROUNDS_MS;
    for (let i = 0; i < 7 && (i === 0 || performance.now() < until); i += 1) {
      start = performance.now();
      importFile(file);
      warm.push(performance.now() - start);
      if (!parser) continue;
      start = performance.now();
      parseAlone(file, parser.parse);
      parse.push(performance.now() - start);
    }
    const baseline = parser ? median(parse) : 0;
    const files = 'files' in file ? ` on its ${file.files.length} files` : '';
    const comparison = parser
      ? `= ${(median(warm) / baseline).toFixed(1)}× ${parser.label}${files} (${baseline.toFixed(1)} ms)`
      : 'no parser alone to compare with';
    lines.push(
      `${file.name.padEnd(17)} ${(bytes / 1024).toFixed(0).padStart(5)} KiB  cold ${cold.toFixed(0).padStart(4)} ms  warm ${median(warm).toFixed(0).padStart(4)} ms` +
        `  ${comparison}  ${verdict(Math.max(cold, median(warm)), 'files' in file ? file.files.length : 1)}`,
    );
  }
  return lines;
}
