import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type {
  Collection,
  CollectionItem,
  CredentialRef,
  Environment,
  InheritedSettings,
  Workspace,
  SavedAuth,
} from '../../shared/contract/collections';
import { ShomeiError } from '../../shared/errors';
import { holdsVaultRef } from '../core/auth/vault-refs';
import { signInForRun } from '../core/cognito/sign-in-for-run';
import { readSavedWorkspace } from '../core/collections/workspace-store';
import { createCore } from '../core/create-core';
import { importAny, type AnyImport } from '../core/io/import-any';
import { parseDataRows } from '../core/runner/data-rows';
import type { RunStepResult, RunSummary } from '../core/runner/run-collection';
import { resultName, runReportJson, runReportJunit } from '../core/runner/run-reports';
import { createSessionOnlyCipher } from '../core/vault/memory-ciphers';
import { createMemorySecretValueStore } from '../core/variables/secret-value-store';
import { defaultDataDir } from '../server/data-dir';
import { parseRunArgs, RUN_USAGE, type ParsedArgs } from './run-args';

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
    const vaultKept = vaultKeptAuths(collection);
    if (vaultKept.length > 0)
      streams.stderr.write(
        `shomei run: ${vaultKept.slice(0, 10).join(', ')}${vaultKept.length > 10 ? ` and ${vaultKept.length - 10} more` : ''} ${vaultKept.length === 1 ? 'keeps its' : 'keep their'} auth secret in Shomei's vault, which a run cannot read, so ${vaultKept.length === 1 ? 'it is' : 'they are'} not sent. Put a {{variable}} in the secret field instead and pass its value with --env (a Postman environment file).\n`,
      );
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
    if (environment) {
      core.environments.setActive(environment.id);
      // Naming it with --env is choosing it, as naming the collection is: trusted for this run.
      core.environments.trust(environment.id);
    }
    if (parsed.secretEnv.length > 0) await addSecretsFromEnv(core, parsed.secretEnv, env, environment);
    // A run has no Auth tab: it signs in to the Cognito user pools its requests use, once each.
    for (const who of await signInForRun(core, added, parsed.folder))
      streams.stderr.write(`shomei run: signed in to Cognito as ${who}\n`);
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
        // The summary lists only what did not pass; the reports list every request.
        isKeepingPassed: parsed.reporters.has('json') || parsed.reporters.has('junit'),
        isRedirectedSigningAllowed: parsed.isRedirectedSigningAllowed,
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

interface LoadedSource {
  collection: Collection;
  environments: Array<{ environment: Environment; secretValues: Record<string, string> }>;
}

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
  // The window's trust is the user's own decision about a saved collection; a run by name keeps it
  // (naming a file is choosing it, but a name may be of something imported and never looked at).
  if (!saved?.trustedCollectionIds.includes(collection.id)) {
    throw new ShomeiError(
      'UNTRUSTED',
      `"${collection.name}" is not trusted in Shomei: trust it in the window first, or run the file it came from`,
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

/** The workspace saved in Shomei's data folder (the run's `--data-dir`, else the app's), read without changing it. */
function savedWorkspace(dataDir: string | undefined, env: NodeJS.ProcessEnv): Workspace | undefined {
  return readSavedWorkspace(dataDir ?? defaultDataDir(env));
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
  const workspace = savedWorkspace(args.dataDir, env);
  const saved = workspace?.environments.find((e) => e.name === wanted);
  // As for a collection by name: the window's trust holds (an imported environment may never have been looked at).
  if (saved && workspace?.untrustedEnvironmentIds.includes(saved.id))
    throw new ShomeiError(
      'UNTRUSTED',
      `The environment "${saved.name}" is not trusted in Shomei: trust it in the window first, or give the file it came from`,
    );
  if (saved) return core.environments.add({ environment: saved, secretValues: {} });
  throw new ShomeiError('NOT_FOUND', `There is no environment "${wanted}" (give a file or the name of one)`);
}

/**
 * `--secret-env NAME[=VAR]`: each {{NAME}} a secret variable with the value of `$VAR` (default
 * NAME) from the process environment — how CI hands over its secrets — in the run's environment
 * (the one chosen with --env, whose variable of that name it replaces, else one made for the run).
 * Security: values go to the run's in-memory secret store only; a message names the variable, never its value.
 */
async function addSecretsFromEnv(
  core: ReturnType<typeof createCore>,
  specs: readonly string[],
  env: NodeJS.ProcessEnv,
  active: Environment | undefined,
): Promise<void> {
  const variables = specs.map((spec) => {
    // Split at the first `=` only: `A=B=C` is no variable name, and says so instead of reading $B.
    const at = spec.indexOf('=');
    const name = at < 0 ? spec : spec.slice(0, at);
    const from = at < 0 ? spec : spec.slice(at + 1);
    if (!/^[\w.-]+$/.test(name) || !/^\w+$/.test(from))
      throw new ShomeiError('INVALID_INPUT', `--secret-env ${spec} is not NAME or NAME=ENV_VAR`);
    const value = env[from];
    if (value === undefined || value === '')
      throw new ShomeiError('INVALID_INPUT', `--secret-env ${spec}: the environment variable ${from} is not set`);
    return { name, value, isSecret: true };
  });
  if (!active) {
    const made = await core.environments.create({ name: 'shomei run --secret-env', variables });
    core.environments.setActive(made.id);
    return;
  }
  const kept = active.variables.filter((v) => !variables.some((n) => n.name === v.name));
  await core.environments.update({ id: active.id, variables: [...kept, ...variables] });
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

/** Where the collection's auth keeps a secret in the vault (`Orders / Get order`, `folder Reads`), which a run has not. */
function vaultKeptAuths(collection: Collection): string[] {
  const found: string[] = [];
  const visit = (items: readonly CollectionItem[], path: string) => {
    for (const item of items) {
      const here = path ? `${path} / ${item.name}` : item.name;
      if (item.kind === 'request') {
        if (holdsVaultRef(item.auth)) found.push(here);
        continue;
      }
      if (holdsVaultRef(item.settings.auth)) found.push(`folder ${here}`);
      visit(item.items, here);
    }
  };
  if (holdsVaultRef(collection.settings.auth)) found.push(`the collection ${collection.name}`);
  visit(collection.items, '');
  return found;
}

/** A progress line on a terminal (rewritten in place), or nothing elsewhere. */
function progressLine(stdout: Streams['stdout'], isShown: boolean) {
  const isTty = isShown && stdout.isTTY === true;
  let last = 0;
  return {
    onResult(result: RunStepResult, summary: RunSummary) {
      if (!isTty) return;
      const now = Date.now();
      const done = summary.completed;
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
