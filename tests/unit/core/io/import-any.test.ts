import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollectionsService } from '../../../../electron/core/collections/collections-service';
import { createEnvironmentsService } from '../../../../electron/core/collections/environments-service';
import { openWorkspaceStore } from '../../../../electron/core/collections/workspace-store';
import { exportCurl } from '../../../../electron/core/io/curl-export';
import { detectImportFormat, importAny } from '../../../../electron/core/io/import-any';
import { exportPostmanCollection, importPostmanCollection } from '../../../../electron/core/io/postman';
import { exportShomeiCollection, importShomeiCollection } from '../../../../electron/core/io/shomei-file';
import { createMemorySecretValueStore } from '../../../../electron/core/variables/secret-value-store';
import { FIXTURE_SECRETS, readImportFixture } from '../../../support/import-fixtures';
import { makeTempDir, readAllFiles } from '../../../support/temp-dir';

const FIXTURES = [
  ['postman-v21-aws.postman_collection.json', 'postman'],
  ['postman-v20-aws.postman_collection.json', 'postman'],
  ['postman-environment.postman_environment.json', 'postman-environment'],
  ['insomnia-v4-aws.json', 'insomnia'],
  ['openapi-apigateway.yaml', 'openapi'],
] as const;

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

describe('format detection', () => {
  it.each(FIXTURES)('detects %s as %s', (file, format) => {
    expect(detectImportFormat(readImportFixture(file))).toBe(format);
  });

  it('detects curl and Shomei files, and refuses the unknown', () => {
    expect(detectImportFormat('curl https://a.test')).toBe('curl');
    expect(
      detectImportFormat(
        exportShomeiCollection({
          id: 'c',
          name: 'x',
          settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
          items: [],
        }).text,
      ),
    ).toBe('shomei');
    expect(() => importAny('hello')).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED' }));
  });
});

describe('no secret reaches the data folder or an export', () => {
  it('imports every fixture through the services, exports every collection, and finds no secret in any byte', async () => {
    const secrets = createMemorySecretValueStore();
    const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
    const collections = createCollectionsService({ workspace, secrets });
    const environments = createEnvironmentsService({ workspace, secrets });
    const outputs: string[] = [];
    const texts = [
      ...FIXTURES.map(([file]) => readImportFixture(file)),
      ...readImportFixture('curl-corpus.txt')
        .split(/^-{4,}$/m)
        .map((b) => b.replace(/^#.*$/gm, '').trim()),
    ];
    for (const text of texts) {
      const result = importAny(text);
      if (result.kind === 'environment') {
        await environments.add({ environment: result.environment, secretValues: result.secretValues });
        continue;
      }
      const added = collections.addCollection(result.collection);
      for (const env of result.environments ?? [])
        await environments.add({ environment: env.environment, secretValues: env.secretValues });
      outputs.push(exportShomeiCollection(added).text, exportPostmanCollection(added).text);
      for (const request of added.items.filter((i) => i.kind === 'request')) outputs.push(exportCurl(request).text);
    }
    workspace.flush();
    // The Postman environment's secret-typed apiKey went to the secret store, not to disk.
    expect(Object.values(secrets.snapshot())).toContain('k-live-0123456789abcdef');
    const files = readAllFiles(temp.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const secret of FIXTURE_SECRETS) {
      for (const file of files)
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds ${secret}`).toBe(false);
      for (const output of outputs) expect(output.includes(secret), `an export holds ${secret}`).toBe(false);
    }
  });
});

describe('Shomei collection file', () => {
  it('round-trips through Postman v2.1 and back into a Shomei file byte for byte (ids aside)', () => {
    const original = importPostmanCollection(readImportFixture('postman-v21-aws.postman_collection.json')).collection;
    const shomei = exportShomeiCollection(original).text;
    const again = importShomeiCollection(shomei).collection;
    expect(again).toEqual(original);
    expect(exportShomeiCollection(again).text).toBe(shomei);
    const viaPostman = importPostmanCollection(exportPostmanCollection(again).text).collection;
    const withoutIds = (text: string) => text.replace(/"id": "[^"]+"/g, '"id": "-"');
    expect(
      withoutIds(exportShomeiCollection({ ...viaPostman, id: again.id, description: again.description }).text),
    ).toBe(withoutIds(shomei));
  });

  it('round-trips a request’s send options, and never writes a proxy’s user name and password', () => {
    const options = {
      timeoutMs: 1000,
      isFollowingRedirects: false,
      maxRedirects: 0,
      isTlsVerified: false,
      caBundlePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      proxyUrl: 'http://alice:s3cret@proxy.test:3128',
      connectTo: 'localhost:8443',
    };
    const original = {
      id: 'c',
      name: 'Options',
      settings: { auth: { type: 'inherit' as const }, headers: [], variables: [] },
      items: [
        {
          kind: 'request' as const,
          id: 'r',
          name: 'Slow',
          method: 'GET',
          url: 'https://api.test/slow',
          params: [],
          headers: [],
          body: { kind: 'none' as const },
          auth: { type: 'inherit' as const },
          options,
        },
      ],
    };
    const { text } = exportShomeiCollection(original);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('alice');
    const again = importShomeiCollection(text).collection;
    expect(again.items[0]).toMatchObject({ options: { ...options, proxyUrl: 'http://proxy.test:3128' } });
    expect(exportShomeiCollection(again).text).toBe(text);
    // The in-memory collection given to the export is left as it was.
    expect(original.items[0]?.options.proxyUrl).toBe('http://alice:s3cret@proxy.test:3128');
  });

  it('writes sorted keys and a format version, with secret variables empty', () => {
    const { text, notes } = exportShomeiCollection({
      id: 'c',
      name: 'Secrets',
      settings: {
        auth: {
          type: 'aws-sigv4',
          credentialSource: { source: 'profile', profileId: 'ops' },
          region: 'us-east-1',
          service: 'execute-api',
          isQuerySigned: false,
          expiresInSeconds: 900,
        },
        headers: [],
        variables: [{ id: 'v', name: 'token', value: 'should-not-be-here', isEnabled: true, isSecret: true }],
      },
      items: [],
    });
    expect(text).not.toContain('should-not-be-here');
    expect(text.indexOf('"collection"')).toBeLessThan(text.indexOf('"format"'));
    expect(JSON.parse(text)).toMatchObject({ format: 'shomei.collection', formatVersion: 1 });
    expect(notes).toEqual([
      { path: 'Secrets', message: 'Set up the Shomei credential profile "ops" to send these requests' },
      // What the export left out, said plainly: the secret's value, and this machine's trust.
      {
        path: 'Secrets',
        message: "Secret variable {{token}} is exported without a value (it stays in this machine's vault): the receiver sets it in their own Shomei",
      },
      {
        path: 'Secrets',
        message: "Trust is not exported: the receiver's Shomei lets it sign with their credentials only after they trust it",
      },
    ]);
  });

  it.each([
    ['not JSON', 'nope', /JSON cannot be read/],
    ['another format', '{"format":"other"}', /"format" field/],
    ['a newer version', '{"format":"shomei.collection","formatVersion":99,"collection":{}}', /format version 99/],
    [
      'an invalid collection',
      '{"format":"shomei.collection","formatVersion":1,"collection":{"id":"c"}}',
      /collection\.name/,
    ],
  ])('rejects %s with IMPORT_FAILED', (_label, text, message) => {
    expect(() => importShomeiCollection(text)).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED', message: expect.stringMatching(message) }),
    );
  });
});
