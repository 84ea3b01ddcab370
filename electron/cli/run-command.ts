import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  Collection,
  CollectionItem,
  CredentialRef,
  Environment,
  InheritedSettings,
  SavedAuth,
} from '../../shared/contract/collections';
import { ShomeiError } from '../../shared/errors';
import { createCore } from '../core/create-core';
import { importAny, type AnyImport } from '../core/io/import-any';
import { parseDataRows } from '../core/runner/data-rows';
import type { RunStepResult, RunSummary } from '../core/runner/run-collection';
import { resultName, runReportJson, runReportJunit } from '../core/runner/run-reports';
import { createSessionOnlyCipher } from '../core/vault/memory-ciphers';
import { createMemorySecretValueStore } from '../core/variables/secret-value-store';
import { defaultDataDir } from '../server/data-dir';

export const RUN_USAGE = `Usage: shomei run FILE|NAME [options]

  FILE|NAME                    a Shomei collection file, a Postman collection (or any file Import reads),
                               or the name of a collection saved in Shomei (--data-dir)
  --env NAME|FILE              an environment: a Postman environment file, or a name from the file or Shomei
  --credentials SOURCE         env | default-chain | profile:NAME (a ~/.aws profile): the AWS identity every
                               AWS-signed request uses; required when the collection signs with AWS
  --folder PATH                run one folder only (names joined by /)
  --iterations N               run every request N times (default 1, or one per data row)
  --data FILE                  iteration data: CSV with a header row, or a JSON array of objects
  --parallel N                 requests in flight at once (default 1: in order; a request that reads a
                               captured value still waits for the request that captures it)
  --bail                       stop at the first failure
  --timeout MS                 timeout of each request
  --reporter LIST              cli,json,junit (default cli)
  --out DIR                    where json and junit reports go (default ./shomei-results)
  --data-dir DIR               Shomei's data folder, for NAME

Exit code 0 when every request was sent and every check passed, 1 when one failed, 2 on bad input.
`;

const REPORTERS = new Set(['cli', 'json', 'junit']);

interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** `shomei run`: runs a collection's requests and checks; see RUN_USAGE. Returns the exit code. */
export async function runRunCommand(
  argv: string[],
  streams: Streams = { stdout: process.stdout, stderr: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed: ReturnType<typeof parseRunArgs>;
  try {
    parsed = parseRunArgs(argv);
  } catch (error) {
    streams.stderr.write(`shomei run: ${error instanceof Error ? error.message : String(error)}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (parsed.isHelp) {
    streams.stdout.write(RUN_USAGE);
    return 0;
  }
  const workDir = mkdtempSync(join(tmpdir(), 'shomei-run-'));
  // Security: the run's own data folder is throw-away; secret values live only in memory.
  const core = createCore({
    host: 'browser',
    version: 'cli',
    dataDir: workDir,
    env,
    cipher: createSessionOnlyCipher(),
    secrets: createMemorySecretValueStore(),
    saveDelayMs: 60_000,
    // As newman does: body files are read from the folder the command runs in.
    workingDirectory: process.cwd(),
  });
  try {
    const source = await loadSource(parsed.target, parsed, env);
    const collection = withCredentials(source.collection, parsed.credentials);
    const added = core.collections.addCollection(collection);
    // Naming a file on the command line is choosing to run it, as with newman: it is trusted for this run.
    core.collections.trust(added.id);
    for (const environment of source.environments) await core.environments.add(environment);
    const environment = await chooseEnvironment(
      core,
      parsed.env,
      source.environments.map((e) => e.environment),
      parsed,
      env,
    );
    if (environment) core.environments.setActive(environment.id);
    const data = parsed.data === undefined ? undefined : readData(parsed.data);
    const startedAt = new Date().toISOString();
    const progress = progressLine(streams.stdout, parsed.reporters.has('cli'));
    const { done } = core.runner.run(
      {
        collectionId: added.id,
        folder: parsed.folder,
        iterations: parsed.iterations,
        data,
        parallel: parsed.parallel,
        shouldBail: parsed.shouldBail,
        ...(parsed.timeoutMs === undefined ? {} : { options: { timeoutMs: parsed.timeoutMs } }),
      },
      progress.onResult,
    );
    const summary = await done;
    progress.end();
    const context = { collectionName: collection.name, environmentName: environment?.name, startedAt };
    if (parsed.reporters.has('cli')) streams.stdout.write(cliReport(summary, parsed.iterations ?? data?.length ?? 1));
    if (parsed.reporters.has('json') || parsed.reporters.has('junit')) {
      mkdirSync(parsed.outDir, { recursive: true });
      if (parsed.reporters.has('json'))
        writeFileSync(join(parsed.outDir, 'shomei-run.json'), runReportJson(summary, context));
      if (parsed.reporters.has('junit'))
        writeFileSync(join(parsed.outDir, 'shomei-run.xml'), runReportJunit(summary, context));
      streams.stderr.write(`shomei run: reports in ${parsed.outDir}\n`);
    }
    return summary.requests.failed === 0 && summary.checks.failed === 0 && !summary.isBailed ? 0 : 1;
  } catch (error) {
    streams.stderr.write(`shomei run: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await core.close().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

function parseRunArgs(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      credentials: { type: 'string' },
      folder: { type: 'string' },
      iterations: { type: 'string' },
      data: { type: 'string' },
      parallel: { type: 'string' },
      bail: { type: 'boolean' },
      timeout: { type: 'string' },
      reporter: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { isHelp: true as const, ...defaults() };
  if (positionals.length !== 1)
    throw new Error(
      positionals.length === 0
        ? 'name the collection to run'
        : `one collection at a time (got ${positionals.join(', ')})`,
    );
  const reporters = new Set(
    (values.reporter ?? 'cli')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
  for (const reporter of reporters)
    if (!REPORTERS.has(reporter)) throw new Error(`--reporter ${reporter} is not one of cli, json, junit`);
  return {
    isHelp: false as const,
    target: positionals[0] as string,
    env: values.env,
    credentials: values.credentials === undefined ? undefined : credentialOf(values.credentials),
    folder:
      values.folder === undefined
        ? undefined
        : values.folder
            .split('/')
            .map((p) => p.trim())
            .filter(Boolean),
    iterations:
      values.iterations === undefined ? undefined : wholeNumber('--iterations', values.iterations, 1, 100_000),
    data: values.data,
    parallel: values.parallel === undefined ? 1 : wholeNumber('--parallel', values.parallel, 1, 64),
    shouldBail: values.bail === true,
    timeoutMs: values.timeout === undefined ? undefined : wholeNumber('--timeout', values.timeout, 1, 3_600_000),
    reporters,
    outDir: resolve(values.out ?? 'shomei-results'),
    dataDir: values['data-dir'],
  };
}

function defaults() {
  return {
    target: '',
    env: undefined,
    credentials: undefined,
    folder: undefined,
    iterations: undefined,
    data: undefined,
    parallel: 1,
    shouldBail: false,
    timeoutMs: undefined,
    reporters: new Set<string>(),
    outDir: '',
    dataDir: undefined,
  };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new Error(`${flag} takes a whole number from ${min} to ${max} (got "${text}")`);
  return n;
}

function credentialOf(text: string): CredentialRef {
  if (text === 'env') return { source: 'env' };
  if (text === 'default-chain') return { source: 'default-chain' };
  const profile = /^profile:(.+)$/.exec(text)?.[1];
  if (profile) return { source: 'aws-profile', profile };
  throw new Error(`--credentials ${text} is not env, default-chain or profile:NAME`);
}

interface LoadedSource {
  collection: Collection;
  environments: Array<{ environment: Environment; secretValues: Record<string, string> }>;
}

type ParsedArgs = Exclude<ReturnType<typeof parseRunArgs>, { isHelp: true }> | ReturnType<typeof parseRunArgs>;

async function loadSource(target: string, args: ParsedArgs, env: NodeJS.ProcessEnv): Promise<LoadedSource> {
  if (existsSync(target) && statSync(target).isFile()) {
    const imported = importFile(target);
    if (imported.kind !== 'collection')
      throw new ShomeiError('INVALID_INPUT', `${target} is an environment, not a collection: pass it with --env`);
    return { collection: imported.collection, environments: imported.environments ?? [] };
  }
  const saved = savedWorkspace(args.dataDir, env);
  const collection = saved?.collections.find((c) => c.name === target || c.id === target);
  if (!collection) {
    const names = saved?.collections.map((c) => c.name) ?? [];
    throw new ShomeiError(
      'NOT_FOUND',
      `${target} is neither a file nor a saved collection${names.length ? ` (saved: ${names.slice(0, 10).join(', ')})` : ''}`,
    );
  }
  return { collection, environments: [] };
}

function importFile(path: string): AnyImport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ShomeiError(
      'INVALID_INPUT',
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return importAny(text);
}

/** The collections and environments saved in Shomei's data folder, read without changing it. */
function savedWorkspace(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv,
): { collections: Collection[]; environments: Environment[] } | undefined {
  const file = join(dataDir ?? defaultDataDir(env), 'workspace.json');
  if (!existsSync(file)) return undefined;
  try {
    const document = JSON.parse(readFileSync(file, 'utf8')) as {
      data?: { collections?: Collection[]; environments?: Environment[] };
    };
    return { collections: document.data?.collections ?? [], environments: document.data?.environments ?? [] };
  } catch {
    throw new ShomeiError('INVALID_INPUT', `${file} cannot be read`);
  }
}

async function chooseEnvironment(
  core: ReturnType<typeof createCore>,
  wanted: string | undefined,
  fromFile: readonly Environment[],
  args: ParsedArgs,
  env: NodeJS.ProcessEnv,
): Promise<Environment | undefined> {
  if (wanted === undefined) return undefined;
  if (existsSync(wanted) && statSync(wanted).isFile()) {
    const imported = importFile(wanted);
    if (imported.kind === 'environment')
      return core.environments.add({ environment: imported.environment, secretValues: imported.secretValues });
    const first = imported.environments?.[0];
    if (!first) throw new ShomeiError('INVALID_INPUT', `${wanted} holds no environment`);
    return core.environments.add(first);
  }
  const inFile = fromFile.find((e) => e.name === wanted);
  if (inFile) return core.environments.list().find((e) => e.name === inFile.name);
  const saved = savedWorkspace(args.dataDir, env)?.environments.find((e) => e.name === wanted);
  if (saved) return core.environments.add({ environment: saved, secretValues: {} });
  throw new ShomeiError('NOT_FOUND', `There is no environment "${wanted}" (give a file or the name of one)`);
}

/** Rows of a CSV (header row first) or JSON (array of objects) data file, values as text. */
function readData(path: string): Array<Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ShomeiError(
      'INVALID_INPUT',
      `--data ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseDataRows(
    text,
    extname(path).toLowerCase() === '.json' || text.trimStart().startsWith('[') ? 'json' : 'csv',
    path,
  );
}

/**
 * The collection with every AWS signature using `source`. Without one, a collection that signs
 * with AWS is refused: a run never picks an identity by itself.
 */
export function withCredentials(collection: Collection, source: CredentialRef | undefined): Collection {
  let signs = false;
  const fixAuth = (auth: SavedAuth): SavedAuth => {
    if (auth.type !== 'aws-sigv4') return auth;
    signs = true;
    return source ? { ...auth, credentialSource: source } : auth;
  };
  const fixSettings = (settings: InheritedSettings): InheritedSettings => ({
    ...settings,
    auth: fixAuth(settings.auth),
  });
  const fixItem = (item: CollectionItem): CollectionItem =>
    item.kind === 'request'
      ? { ...item, auth: fixAuth(item.auth) }
      : { ...item, settings: fixSettings(item.settings), items: item.items.map(fixItem) };
  const out = { ...collection, settings: fixSettings(collection.settings), items: collection.items.map(fixItem) };
  if (signs && !source)
    throw new ShomeiError(
      'INVALID_INPUT',
      'This collection signs with AWS: choose whose identity with --credentials env, default-chain or profile:NAME',
    );
  return out;
}

/** A progress line on a terminal (rewritten in place), or nothing elsewhere. */
function progressLine(stdout: Streams['stdout'], isShown: boolean) {
  const isTty = isShown && stdout.isTTY === true;
  let last = 0;
  return {
    onResult(result: RunStepResult, summary: RunSummary) {
      if (!isTty) return;
      const now = Date.now();
      const done = summary.results.length;
      if (now - last < 100 && done < summary.requests.total) return;
      last = now;
      stdout.write(
        `\r\u001b[2K${done}/${summary.requests.total} · ${summary.requests.failed} failed · ${result.name.slice(0, 60)}`,
      );
    },
    end() {
      if (isTty) stdout.write('\r\u001b[2K');
    },
  };
}

/** The summary a person reads at the end: each failure with expected and actual, then totals. */
export function cliReport(summary: RunSummary, iterations: number): string {
  const lines: string[] = [];
  for (const result of summary.results) {
    if (result.outcome === 'passed') continue;
    const name = resultName(result, iterations);
    if (result.outcome === 'skipped') continue;
    if (result.outcome === 'error') {
      lines.push(`✗ ${result.method} ${name}: ${result.error?.message ?? 'not sent'}`);
      continue;
    }
    lines.push(`✗ ${result.method} ${name} → ${result.status ?? ''}`);
    for (const check of result.checks.filter((c) => !c.isPassed))
      lines.push(
        `    ${check.description}: expected ${check.expected}, got ${check.actual}${check.error ? ` (${check.error})` : ''}`,
      );
    for (const capture of result.captures.filter((c) => !c.isCaptured))
      lines.push(`    capture {{${capture.variable}}}: ${capture.error ?? 'not captured'}`);
  }
  const seconds = (summary.durationMs / 1000).toFixed(2);
  const rate =
    summary.durationMs > 0 ? Math.round((summary.requests.sent * 1000) / summary.durationMs) : summary.requests.sent;
  lines.push(
    `${summary.requests.total} requests: ${summary.requests.sent} sent, ${summary.requests.failed} failed, ${summary.requests.skipped} skipped · ` +
      `${summary.checks.total} checks: ${summary.checks.passed} passed, ${summary.checks.failed} failed · ${seconds} s (${rate} req/s)` +
      (summary.isBailed ? ' · stopped at the first failure' : ''),
  );
  return `${lines.join('\n')}\n`;
}
