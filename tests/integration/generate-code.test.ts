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
  type CodeRequest,
  type CodeSendOptions,
  type CodeTarget,
  type PythonCredentials,
} from '../../shared/codegen/generate-code';
import { sha256Hex } from '../../shared/encoding/sha256';
import { SHA256_SHIM_SOURCE } from '../support/sha256-shim';
import { startVerifyingServer, type KnownCredentials, type VerifyingServer } from '../support/verifying-server';

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

/** Send options as the Options tab passes them, with everything set. */
const FULL_OPTIONS: CodeSendOptions = {
  timeoutMs: 2500,
  isFollowingRedirects: true,
  maxRedirects: 3,
  isTlsVerified: true,
  caBundlePem: '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----\n',
  proxyUrl: 'http://proxy-user:proxy-Pa55word@proxy.corp:3128',
  connectTo: '10.0.0.5:8443',
};

/** A same-origin redirect: POST /prod/moved answers 307 to /prod/landed, which the server verifies. */
const MOVED = '/prod/moved';

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
    server.routes.set(MOVED, (_req, res) => {
      res.writeHead(307, { location: '/prod/landed?z=1' });
      res.end();
    });
    // Never answers: only a timeout ends the wait (closing the server drops the connection).
    server.routes.set('/prod/slow', () => undefined);
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

  describe.skipIf(!hasCurl)('curl (skipped when /usr/bin/curl is missing)', () => {
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

  describe.skipIf(!hasCurl)('curl with send options (skipped when /usr/bin/curl is missing)', () => {
    const runCurl = (code: string, keys: KnownCredentials) =>
      run('bash', [write(code, 'sh')], { env: envFor(keys, dir), encoding: 'utf8', cwd: dir });

    it('with long-term keys, follows a same-origin redirect (-L), signed again for the new URL', async () => {
      const request: CodeRequest = {
        ...jsonRequest(server.origin, false),
        url: `${server.origin}${MOVED}`,
        options: { timeoutMs: 5000, isFollowingRedirects: true, maxRedirects: 2, isTlsVerified: true },
      };
      const generated = generateCode(request, 'curl');
      expect(generated.code).toMatch(/--max-time 5 \\\n {2}--location \\\n {2}--max-redirs 2 \\\n/);
      const before = server.received.length;
      const { stdout } = await runCurl(generated.code, LONG_TERM);

      expectVerified(stdout, request, LONG_TERM);
      expect(server.received.slice(before).map((r) => [r.target, r.verdict.ok])).toEqual([
        [MOVED, true],
        ['/prod/landed?z=1', true],
      ]);
    });

    it('with a session token, shows the redirect instead: curl would carry the token header to any host', async () => {
      const request: CodeRequest = {
        ...jsonRequest(server.origin, true),
        url: `${server.origin}${MOVED}`,
        options: { isFollowingRedirects: true, maxRedirects: 2 },
      };
      const generated = generateCode(request, 'curl');
      expect(generated.code).not.toMatch(/--location|--max-redirs/);
      expect(generated.notes.join(' ')).toMatch(/not followed.*x-amz-security-token/);
      const before = server.received.length;
      await runCurl(generated.code, TEMPORARY);

      expect(server.received.slice(before).map((r) => r.target)).toEqual([MOVED]);
      expect(server.received.at(-1)?.verdict.ok).toBe(true);
    });

    it('gives up after --max-time (curl exits 28)', async () => {
      const request: CodeRequest = {
        ...jsonRequest(server.origin, false),
        url: `${server.origin}/prod/slow`,
        options: { timeoutMs: 300 },
      };
      const generated = generateCode(request, 'curl');
      expect(generated.code).toContain('--max-time 0.3');
      await expect(runCurl(generated.code, LONG_TERM)).rejects.toMatchObject({ code: 28 });
    });

    it('connects to --connect-to ::HOST:PORT while signing the URL’s own host', async () => {
      const request: CodeRequest = {
        ...jsonRequest(`http://api.shomei.test:${server.port}`, true),
        options: { connectTo: `127.0.0.1:${server.port}` },
      };
      const generated = generateCode(request, 'curl');
      expect(generated.code).toContain(`--connect-to ::127.0.0.1:${server.port}`);
      const { stdout } = await runCurl(generated.code, TEMPORARY);

      expectVerified(stdout, request, TEMPORARY);
      expect(header(server.received.at(-1)?.rawHeaders ?? [], 'host')).toBe(`api.shomei.test:${server.port}`);
    });

    it('writes the CA bundle to a temporary file exactly, expanding nothing and ending only at its own marker', async () => {
      const pem = [
        '-----BEGIN CERTIFICATE-----',
        'MIIB$(touch pwned)`id`$HOME\\',
        'SHOMEI_CA_BUNDLE',
        'touch pwned-too',
        '-----END CERTIFICATE-----',
        '',
      ].join('\n');
      const generated = generateCode(
        { ...jsonRequest(server.origin, false), options: { caBundlePem: pem, isTlsVerified: true } },
        'curl',
      );
      expect(generated.code).toContain('--cacert "$CA_BUNDLE"');
      // Run what comes before curl, then print the file it wrote.
      const prelude = generated.code.slice(0, generated.code.indexOf('\ncurl '));
      const { stdout } = await run('bash', [write(`${prelude}\ncat "$CA_BUNDLE"\nrm -f "$CA_BUNDLE"\n`, 'sh')], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(stdout).toBe(pem);
      expect(existsSync(join(dir, 'pwned')) || existsSync(join(dir, 'pwned-too'))).toBe(false);
      await expect(run('bash', ['-n', write(generated.code, 'sh')])).resolves.toBeDefined();
    });

    it('writes -k, --proxy and --connect-to, and never a proxy’s password', () => {
      const generated = generateCode(
        { ...jsonRequest('https://api.example.com', false), options: { ...FULL_OPTIONS, isTlsVerified: false } },
        'curl',
      );
      expect(generated.code).toContain('--insecure');
      expect(generated.code).not.toContain('--cacert');
      expect(generated.code).toContain('--proxy http://proxy.corp:3128');
      expect(generated.code).toContain('--connect-to ::10.0.0.5:8443');
      expect(generated.code).not.toMatch(/proxy-user|Pa55word/);
      expect(generated.notes.join(' ')).toMatch(/user name and password are not written/);
      for (const proxyUrl of ['socks5://bob:Pa55word@p.corp:1080', 'bob:Pa55word@p.corp:3128']) {
        const code = generateCode({ ...jsonRequest('https://api.example.com', false), options: { proxyUrl } }, 'curl');
        expect(code.code).not.toMatch(/bob|Pa55word/);
      }
    });
  });

  // Skipped, as named, where /usr/bin/python3 has no botocore; .ci/run installs and checks it there.
  describe.skipIf(!hasBotocore)(
    'python-botocore with send options, run by /usr/bin/python3 (skipped when python3-botocore is missing)',
    () => {
      const runPython = (code: string, keys: KnownCredentials) =>
        run(PYTHON, [write(code, 'py')], { env: envFor(keys, dir), encoding: 'utf8' });

      it('verifies with a timeout and certificate verification off (the opener and context run)', async () => {
        const request: CodeRequest = {
          ...jsonRequest(server.origin, true),
          options: { timeoutMs: 5000, isFollowingRedirects: true, maxRedirects: 5, isTlsVerified: false },
        };
        const generated = generateCode(request, 'python-botocore');
        expect(generated.code).toContain('TIMEOUT = 5');
        expect(generated.code).toContain('context.verify_mode = ssl.CERT_NONE');
        const { stdout } = await runPython(generated.code, TEMPORARY);

        expect(stdout.split('\n')[0], stdout).toBe('200');
        expectVerified(stdout, request, TEMPORARY);
      });

      it('shows a redirect instead of sending the signature and token on to it', async () => {
        const request: CodeRequest = {
          ...jsonRequest(server.origin, true),
          url: `${server.origin}${MOVED}`,
          options: { isFollowingRedirects: true },
        };
        const generated = generateCode(request, 'python-botocore');
        const before = server.received.length;
        const { stdout } = await runPython(generated.code, TEMPORARY);

        expect(stdout.split('\n')[0], stdout).toBe('307');
        expect(server.received.slice(before).map((r) => r.target)).toEqual([MOVED]);
        expect(generated.notes.join(' ')).toMatch(/Redirects are shown, not followed/);
      });

      it('gives up after the timeout', async () => {
        const request: CodeRequest = {
          ...jsonRequest(server.origin, false),
          url: `${server.origin}/prod/slow`,
          options: { timeoutMs: 300 },
        };
        await expect(runPython(generateCode(request, 'python-botocore').code, LONG_TERM)).rejects.toMatchObject({
          stderr: expect.stringMatching(/timed out/),
        });
      });
    },
  );

  describe.skipIf(!hasBotocore)(
    'python-botocore with env credentials, run by /usr/bin/python3 (skipped when python3-botocore is missing)',
    () => {
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
    const request: CodeRequest = {
      ...jsonRequest(server.origin, true),
      options: { timeoutMs: 5000, isFollowingRedirects: true, maxRedirects: 5, isTlsVerified: true },
    };
    const generated = generateCode(request, 'javascript-smithy');
    const shim = write(SHA256_SHIM_SOURCE, 'mjs');
    const smithy = pathToFileURL(createRequire(import.meta.url).resolve('@smithy/signature-v4')).href;
    expect(generated.code).toContain("redirect: 'manual'");
    expect(generated.code).toContain('signal: AbortSignal.timeout(5000)');
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
        { ...jsonRequest(origin, true), options: FULL_OPTIONS },
        {
          ...s3Request('https://s3.eu-west-1.amazonaws.com', true),
          options: { ...FULL_OPTIONS, isTlsVerified: false },
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
      { ...jsonRequest('https://api.example.com', false), options: FULL_OPTIONS },
      { ...s3Request('https://s3.eu-west-1.amazonaws.com', true), options: { ...FULL_OPTIONS, isTlsVerified: false } },
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

  it.each(CODE_TARGETS.map(({ target }) => target))(
    '%s carries the timeout and TLS setting, and never a proxy’s user name or password',
    (target) => {
      const generated = generateCode(
        { ...jsonRequest('https://api.example.com', true), options: { ...FULL_OPTIONS, isTlsVerified: false } },
        target,
      );
      expect(generated.code).not.toMatch(/proxy-user|Pa55word/);
      const text = `${generated.code}\n${generated.notes.join('\n')}`;
      expect(text).toMatch(/2\.5|2500/);
      expect(text).toMatch(/--insecure|VERIFY = False|CERT_NONE|NODE_TLS_REJECT_UNAUTHORIZED|verification is off/);
      expect(text).toMatch(/10\.0\.0\.5:8443/);
    },
  );

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
