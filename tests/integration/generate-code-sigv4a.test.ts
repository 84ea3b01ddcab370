import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode, type CodeRequest } from '../../shared/codegen/generate-code';
import { SIGV4A_SUITE_KEYS, startSigV4aVerifyingServer, type SigV4aVerifyingServer } from '../support/verify-sigv4a';
import { SHA256_SHIM_SOURCE } from '../support/sha256-shim';

/**
 * SigV4a code is run for real: the smithy snippet by node, the botocore one by /usr/bin/python3
 * with the AWS CRT (Debian's python3-awscrt), against a loopback server that checks the ECDSA
 * signature with Node's crypto and the suite's public key — not with our signer.
 */
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);
const isRequired = process.env.CI === 'true';
const hasCrt =
  existsSync(PYTHON) &&
  (await run(PYTHON, ['-c', 'import botocore.auth; assert "v4a" in botocore.auth.AUTH_TYPE_MAPS']).then(
    () => true,
    () => false,
  ));

let server: SigV4aVerifyingServer;
let origin = '';
let dir = '';
let seen: SigV4aVerifyingServer['seen'] = [];
let fileCount = 0;
const write = (code: string, extension: string) => {
  const file = join(dir, `snippet-${++fileCount}.${extension}`);
  writeFileSync(file, code);
  return file;
};
const env = () => ({
  PATH: '/usr/bin:/bin',
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: SIGV4A_SUITE_KEYS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIGV4A_SUITE_KEYS.secretAccessKey,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-codegen-v4a-'));
  server = await startSigV4aVerifyingServer();
  ({ origin, seen } = server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (service: string, regionSet: string): CodeRequest => ({
  method: 'PUT',
  url: `${origin}/bucket/key.txt?b=2&a=1`,
  headers: [['Content-Type', 'application/json']],
  body: '{"a":"ü"}',
  region: 'us-east-1',
  service,
  hasSessionToken: false,
  algorithm: 'sigv4a',
  regionSet,
});

describe('SigV4a in generated code, run for real', () => {
  it('javascript-smithy signs with @smithy/signature-v4a and verifies (a node:crypto stand-in for @aws-crypto/sha256-js)', async () => {
    const generated = generateCode(request('execute-api', 'us-east-1,eu-west-*'), 'javascript-smithy');
    const shim = write(SHA256_SHIM_SOURCE, 'mjs');
    const smithy = pathToFileURL(createRequire(import.meta.url).resolve('@smithy/signature-v4a')).href;
    const code = generated.code
      .replace("'@aws-crypto/sha256-js'", `'${pathToFileURL(shim).href}'`)
      .replace("'@smithy/signature-v4a'", `'${smithy}'`);
    const { stdout } = await run(process.execPath, [write(code, 'mjs')], { env: env(), encoding: 'utf8' });
    expect(stdout.split('\n')[0], stdout).toBe('200');
    expect(seen.at(-1)).toEqual({ ok: true, reason: 'verified', regionSet: 'us-east-1,eu-west-*' });
    expect(generated.notes[0]).toBe('npm install @smithy/signature-v4a @aws-crypto/sha256-js');
  });

  // Skipped, as named, where /usr/bin/python3 has no awscrt; .ci/run installs python3-awscrt.
  it.skipIf(!hasCrt && !isRequired)(
    'python-botocore signs with the CRT SigV4a signer and verifies (skipped when python3-awscrt is missing)',
    async () => {
      for (const [service, regionSet] of [
        ['execute-api', '*'],
        ['s3', 'us-*'],
      ] as const) {
        const generated = generateCode(request(service, regionSet), 'python-botocore');
        const { stdout } = await run(PYTHON, [write(generated.code, 'py')], { env: env(), encoding: 'utf8' });
        expect(stdout.split('\n')[0], stdout).toBe('200');
        expect(seen.at(-1)).toEqual({ ok: true, reason: 'verified', regionSet });
      }
    },
  );

  it('the curl "code" for a SigV4a request is comments only: run, it sends nothing', async () => {
    const before = seen.length;
    const generated = generateCode(request('s3', '*'), 'curl');
    const { stdout } = await run('bash', [write(generated.code, 'sh')], { env: env(), encoding: 'utf8' });
    expect(stdout).toBe('');
    expect(seen.length).toBe(before);
    expect(generated.code).toContain("curl's --aws-sigv4 cannot sign this request");
  });
});
