import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateCode,
  type CodeApiKey,
  type CodeAuth,
  type CodeRequest,
  type CodeTarget,
} from '../../shared/codegen/generate-code';
import { SECRET_ENV } from '../../shared/codegen/token-auth-code';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { commandLinesHolding } from '../support/command-lines';
import { SHA256_SHIM_SOURCE } from '../support/sha256-shim';
import { startVerifyingServer, type KnownCredentials, type VerifyingServer } from '../support/verifying-server';

/**
 * An API key beside another auth in generated code — SigV4 plus `x-api-key` (an API with IAM auth
 * and a usage plan), or a token plus a key — run for real against loopback servers: one verifies
 * SigV4 with `aws4` and checks the key, one checks the token and the key. The key is read from
 * $API_KEY when the code runs and never written in it; in the query it is percent-encoded and
 * signed in its canonical place.
 */
const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const isRequired = process.env.CI === 'true';
const hasCurl = existsSync('/usr/bin/curl');
const hasJq = existsSync('/usr/bin/jq');
const canImport = async (module: string) =>
  existsSync(PYTHON) &&
  (await run(PYTHON, ['-c', `import ${module}`]).then(
    () => true,
    () => false,
  ));
const hasBotocore = await canImport('botocore.auth');
const hasAws4auth = await canImport('requests_aws4auth');
const hasAwsRequestsAuth = await canImport('aws_requests_auth.aws_auth');
const hasRequests = await canImport('requests');

const KEYS: KnownCredentials = {
  accessKeyId: 'AKIAAPIKEYBESIDE0001',
  secretAccessKey: 'apiKeyBesideSecret/ABCDEFGHIJKLMNOPQRSTU',
};
/** Characters a base64-ish key holds, and a few a query must encode. */
const API_KEY = 'k3y+with/slash=and space~!*';
const TOKEN = 'bearer-token-beside-the-key-0123';

let server: VerifyingServer;
let api: AuthCheckingServer;
let dir: string;
let fileCount = 0;

beforeAll(async () => {
  [server, api] = await Promise.all([startVerifyingServer([KEYS]), startAuthCheckingServer()]);
  dir = mkdtempSync(join(tmpdir(), 'shomei-code-api-key-'));
  // The API: the signature must hold and the key must be the one in the environment.
  for (const placement of ['header', 'query'] as const)
    server.routes.set(`/prod/keyed-${placement}`, (_req, res, received) => {
      const key =
        placement === 'header'
          ? received.rawHeaders.find(([name]) => name.toLowerCase() === 'x-api-key')?.[1]
          : new URL(received.target, 'http://x').searchParams.get('api_key');
      // Security: in a header, the key is on no command line while the request is in flight.
      const leaked = placement === 'header' ? commandLinesHolding(API_KEY) : [];
      const isOk = received.verdict.ok && key === API_KEY && leaked.length === 0;
      res.writeHead(isOk ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ isOk, verdict: received.verdict.reason, key, leaked }));
    });
});
afterAll(async () => {
  await Promise.all([server?.close(), api?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function write(code: string, extension: string): string {
  fileCount += 1;
  const file = join(dir, `snippet-${fileCount}.${extension}`);
  writeFileSync(file, code);
  return file;
}

/** Runs a snippet with only `env` (and PATH) in its environment; its exit code must be 0. */
async function runSnippet(target: CodeTarget, code: string, env: Record<string, string>): Promise<string> {
  const options = {
    env: { PATH: '/usr/bin:/bin', HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', ...env },
    encoding: 'utf8' as const,
    timeout: 30_000,
  };
  if (target === 'curl' || target === 'awscurl') return (await run('/bin/sh', [write(code, 'sh')], options)).stdout;
  if (target === 'javascript-smithy') {
    // A node:crypto stand-in for @aws-crypto/sha256-js (not installed here); smithy from node_modules.
    const shim = pathToFileURL(write(SHA256_SHIM_SOURCE, 'mjs')).href;
    const smithy = pathToFileURL(createRequire(import.meta.url).resolve('@smithy/signature-v4')).href;
    const runnable = code
      .replace("'@aws-crypto/sha256-js'", `'${shim}'`)
      .replace("'@smithy/signature-v4'", `'${smithy}'`);
    return (await run(process.execPath, [write(runnable, 'mjs')], options)).stdout;
  }
  return (await run(PYTHON, [write(code, 'py')], options)).stdout;
}

const SIGV4_TARGETS: Array<{ target: CodeTarget; isAvailable: boolean; needs: string }> = [
  { target: 'curl', isAvailable: hasCurl, needs: 'curl' },
  { target: 'python-botocore', isAvailable: hasBotocore, needs: 'botocore' },
  { target: 'python-requests-aws4auth', isAvailable: hasAws4auth, needs: 'requests-aws4auth' },
  { target: 'python-aws-requests-auth', isAvailable: hasAwsRequestsAuth, needs: 'aws-requests-auth' },
  { target: 'javascript-smithy', isAvailable: true, needs: 'node' },
];

/** A signed GET of the API with the key in `x-api-key`. */
function keyedGet(): CodeRequest {
  return {
    method: 'GET',
    url: `${server.origin}/prod/keyed-header`,
    headers: [],
    region: 'us-east-1',
    service: 'execute-api',
    hasSessionToken: false,
    apiKey: { in: 'header', name: 'x-api-key' },
  };
}

describe('SigV4 plus an API key', () => {
  for (const { target, isAvailable, needs } of SIGV4_TARGETS) {
    for (const placement of ['header', 'query'] as const) {
      const needsJq = target === 'curl' && placement === 'query';
      it.skipIf(!isAvailable || (needsJq && !hasJq))(
        `${target}: the key in the ${placement} from $API_KEY, signed with the request (skipped when ${needsJq ? `${needs} or jq is` : `${needs} is`} not installed)`,
        async () => {
          const apiKey: CodeApiKey = { in: placement, name: placement === 'header' ? 'x-api-key' : 'api_key' };
          const code = generateCode(
            {
              method: 'POST',
              // Query names before and after the key's, so its canonical place is in the middle.
              url: `${server.origin}/prod/keyed-${placement}?zeta=last&alpha=first one`,
              headers: [
                ['Content-Type', 'application/json'],
                ['X-Api-Key', 'typed by hand: the key replaces it'],
              ],
              body: '{"order":1}',
              region: 'us-east-1',
              service: 'execute-api',
              hasSessionToken: false,
              apiKey,
            },
            target,
          );
          expect(code.code).not.toContain(API_KEY);
          expect(code.notes.join(' ')).toContain('Set API_KEY in the environment too');
          const stdout = await runSnippet(target, code.code, {
            AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
            API_KEY,
          });
          expect(stdout, stdout).toContain('"isOk":true');
          const last = server.received.at(-1);
          expect(last?.verdict.ok).toBe(true);
          expect(last?.body.toString('utf8')).toBe('{"order":1}');
          if (placement === 'query') {
            // The canonical query, which the signature covers, holds the key.
            expect(last?.verdict.canonicalRequest).toContain('api_key=k3y%2Bwith%2Fslash%3Dand%20space~%21%2A');
            expect(new URL(last?.target ?? '', 'http://x').searchParams.get('alpha')).toBe('first one');
          } else {
            expect(last?.rawHeaders.filter(([name]) => name.toLowerCase() === 'x-api-key')).toHaveLength(1);
          }
        },
      );
    }
  }

  it.skipIf(!hasCurl && !isRequired)('curl: a wrong key is refused by the API though the signature holds', async () => {
    const code = generateCode(keyedGet(), 'curl');
    const stdout = await runSnippet('curl', code.code, {
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      API_KEY: 'not-the-key',
    });
    expect(stdout).toContain('"isOk":false');
    expect(server.received.at(-1)?.verdict.ok).toBe(true);
    // Without API_KEY the shell stops before sending anything.
    const before = server.received.length;
    await expect(
      runSnippet('curl', code.code, {
        AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      }),
    ).rejects.toThrow(/Set API_KEY first/);
    expect(server.received.length).toBe(before);
  });

  it('curl does not follow redirects with the key header (curl would send it to any host)', () => {
    const code = generateCode({ ...keyedGet(), options: { isFollowingRedirects: true } }, 'curl');
    expect(code.code).not.toContain('--location');
    expect(code.notes.join(' ')).toContain('would send the x-api-key header to any host');
  });
});

const TOKEN_TARGETS: Array<{ target: CodeTarget; isAvailable: boolean }> = [
  { target: 'curl', isAvailable: hasCurl },
  { target: 'python-requests-aws4auth', isAvailable: hasRequests },
  { target: 'javascript-smithy', isAvailable: true },
];

describe('a token plus an API key', () => {
  const bearer: CodeAuth = { type: 'bearer', prefix: 'Bearer' };
  for (const { target, isAvailable } of TOKEN_TARGETS) {
    for (const placement of ['header', 'query'] as const) {
      it.skipIf(!isAvailable && !isRequired)(
        `${target}: Bearer from $TOKEN and the key in the ${placement} from $API_KEY`,
        async () => {
          const path = `/token-and-key/${target}/${placement}`;
          api.checks.set(path, ({ headers, query }) => {
            const key = placement === 'header' ? headers['x-api-key'] : query.get('api_key');
            if (headers.authorization !== `Bearer ${TOKEN}`) return 'no token';
            const leaked = [TOKEN, ...(placement === 'header' ? [API_KEY] : [])].flatMap(commandLinesHolding);
            if (leaked.length > 0) return `on a command line: ${leaked.join(' | ')}`;
            return key === API_KEY ? undefined : `key ${String(key)}`;
          });
          const code = generateCode(
            {
              method: 'GET',
              url: `${api.origin}${path}?page=2`,
              headers: [],
              region: 'us-east-1',
              service: 'execute-api',
              hasSessionToken: false,
              auth: bearer,
              apiKey: { in: placement, name: placement === 'header' ? 'x-api-key' : 'api_key' },
            },
            target,
          );
          expect(code.code).not.toContain(API_KEY);
          expect(code.code).not.toContain(TOKEN);
          const stdout = await runSnippet(target, code.code, { [SECRET_ENV.bearer]: TOKEN, API_KEY });
          expect(stdout, stdout).toContain('"ok":true');
          expect(api.seen.filter((s) => s.path === path).map((s) => s.status)).toEqual([200]);
        },
      );
    }
  }
});

describe.skipIf(!existsSync(PYTHON) && !isRequired)('with the key beside, every Python snippet compiles', () => {
  it.each(['python-requests-aws4auth', 'python-aws-requests-auth', 'python-botocore'] as const)(
    '%s, key in the header and in the query, each credential source (py_compile)',
    async (target) => {
      const files = (['header', 'query'] as const).flatMap((placement) =>
        (['env', 'instance-role', 'assume-role'] as const).map((pythonCredentials) =>
          write(
            generateCode({ ...keyedGet(), apiKey: { in: placement, name: 'api_key' } }, target, { pythonCredentials })
              .code,
            'py',
          ),
        ),
      );
      await expect(run(PYTHON, ['-m', 'py_compile', ...files])).resolves.toBeDefined();
    },
  );
});
