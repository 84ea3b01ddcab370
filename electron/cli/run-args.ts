import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CredentialRef } from '../../shared/contract/collections';

/** `shomei run --help`. */
export const RUN_USAGE = `Usage: shomei run FILE|NAME [options]

  FILE|NAME                    a Shomei collection file, a Postman collection (or any file Import reads),
                               or the name of a collection saved in Shomei (--data-dir)
  --env NAME|FILE              an environment: a Postman environment file, or a name from the file or Shomei
  --secret-env NAME[=VAR]      the secret {{NAME}} from the environment variable VAR (default NAME), as CI
                               passes its secrets; repeat for each (never printed)
  --credentials SOURCE         env | default-chain | profile:NAME (a ~/.aws profile): the AWS identity every
                               AWS-signed request uses; required when the collection signs with AWS
  --folder PATH                run one folder only (names joined by /)
  --iterations N               run every request N times (default 1, or one per data row)
  --data FILE                  iteration data: CSV with a header row, or a JSON array of objects
  --parallel N                 requests in flight at once (default 1: in order; a request that reads a
                               captured value still waits for the request that captures it)
  --bail                       stop at the first failure
  --allow-redirected-signing   send requests whose signature goes to another host than the one it is
                               signed for (connect-to, a Host header, a proxy, plain http:// to AWS);
                               without it such a request fails with the reason
  --timeout MS                 timeout of each request
  --reporter LIST              cli,json,junit (default cli)
  --out DIR                    where json and junit reports go (default ./shomei-results)
  --data-dir DIR               Shomei's data folder, for NAME

Exit code 0 when every request was sent and every check passed, 1 when one failed, 2 on bad input.
`;

const REPORTERS = new Set(['cli', 'json', 'junit']);

/**
 * Reads `shomei run`'s arguments (see RUN_USAGE); throws an Error saying which flag is wrong and
 * what it takes. `--help` gives `isHelp` with every other field at its default.
 */
export function parseRunArgs(argv: string[]) {
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
      'allow-redirected-signing': { type: 'boolean' },
      timeout: { type: 'string' },
      reporter: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      'secret-env': { type: 'string', multiple: true },
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
    isRedirectedSigningAllowed: values['allow-redirected-signing'] === true,
    timeoutMs: values.timeout === undefined ? undefined : wholeNumber('--timeout', values.timeout, 1, 3_600_000),
    reporters,
    outDir: resolve(values.out ?? 'shomei-results'),
    dataDir: values['data-dir'],
    secretEnv: values['secret-env'] ?? [],
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
    isRedirectedSigningAllowed: false,
    timeoutMs: undefined,
    reporters: new Set<string>(),
    outDir: '',
    dataDir: undefined,
    secretEnv: [] as string[],
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

/** `shomei run`'s arguments as read, `--help` included. */
export type ParsedArgs = ReturnType<typeof parseRunArgs>;
