import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CODE_TARGETS,
  generateCode,
  sha256Hex,
  type CodeRequest,
  type CodeTarget,
  type PythonCredentials,
} from '../../../../shared/codegen/generate-code';
import { startVerifyingServer, type KnownCredentials, type VerifyingServer } from '../../../support/verifying-server';

/**
 * The generated code is run for real: curl (bash), botocore (Debian's python3-botocore, at the
 * system python) and the smithy snippet (node) send to a loopback server that checks the
 * signature with `aws4`, so a snippet that signs wrongly fails here, not in someone's terminal.
 */
const CURL = '/usr/bin/curl';
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);
const isRequired = process.env.CI === 'true';
const hasCurl = existsSync(CURL);
const hasPython = existsSync(PYTHON);
const canImport = (module: string) =>
  hasPython &&
  run(PYTHON, ['-c', `import ${module}`]).then(
    () => true,
    () => false,
  );
const hasBotocore = await canImport('botocore.auth');
const hasAwsRequestsAuth = await canImport('aws_requests_auth.aws_auth');

const LONG_TERM: KnownCredentials = {
  accessKeyId: 'AKIACODEGENLONGTERM1',
  secretAccessKey: 'codegenLongTermSecret/ABCDEFGHIJKLMNOPQR',
};
const TEMPORARY: Required<KnownCredentials> = {
  accessKeyId: 'ASIACODEGENTEMPORARY',
  secretAccessKey: 'codegenTemporarySecret+ABCDEFGHIJKLMNOPQ',
  sessionToken: 'IQoJb3JpZ2luX2VjCODEGEN//////////SESSION+TOKEN/value==',
};
const SECRETS = [
  LONG_TERM.accessKeyId,
  LONG_TERM.secretAccessKey,
  TEMPORARY.accessKeyId,
  TEMPORARY.secretAccessKey,
  TEMPORARY.sessionToken,
];
const PYTHON_TARGETS = [
  'python-requests-aws4auth',
  'python-aws-requests-auth',
  'python-botocore',
] as const satisfies readonly CodeTarget[];
const PYTHON_CREDENTIALS: PythonCredentials[] = ['env', 'instance-role', 'assume-role'];

const JSON_BODY = JSON.stringify({
  name: "O'Reilly",
  note: 'café ✓ $HOME `id` "quoted" \\ back',
  emoji: '😀',
  lines: 'one\ntwo',
});
const CUSTOM_HEADER = `O'Reilly & "friends" $HOME`;

/** A POST with an unsorted, repeated and special-character query, a quote-laden header and a JSON body. */
function jsonRequest(origin: string, hasSessionToken: boolean): CodeRequest {
  return {
    method: 'POST',
    url: `${origin}/prod/items?b=2&a=hello world&c=%E2%9C%93&d=it's+ok&a=another`,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Custom-Header', CUSTOM_HEADER],
    ],
    body: JSON_BODY,
    region: 'us-east-1',
    service: 'execute-api',
    hasSessionToken,
  };
}

function s3Request(origin: string, hasSessionToken: boolean): CodeRequest {
  return {
    method: 'PUT',
    url: `${origin}/shomei-bucket/notes/hello.txt?x-id=PutObject`,
    headers: [['Content-Type', 'text/plain; charset=utf-8']],
    body: 'hello from Shomei ✓\nsecond line\n',
    region: 'eu-west-1',
    service: 's3',
    hasSessionToken,
  };
}

function envFor(keys: KnownCredentials, home: string): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
  };
}

const header = (rawHeaders: Array<[string, string]>, name: string) =>
  rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1];

describe('generateCode writes code that signs when it runs', () => {
  let server: VerifyingServer;
  let dir: string;
  let fileCount = 0;
  const write = (code: string, extension: string) => {
    fileCount += 1;
    const file = join(dir, `snippet-${fileCount}.${extension}`);
    writeFileSync(file, code);
    return file;
  };

  beforeAll(async () => {
    server = await startVerifyingServer([LONG_TERM, TEMPORARY]);
    dir = mkdtempSync(join(tmpdir(), 'shomei-codegen-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The last request the server saw must have verified, and carried the body and header intact. */
  function expectVerified(stdout: string, request: CodeRequest, keys: KnownCredentials) {
    const last = server.received.at(-1);
    expect(last?.verdict, stdout).toMatchObject({ ok: true });
    expect(stdout).toContain('"verified":true');
    expect(last?.method).toBe(request.method);
    expect(last?.body.toString('utf8')).toBe(request.body);
    expect(header(last?.rawHeaders ?? [], 'x-amz-security-token')).toBe(keys.sessionToken);
  }

  describe.skipIf(!hasCurl && !isRequired)('curl (skipped when /usr/bin/curl is missing)', () => {
    it.each([
      ['with a session token', TEMPORARY],
      ['with long-term keys', LONG_TERM],
    ])('a POST with a JSON body and an awkward query verifies, %s', async (_label, keys) => {
      const request = jsonRequest(server.origin, keys.sessionToken !== undefined);
      const generated = generateCode(request, 'curl');
      const { stdout } = await run('bash', [write(generated.code, 'sh')], { env: envFor(keys, dir), encoding: 'utf8' });

      expectVerified(stdout, request, keys);
      const last = server.received.at(-1);
      // Canonical order: names then values sorted, RFC 3986 encoding, `+` is a literal plus.
      expect(last?.target).toBe('/prod/items?a=another&a=hello%20world&b=2&c=%E2%9C%93&d=it%27s%2Bok');
      expect(header(last?.rawHeaders ?? [], 'x-custom-header')).toBe(CUSTOM_HEADER);
      expect(generated.code).toContain('--aws-sigv4 "aws:amz:us-east-1:execute-api"');
      expect(generated.code).toContain('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    });

    it('an S3 PUT sends the body hash as x-amz-content-sha256 and verifies', async () => {
      const request = s3Request(server.origin, true);
      const generated = generateCode(request, 'curl');
      const { stdout } = await run('bash', [write(generated.code, 'sh')], {
        env: envFor(TEMPORARY, dir),
        encoding: 'utf8',
      });

      expectVerified(stdout, request, TEMPORARY);
      const expectedHash = createHash('sha256')
        .update(request.body ?? '')
        .digest('hex');
      expect(header(server.received.at(-1)?.rawHeaders ?? [], 'x-amz-content-sha256')).toBe(expectedHash);
    });

    it('a non-S3 path with escapes is refused, as the notes warn (curl signs the path encoded once)', async () => {
      const request: CodeRequest = { ...jsonRequest(server.origin, false), url: `${server.origin}/prod/a b` };
      const generated = generateCode(request, 'curl');
      const { stdout } = await run('bash', [write(generated.code, 'sh')], {
        env: envFor(LONG_TERM, dir),
        encoding: 'utf8',
      });

      expect(stdout).toContain('SignatureDoesNotMatch');
      expect(generated.notes.join(' ')).toMatch(/curl signs the path as sent/);
      expect(generateCode(jsonRequest(server.origin, false), 'curl').notes.join(' ')).not.toMatch(/path as sent/);
    });

    it('is refused when the environment holds other keys (the signature is made at run time)', async () => {
      const request = jsonRequest(server.origin, false);
      const generated = generateCode(request, 'curl');
      const wrong = {
        accessKeyId: LONG_TERM.accessKeyId,
        secretAccessKey: 'notTheRightSecret/ABCDEFGHIJKLMNOPQRSTUVW',
      };
      const { stdout } = await run('bash', [write(generated.code, 'sh')], {
        env: envFor(wrong, dir),
        encoding: 'utf8',
      });

      expect(stdout).toContain('SignatureDoesNotMatch');
      expect(server.received.at(-1)?.verdict.ok).toBe(false);
    });
  });

  describe.skipIf(!hasBotocore && !isRequired)(
    'python-botocore with env credentials, run by /usr/bin/python3 (skipped when python3-botocore is missing)',
    () => {
      beforeAll(() => {
        if (!hasBotocore)
          throw new Error('python3-botocore is missing at /usr/bin/python3: apt-get install -y python3-botocore');
      });

      it.each([
        ['execute-api with a session token', jsonRequest, TEMPORARY],
        ['s3 with long-term keys', s3Request, LONG_TERM],
      ] as const)('%s verifies', async (_label, build, keys) => {
        const request = build(server.origin, keys.sessionToken !== undefined);
        const generated = generateCode(request, 'python-botocore', { pythonCredentials: 'env' });
        const { stdout } = await run(PYTHON, [write(generated.code, 'py')], {
          env: envFor(keys, dir),
          encoding: 'utf8',
        });

        expect(stdout.split('\n')[0], stdout).toBe('200');
        expectVerified(stdout, request, keys);
        expect(generated.code).not.toMatch(/^import (boto3|requests)|^from (boto3|requests)/m);
      });
    },
  );

  // Not installed by CI: Debian's python3-aws-requests-auth, when present, runs the snippet for real too.
  describe.skipIf(!hasAwsRequestsAuth)(
    'python-aws-requests-auth with env credentials (skipped when python3-aws-requests-auth is not installed)',
    () => {
      it.each([
        ['execute-api with a session token', jsonRequest, TEMPORARY],
        ['s3 with long-term keys', s3Request, LONG_TERM],
      ] as const)('%s verifies', async (_label, build, keys) => {
        const request = build(server.origin, keys.sessionToken !== undefined);
        const generated = generateCode(request, 'python-aws-requests-auth', { pythonCredentials: 'env' });
        const { stdout } = await run(PYTHON, [write(generated.code, 'py')], {
          env: envFor(keys, dir),
          encoding: 'utf8',
        });

        expect(stdout.split('\n')[0], stdout).toBe('200');
        expectVerified(stdout, request, keys);
      });
    },
  );

  it('javascript-smithy verifies when run by node (a node:crypto stand-in replaces @aws-crypto/sha256-js, which is not installed here)', async () => {
    const request = jsonRequest(server.origin, true);
    const generated = generateCode(request, 'javascript-smithy');
    const shim = write(
      [
        "import { createHash, createHmac } from 'node:crypto';",
        'export class Sha256 {',
        "  constructor(secret) { this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret); }",
        '  update(data) { this.hash.update(data); }',
        '  async digest() { return new Uint8Array(this.hash.digest()); }',
        '}',
      ].join('\n'),
      'mjs',
    );
    const smithy = pathToFileURL(createRequire(import.meta.url).resolve('@smithy/signature-v4')).href;
    const code = generated.code
      .replace("'@aws-crypto/sha256-js'", `'${pathToFileURL(shim).href}'`)
      .replace("'@smithy/signature-v4'", `'${smithy}'`);
    const { stdout } = await run(process.execPath, [write(code, 'mjs')], {
      env: envFor(TEMPORARY, dir),
      encoding: 'utf8',
    });

    expect(stdout.split('\n')[0], stdout).toBe('200');
    expectVerified(stdout, request, TEMPORARY);
  });

  describe.skipIf(!hasPython && !isRequired)('every Python snippet compiles (py_compile at /usr/bin/python3)', () => {
    it.each(
      PYTHON_TARGETS.flatMap((target) => PYTHON_CREDENTIALS.map((credentials) => [target, credentials] as const)),
    )('%s with %s credentials', async (target, credentials) => {
      const origin = 'https://abc123.execute-api.us-east-1.amazonaws.com';
      const requests: CodeRequest[] = [
        jsonRequest(origin, true),
        { ...s3Request('https://s3.eu-west-1.amazonaws.com', false), roleArn: 'arn:aws:iam::111122223333:role/Reader' },
        {
          method: 'GET',
          url: 'https://search-x.eu-west-1.aoss.amazonaws.com/_cat/indices',
          headers: [],
          region: 'eu-west-1',
          service: 'aoss',
          hasSessionToken: false,
        },
      ];
      const files = requests.map((request) =>
        write(generateCode(request, target, { pythonCredentials: credentials }).code, 'py'),
      );
      await expect(run(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' })).resolves.toBeDefined();
    });
  });

  it('the shell snippets parse (bash -n) and the JavaScript snippet parses (node --check)', async () => {
    for (const request of [
      jsonRequest('https://api.example.com', true),
      s3Request('https://s3.eu-west-1.amazonaws.com', false),
    ]) {
      for (const target of ['curl', 'awscurl'] as const) {
        await expect(run('bash', ['-n', write(generateCode(request, target).code, 'sh')])).resolves.toBeDefined();
      }
      await expect(
        run(process.execPath, ['--check', write(generateCode(request, 'javascript-smithy').code, 'mjs')]),
      ).resolves.toBeDefined();
    }
  });
});

describe('generateCode never holds a secret', () => {
  it.each(
    CODE_TARGETS.flatMap(({ target }) => PYTHON_CREDENTIALS.map((credentials) => [target, credentials] as const)),
  )('%s (%s)', (target, credentials) => {
    const generated = generateCode(
      { ...jsonRequest('https://api.example.com', true), roleArn: 'arn:aws:iam::111122223333:role/Reader' },
      target,
      { pythonCredentials: credentials },
    );
    for (const secret of SECRETS) expect(generated.code).not.toContain(secret);
    // Nothing frozen: no signature, no date, no Authorization header.
    expect(generated.code).not.toMatch(/AWS4-HMAC-SHA256|X-Amz-Signature|x-amz-date|authorization:/i);
    const readsEnvironment =
      target === 'awscurl' ||
      (target.startsWith('python-') && credentials !== 'env') ||
      generated.code.includes('AWS_SECRET_ACCESS_KEY');
    expect(readsEnvironment).toBe(true);
    expect(generated.notes.length).toBeGreaterThan(0);
  });

  it('the assume-role variants assume the given role, or a placeholder to replace', () => {
    const withRole = generateCode(
      { ...s3Request('https://s3.amazonaws.com', false), roleArn: 'arn:aws:iam::111122223333:role/Reader' },
      'python-requests-aws4auth',
      { pythonCredentials: 'assume-role' },
    );
    expect(withRole.code).toContain('ROLE_ARN = "arn:aws:iam::111122223333:role/Reader"');
    expect(withRole.code).toContain('RoleSessionName="shomei"');
    const without = generateCode(s3Request('https://s3.amazonaws.com', false), 'python-botocore', {
      pythonCredentials: 'assume-role',
    });
    expect(without.code).toContain('ROLE_ARN = "arn:aws:iam::123456789012:role/ROLE_NAME"');
    expect(without.notes.join(' ')).toMatch(/Replace ROLE_ARN/);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => generateCode({ ...jsonRequest('https://x', false), url: 'ftp://example.com/file' }, 'curl')).toThrow(
      /not an http/,
    );
  });
});

describe('sha256Hex matches node:crypto', () => {
  it.each([
    ['the empty string', ''],
    ['abc', 'abc'],
    ['multi-byte UTF-8', 'café ✓ 日本語 😀'],
    ['55 bytes (one block with its length)', 'a'.repeat(55)],
    ['56 bytes (the length spills into a second block)', 'a'.repeat(56)],
    ['64 bytes', 'b'.repeat(64)],
    ['a long JSON body', JSON_BODY.repeat(40)],
  ])('%s', (_label, text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
