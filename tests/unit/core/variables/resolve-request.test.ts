import { describe, expect, it } from 'vitest';
import {
  CollectionSchema,
  FolderSchema,
  RequestDraftSchema,
  type Collection,
  type Environment,
  type Folder,
  type RequestDraftInput,
} from '../../../../shared/contract/collections';
import { resolveRequest, resolveRequestOrThrow } from '../../../../electron/core/variables/resolve-request';
import { createMemorySecretValueStore } from '../../../../electron/core/variables/secret-value-store';
import { listReferences, substitute } from '../../../../electron/core/variables/substitute';
import { guessAwsScope } from '../../../../electron/core/variables/guess-aws-scope';

const req = (input: Partial<RequestDraftInput> = {}) =>
  RequestDraftSchema.parse({ name: 'r', method: 'GET', url: 'https://{{host}}/items', ...input });
const v = (name: string, value: string, extra: { isEnabled?: boolean; isSecret?: boolean } = {}) => ({
  id: `v-${name}-${value.length}`,
  name,
  value,
  isEnabled: true,
  isSecret: false,
  ...extra,
});

const collection: Collection = CollectionSchema.parse({
  id: 'c1',
  name: 'Orders',
  settings: {
    auth: {
      type: 'aws-sigv4',
      credentialSource: { source: 'profile', profileId: '{{profile}}' },
      region: '{{region}}',
      service: 'execute-api',
    },
    headers: [
      { name: 'X-Team', value: '{{team}}' },
      { name: 'X-Both', value: 'collection' },
    ],
    variables: [
      v('host', 'collection.example.com'),
      v('region', 'us-east-1'),
      v('team', 'blue'),
      v('profile', 'dev-profile'),
    ],
  },
});
const folder: Folder = FolderSchema.parse({
  kind: 'folder',
  id: 'f1',
  name: 'Admin',
  settings: { headers: [{ name: 'x-both', value: 'folder' }], variables: [v('team', 'red')] },
});
const env: Environment = {
  id: 'e1',
  name: 'prod',
  variables: [
    v('host', 'prod.example.com', { isEnabled: true, isSecret: false }),
    v('region', 'eu-west-1', { isEnabled: true, isSecret: false }),
  ],
};

describe('substitute', () => {
  it('replaces references, tolerates spaces, reports missing names once, and follows nested values', () => {
    const lookup = (n: string) => ({ a: '1', b: '{{a}}-{{a}}', loop: '{{loop}}' })[n];
    expect(substitute('{{ a }}/{{b}}/{{c}}/{{c}}', lookup)).toEqual({ text: '1/1-1/{{c}}/{{c}}', missing: ['c'] });
    expect(substitute('{{loop}}', lookup).missing).toEqual(['loop']);
    expect(substitute('no refs {single}', lookup)).toEqual({ text: 'no refs {single}', missing: [] });
    expect(listReferences('{{x}} {{ y }} {{x}}')).toEqual(['x', 'y']);
  });
});

describe('resolveRequest', () => {
  it('applies precedence collection < environment < folders and inherits auth and headers', async () => {
    const outcome = await resolveRequest({
      request: req({
        params: [
          { name: 'team', value: '{{team}}' },
          { name: 'off', value: 'x', isEnabled: false },
        ],
      }),
      collection,
      ancestors: [folder],
      environment: env,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.request.url).toBe('https://prod.example.com/items?team=red');
    expect(outcome.request.headers).toEqual([
      { name: 'X-Team', value: 'red', isEnabled: true },
      { name: 'x-both', value: 'folder', isEnabled: true },
    ]);
    expect(outcome.request.params).toEqual([]);
    expect(outcome.auth).toEqual({
      type: 'aws-sigv4',
      credentialSource: { source: 'profile', profileId: 'dev-profile' },
      region: 'eu-west-1',
      service: 'execute-api',
      isQuerySigned: false,
      expiresInSeconds: 900,
      isSessionTokenSigned: true,
    });
  });

  it('lets a request override auth, keeping inherited credentials when it says inherit', async () => {
    const outcome = await resolveRequestOrThrow({
      request: req({
        auth: {
          type: 'aws-sigv4',
          credentialSource: { source: 'inherit' },
          region: '',
          service: 'lambda',
          isQuerySigned: true,
        },
      }),
      collection,
      environment: env,
    });
    expect(outcome.auth).toMatchObject({
      credentialSource: { source: 'profile', profileId: 'dev-profile' },
      region: 'eu-west-1',
      service: 'lambda',
      isQuerySigned: true,
    });
    const none = await resolveRequestOrThrow({ request: req({ auth: { type: 'none' } }), collection });
    expect(none.auth).toEqual({ type: 'none' });
  });

  it('guesses region and service from an AWS host when nothing sets them', async () => {
    const outcome = await resolveRequestOrThrow({
      request: req({
        url: 'https://abc123.execute-api.ap-northeast-1.amazonaws.com/prod/items',
        auth: { type: 'aws-sigv4' },
      }),
    });
    expect(outcome.auth).toMatchObject({ region: 'ap-northeast-1', service: 'execute-api' });
    // Security: "inherit" with nothing above chooses nothing; the send path refuses it, never the default chain.
    expect(outcome.auth.type === 'aws-sigv4' && outcome.auth.credentialSource).toBeUndefined();
    expect(guessAwsScope('lambda.us-west-2.amazonaws.com')).toEqual({ region: 'us-west-2', service: 'lambda' });
    expect(guessAwsScope('my-bucket.s3.eu-central-1.amazonaws.com')).toEqual({ region: 'eu-central-1', service: 's3' });
    expect(guessAwsScope('xyz.lambda-url.us-east-2.on.aws')).toEqual({ region: 'us-east-2', service: 'lambda' });
    expect(guessAwsScope('example.com')).toEqual({});
  });

  it('substitutes in every body kind and in auth fields', async () => {
    const vars = {
      collection: CollectionSchema.parse({
        id: 'c',
        name: 'c',
        settings: { variables: [v('x', 'X'), v('file', '/tmp/f.bin'), v('host', 'h.test')] },
      }),
    };
    const bodies = [
      { kind: 'text', language: 'json', text: '{"a":"{{x}}"}' },
      {
        kind: 'form-urlencoded',
        rows: [
          { name: 'k{{x}}', value: '{{x}}' },
          { name: 'off', value: '{{nope}}', isEnabled: false },
        ],
      },
      {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'n', value: '{{x}}' },
          { kind: 'file', name: 'f', filePath: '{{file}}' },
        ],
      },
      { kind: 'binary', filePath: '{{file}}' },
    ] satisfies RequestDraftInput['body'][];
    const results = await Promise.all(bodies.map((body) => resolveRequestOrThrow({ request: req({ body }), ...vars })));
    expect(results.map((r) => r.request.body)).toEqual([
      { kind: 'text', language: 'json', text: '{"a":"X"}' },
      { kind: 'form-urlencoded', rows: [{ name: 'kX', value: 'X', isEnabled: true }] },
      {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'n', value: 'X', isEnabled: true },
          { kind: 'file', name: 'f', filePath: '/tmp/f.bin', isEnabled: true },
        ],
      },
      { kind: 'binary', filePath: '/tmp/f.bin' },
    ]);
  });

  it('reports every unresolved variable with its location and blocks with a clear message', async () => {
    const outcome = await resolveRequest({
      request: req({
        url: 'https://{{host}}/{{path}}',
        params: [{ name: 'q', value: '{{query}}' }],
        headers: [{ name: 'X-A', value: '{{missing}}' }],
        body: { kind: 'text', language: 'raw', text: '{{bodyVar}}' },
        auth: { type: 'aws-sigv4', region: '{{awsRegion}}', service: 's3' },
      }),
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.unresolved.map((u) => [u.name, u.location])).toEqual([
      ['host', 'url'],
      ['path', 'url'],
      ['query', 'params[0].value'],
      ['missing', 'headers[0].value'],
      ['bodyVar', 'body.text'],
      ['awsRegion', 'auth.region'],
    ]);
    expect(outcome.message).toMatch(/Not sent: variables \{\{host\}\}, \{\{path\}\}.*no value/);
    await expect(resolveRequestOrThrow({ request: req() })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { unresolved: [{ name: 'host', location: 'url' }] },
    });
  });

  it('names the folder or collection an unresolved inherited header came from', async () => {
    const outcome = await resolveRequest({
      request: req({ url: 'https://a.test' }),
      collection: CollectionSchema.parse({
        id: 'c',
        name: 'Coll',
        settings: { headers: [{ name: 'X', value: '{{nope}}' }] },
      }),
    });
    expect(!outcome.ok && outcome.unresolved[0]).toEqual({
      name: 'nope',
      location: 'headers[0].value',
      from: { kind: 'collection', id: 'c', name: 'Coll' },
    });
  });

  it.each([
    ['a header value', { headers: [{ name: 'X-A', value: '{{evil}}' }] }, 'headers[0].value'],
    ['a header name', { headers: [{ name: '{{evil}}', value: 'v' }] }, 'headers[0].name'],
    ['the URL', { url: 'https://a.test/{{evil}}' }, 'url'],
    ['a param', { url: 'https://a.test/', params: [{ name: 'q', value: '{{evil}}' }] }, 'url'],
  ])('rejects a substituted line break in %s', async (_label, patch, location) => {
    for (const evil of ['ok\r\nX-Injected: 1', 'a\nb', 'a\rb']) {
      const outcome = await resolveRequest({
        request: req({ url: 'https://a.test/', ...patch }),
        collection: CollectionSchema.parse({ id: 'c', name: 'c', settings: { variables: [v('evil', evil)] } }),
      });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.invalid.map((i) => i.location)).toContain(location);
    }
  });

  it.each([
    ['typed', '€100', '€', 'U+20AC'],
    ['a Japanese word', '署名', '署', 'U+7F72'],
    ['an emoji', 'ok 🔒', '🔒', 'U+1F512'],
  ])(
    'refuses a header value beyond Latin-1 (%s) before sending, naming the header and the character',
    async (_l, value, char, code) => {
      const outcome = await resolveRequest({
        request: req({ url: 'https://a.test/', headers: [{ name: 'X-Test', value }] }),
      });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.invalid[0]?.location).toBe('headers[0].value');
      expect(outcome.invalid[0]?.message).toContain('X-Test');
      expect(outcome.invalid[0]?.message).toContain(`“${char}” (${code})`);
      expect(outcome.invalid[0]?.message).toMatch(/Latin-1/);
    },
  );

  it('sends Latin-1 header values as they are (é, ü, ÿ)', async () => {
    const outcome = await resolveRequestOrThrow({
      request: req({ url: 'https://a.test/', headers: [{ name: 'X-Name', value: 'Zoë Müller ÿ' }] }),
    });
    expect(outcome.request.headers).toEqual([{ name: 'X-Name', value: 'Zoë Müller ÿ', isEnabled: true }]);
  });

  it('takes secret variables from the secret store and lists their values for redaction', async () => {
    const secrets = createMemorySecretValueStore({ 'sec-1': 's3cr3t-token' });
    const environment: Environment = {
      id: 'e',
      name: 'dev',
      variables: [{ id: 'sec-1', name: 'token', value: '', isEnabled: true, isSecret: true }],
    };
    const outcome = await resolveRequestOrThrow({
      request: req({ url: 'https://a.test', headers: [{ name: 'X-Token', value: '{{token}}' }] }),
      environment,
      secrets,
    });
    expect(outcome.request.headers).toEqual([{ name: 'X-Token', value: 's3cr3t-token', isEnabled: true }]);
    expect(outcome.secretValues).toEqual(['s3cr3t-token']);
    const missing = await resolveRequest({
      request: req({ url: 'https://a.test/{{token}}' }),
      environment,
      secrets: createMemorySecretValueStore(),
    });
    expect(!missing.ok && missing.unresolved[0]?.name).toBe('token');
  });

  it('supports $timestamp, $isoTimestamp and $guid', async () => {
    const outcome = await resolveRequestOrThrow({
      request: req({ url: 'https://a.test/{{$timestamp}}/{{$isoTimestamp}}/{{$guid}}' }),
      now: () => new Date('2026-01-02T03:04:05Z'),
      newGuid: () => 'g-1',
    });
    expect(outcome.request.url).toBe('https://a.test/1767323045/2026-01-02T03:04:05.000Z/g-1');
  });

  it('refuses an invalid region after substitution', async () => {
    const outcome = await resolveRequest({
      request: req({ url: 'https://a.test', auth: { type: 'aws-sigv4', region: 'US EAST', service: 'execute-api' } }),
    });
    expect(!outcome.ok && outcome.invalid[0]?.location).toBe('auth.region');
  });
});

describe('substitute on hostile input', () => {
  // Linear on these inputs: a scan that backtracks would take minutes on them (200,000 characters
  // squared), far past the test's time limit, so no wall-clock figure is asserted.
  it('stays fast on long unclosed references and whitespace, and leaves them as they are', () => {
    for (const text of [`{{${' '.repeat(200_000)}`, '{{a'.repeat(50_000), `{{ ${'a '.repeat(50_000)}`]) {
      expect(substitute(text, () => 'x').text).toBe(text);
    }
    expect(substitute('{{}} {{  }}', () => 'x')).toEqual({ text: '{{}} {{  }}', missing: [] });
  });
});
