import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCode, type CodeAuth, type CodeTarget, type GeneratedCode } from '../../shared/codegen/generate-code';
import { SECRET_ENV } from '../../shared/codegen/token-auth-code';
import { createOAuth2Tokens, type OAuth2Client } from '../../electron/core/auth/oauth2-tokens';
import { createHttpTransport } from '../../electron/core/http/http-transport';
import { startAuthCheckingServer, type AuthCheckingServer } from '../support/auth-checking-server';
import { commandLinesHolding } from '../support/command-lines';
import { startOAuthTokenServer, type OAuthTokenServer } from '../support/oauth-token-server';

/**
 * Code for Bearer, Basic, API key and OAuth 2.0 client credentials is run for real — curl (sh),
 * Python requests and node's fetch — against loopback servers that check each header form and
 * the client secret; the secret is only in the environment, never in the code.
 */
const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const isRequired = process.env.CI === 'true';
const hasCurl = existsSync('/usr/bin/curl');
const hasJq = existsSync('/usr/bin/jq');
const hasRequests =
  existsSync(PYTHON) &&
  (await run(PYTHON, ['-c', 'import requests']).then(
    () => true,
    () => false,
  ));

const TOKEN = 'bearer-token-from-the-environment-0123';
const PASSWORD = 'pässword from env $HOME `id`';
const API_KEY = 'api-key-from-the-environment-4567';
const CLIENT_SECRET = 'client-secret-0123456789';
/** A client id and secret that must be form-encoded before Basic joins them (RFC 6749 §2.3.1). */
const AWKWARD_ID = 'shomei client:1 100%';
const AWKWARD_SECRET = `s3cret: 100% sure + "$HOME" ~!*()'`;
/** Main's own token requests, to compare the generated code's with. */
const mainTokens = createOAuth2Tokens({ transport: createHttpTransport(), now: () => new Date() });

let api: AuthCheckingServer;
let oauth: OAuthTokenServer;
let dir: string;

beforeAll(async () => {
  [api, oauth] = await Promise.all([startAuthCheckingServer(), startOAuthTokenServer()]);
  dir = mkdtempSync(join(tmpdir(), 'shomei-code-auth-'));
});
afterAll(async () => {
  await Promise.all([api.close(), oauth.close()]);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  oauth.tokenRequests.length = 0;
  oauth.apiAuthorizations.length = 0;
});

/** Runs generated code with only `env` added to PATH; its exit code must be 0. Children exit on their own (timeout kills them). */
async function runCode(code: GeneratedCode, env: Record<string, string>): Promise<string> {
  const options = { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 30_000, cwd: dir };
  if (code.language === 'shell') return (await run('/bin/sh', ['-c', code.code], options)).stdout;
  const file = join(dir, `code-${Math.random().toString(36).slice(2)}.${code.language === 'python' ? 'py' : 'mjs'}`);
  writeFileSync(file, code.code);
  return (await run(code.language === 'python' ? PYTHON : process.execPath, [file], options)).stdout;
}

/** Code for a GET of the OAuth server's API with a client credentials token for `shomei-client` (or `overrides.clientId`). */
function oauthCode(
  target: CodeTarget,
  scope: string,
  clientAuthentication: 'basic' | 'body',
  overrides: Partial<Extract<CodeAuth, { type: 'oauth2' }>> = {},
): GeneratedCode {
  return generateCode(
    {
      method: 'GET',
      url: oauth.apiUrl,
      headers: [],
      region: 'us-east-1',
      service: 'execute-api',
      hasSessionToken: false,
      auth: {
        type: 'oauth2',
        tokenUrl: oauth.tokenUrl,
        clientId: 'shomei-client',
        scope,
        audience: '',
        extraParams: [],
        clientAuthentication,
        ...overrides,
      },
    },
    target,
  );
}

const LANGUAGES: Array<{ target: CodeTarget; isAvailable: boolean; tool: string }> = [
  { target: 'curl', isAvailable: hasCurl, tool: 'curl' },
  { target: 'python-requests-aws4auth', isAvailable: hasRequests, tool: 'python requests' },
  { target: 'javascript-smithy', isAvailable: true, tool: 'node fetch' },
];

const CASES: Array<{
  name: string;
  auth: Exclude<CodeAuth, { type: 'none' }>;
  secret: string;
  check: (h: Record<string, unknown>, q: URLSearchParams) => boolean;
}> = [
  {
    name: 'bearer',
    auth: { type: 'bearer', prefix: 'Bearer' },
    secret: TOKEN,
    check: (h) => h.authorization === `Bearer ${TOKEN}`,
  },
  {
    name: 'basic',
    auth: { type: 'basic', username: 'alice' },
    secret: PASSWORD,
    check: (h) => h.authorization === `Basic ${Buffer.from(`alice:${PASSWORD}`, 'utf8').toString('base64')}`,
  },
  {
    name: 'api-key header',
    auth: { type: 'api-key', in: 'header', name: 'x-api-key' },
    secret: API_KEY,
    check: (h) => h['x-api-key'] === API_KEY,
  },
  {
    name: 'api-key query',
    auth: { type: 'api-key', in: 'query', name: 'api_key' },
    secret: API_KEY,
    check: (_h, q) => q.get('api_key') === API_KEY && q.get('page') === '2',
  },
];

for (const { target, isAvailable, tool } of LANGUAGES) {
  describe.skipIf(!isAvailable && !isRequired)(`${tool} code (skipped when ${tool} is not installed)`, () => {
    for (const { name, auth, secret, check } of CASES) {
      it(`sends ${name} with the secret read from $${SECRET_ENV[auth.type]}, never written in the code`, async () => {
        const path = `/code/${target}/${name.replace(/\W/g, '-')}`;
        // Security: while the request is in flight, no command line on the machine holds the secret
        // (in the query it is part of the URL, which the notes say).
        const isInQuery = auth.type === 'api-key' && auth.in === 'query';
        api.checks.set(path, ({ headers, query }) => {
          const leaked = isInQuery ? [] : commandLinesHolding(secret);
          if (leaked.length > 0) return `on a command line: ${leaked.join(' | ')}`;
          return check(headers, query) ? undefined : `got ${JSON.stringify(headers)}`;
        });
        const code = generateCode(
          {
            method: 'POST',
            url: `${api.origin}${path}?page=2`,
            headers: [
              ['Content-Type', 'application/json'],
              ['Authorization', 'typed by hand, left out'],
            ],
            body: '{"a":1}',
            region: 'us-east-1',
            service: 'execute-api',
            hasSessionToken: false,
            auth,
          },
          target,
        );
        expect(code.code).not.toContain(secret);
        expect(code.notes.join(' ')).toContain(`Set ${SECRET_ENV[auth.type]} in the environment first`);
        const out = await runCode(code, { [SECRET_ENV[auth.type]]: secret });
        expect(out).toContain('"ok":true');
        expect(api.seen.filter((s) => s.path === path).map((s) => s.status)).toEqual([200]);
      });
    }

    it('sends with no auth: no credential, no environment variable read, nothing signed', async () => {
      const path = `/code/${target}/none`;
      api.checks.set(path, ({ headers }) =>
        headers.authorization === undefined && headers['x-amz-date'] === undefined ? undefined : 'a credential came',
      );
      const code = generateCode(
        {
          method: 'GET',
          url: `${api.origin}${path}`,
          headers: [['Accept', 'application/json']],
          region: 'us-east-1',
          service: 'execute-api',
          hasSessionToken: false,
          auth: { type: 'none' },
        },
        target,
      );
      expect(code.code).not.toMatch(/aws-sigv4|AWS_ACCESS_KEY_ID|SignatureV4|os\.environ|process\.env/);
      expect(code.notes.join(' ')).toContain('Sent without auth');
      expect(await runCode(code, {})).toContain('"ok":true');
      expect(api.seen.filter((s) => s.path === path).map((s) => s.status)).toEqual([200]);
    });

    it.skipIf(target === 'curl' && !hasJq && !isRequired)(
      'fetches an OAuth 2.0 token (Basic and body client authentication) and sends it as Bearer',
      async () => {
        for (const clientAuthentication of ['basic', 'body'] as const) {
          const code = oauthCode(target, 'orders/read', clientAuthentication);
          expect(code.code).not.toContain(CLIENT_SECRET);
          const out = await runCode(code, { CLIENT_SECRET });
          expect(out).toContain('"ok":true');
          const seen = oauth.tokenRequests.at(-1);
          expect(seen?.status).toBe(200);
          expect(seen?.form.get('scope')).toBe('orders/read');
          expect(Boolean(seen?.headers.authorization)).toBe(clientAuthentication === 'basic');
          expect(oauth.apiAuthorizations.at(-1)).toBe(`Bearer ${oauth.issued.at(-1)}`);
        }
        // A wrong secret gets no token, and the API is not called with one.
        const before = oauth.apiAuthorizations.length;
        const code = oauthCode(target, '', 'basic');
        await expect(runCode(code, { CLIENT_SECRET: 'wrong' })).rejects.toThrow();
        expect(oauth.tokenRequests.at(-1)?.status).toBe(401);
        expect(
          oauth.apiAuthorizations
            .slice(before)
            .every((a) => a === undefined || !oauth.issued.some((t) => a.includes(t))),
        ).toBe(true);
      },
    );
  });
}

for (const { target, isAvailable, tool } of LANGUAGES) {
  describe.skipIf(!isAvailable && !isRequired)(`${tool} code with hostile names from an imported collection`, () => {
    it('sends an imported collection’s bearer prefix as written and runs nothing in it', async () => {
      // Security: the prefix comes from the file (Postman, Insomnia); the code is run by the user.
      const prefix = `Tok$(touch pwned)\`touch pwned-too\`$HOME'"x"`;
      for (const name of ['pwned', 'pwned-too']) rmSync(join(dir, name), { force: true });
      const path = `/code/${target}/hostile-prefix`;
      api.checks.set(path, ({ headers }) =>
        headers.authorization === `${prefix} ${TOKEN}` ? undefined : `got ${String(headers.authorization)}`,
      );
      const code = generateCode(
        {
          method: 'GET',
          url: `${api.origin}${path}`,
          headers: [],
          region: 'us-east-1',
          service: 'execute-api',
          hasSessionToken: false,
          auth: { type: 'bearer', prefix },
        },
        target,
      );
      const out = await runCode(code, { TOKEN }).catch((error: Error) => error.message);
      expect(existsSync(join(dir, 'pwned')) || existsSync(join(dir, 'pwned-too'))).toBe(false);
      expect(out).toContain('"ok":true');
      expect(api.seen.filter((s) => s.path === path).map((s) => s.status)).toEqual([200]);
    });

    // A line of code for this language that makes the file `pwned`, then a comment for what follows it.
    const payload = {
      curl: 'touch pwned #',
      'python-requests-aws4auth': '__import__("os").system("touch pwned") #',
      'javascript-smithy': 'process.getBuiltinModule("node:fs").writeFileSync("pwned", "") //',
    }[target as string];
    /** Runs this language's code for `auth` (a GET to `/code/<target>/<path>`): true when it made no `pwned` file. */
    async function runsNothing(auth: CodeAuth, path: string, env: Record<string, string>): Promise<boolean> {
      rmSync(join(dir, 'pwned'), { force: true });
      const code = generateCode(
        {
          method: 'GET',
          url: `${api.origin}/code/${target}/${path}`,
          headers: [],
          region: 'us-east-1',
          service: 'execute-api',
          hasSessionToken: false,
          auth,
        },
        target,
      );
      await runCode(code, env).catch(() => undefined);
      return !existsSync(join(dir, 'pwned'));
    }
    it.each([
      ['a Basic user name', { type: 'basic', username: `alice\n${payload}` }, 'BASIC_PASSWORD'],
      ['an API key name', { type: 'api-key', in: 'header', name: `x-api-key\n${payload}` }, 'API_KEY'],
      ['an API key name (U+2028)', { type: 'api-key', in: 'header', name: `x-api-key\u2028${payload}` }, 'API_KEY'],
    ] as const)('writes %s with a line break in it into no line of code of its own', async (_what, auth, env) => {
      expect(await runsNothing(auth, 'hostile-name', { [env]: 'secret' })).toBe(true);
    });

    // Names that end the string or comment they are written into, in each language, on one line.
    const breakouts = [
      `a"""; __import__("os").system("touch pwned"); """`,
      `a\\"""; __import__("os").system("touch pwned") #`,
      `a*/ process.getBuiltinModule("node:fs").writeFileSync("pwned", ""); /*`,
      `a\`; process.getBuiltinModule("node:fs").writeFileSync("pwned", ""); \``,
      `a'; touch pwned; '`,
      `a"; touch pwned; "`,
    ];
    it.each(breakouts)('writes a Basic user name and an API key name %s as text, not code', async (name) => {
      for (const auth of [
        { type: 'basic', username: name },
        { type: 'api-key', in: 'header', name: `x-${name}` },
      ] as const) {
        expect(await runsNothing(auth, 'hostile-quote', { BASIC_PASSWORD: 'secret', API_KEY: 'secret' })).toBe(true);
      }
    });
  });
}

for (const { target, isAvailable, tool } of LANGUAGES) {
  describe.skipIf((!isAvailable || (target === 'curl' && !hasJq)) && !isRequired)(
    `${tool} code asks for a token as main does (skipped when ${tool}${target === 'curl' ? ' or jq' : ''} is not installed)`,
    () => {
      it.each(['basic', 'body'] as const)(
        'client authentication %s: the same body and Authorization, with `:`, `%` and spaces in the id and secret, the audience and extra parameters',
        async (clientAuthentication) => {
          const saved = { ...oauth.client };
          Object.assign(oauth.client, { id: AWKWARD_ID, secret: AWKWARD_SECRET });
          try {
            const extraParams = [
              { name: 'resource', value: 'https://api.example.com/a b?c=d&e' },
              { name: ' ', value: 'a blank name is left out' },
            ];
            const client: OAuth2Client = {
              tokenUrl: oauth.tokenUrl,
              clientId: AWKWARD_ID,
              clientSecret: AWKWARD_SECRET,
              scope: 'orders/read',
              audience: 'api://orders main',
              extraParams,
              clientAuthentication,
            };
            await mainTokens.obtain(client, {});
            const mains = oauth.tokenRequests.at(-1);
            expect(mains?.status).toBe(200);
            const code = oauthCode(target, 'orders/read', clientAuthentication, {
              clientId: AWKWARD_ID,
              audience: 'api://orders main',
              extraParams,
            });
            expect(code.code).not.toContain(AWKWARD_SECRET);
            const out = await runCode(code, { CLIENT_SECRET: AWKWARD_SECRET });
            expect(out).toContain('"ok":true');
            const ours = oauth.tokenRequests.at(-1);
            expect(ours).not.toBe(mains);
            expect(ours?.status).toBe(200);
            expect(ours?.body).toBe(mains?.body);
            expect(ours?.headers.authorization).toBe(mains?.headers.authorization);
            expect(ours?.form.get('audience')).toBe('api://orders main');
            expect(ours?.form.get('resource')).toBe('https://api.example.com/a b?c=d&e');
            expect(oauth.apiAuthorizations.at(-1)).toBe(`Bearer ${oauth.issued.at(-1)}`);
          } finally {
            Object.assign(oauth.client, saved);
          }
        },
      );
    },
  );
}

describe('generated code for other auth types, without running it', () => {
  it('refuses to run without the secret in the environment (each language says which variable)', async () => {
    const code = generateCode(
      {
        method: 'GET',
        url: `${api.origin}/never`,
        headers: [],
        region: 'us-east-1',
        service: 'execute-api',
        hasSessionToken: false,
        auth: { type: 'bearer', prefix: 'Bearer' },
      },
      'javascript-smithy',
    );
    await expect(runCode(code, {})).rejects.toThrow(/Set TOKEN first/);
    expect(api.seen.some((s) => s.path === '/never')).toBe(false);
  });
});
