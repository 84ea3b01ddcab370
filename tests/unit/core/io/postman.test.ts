import { describe, expect, it } from 'vitest';
import type { Collection, Folder, SavedRequest } from '../../../../shared/contract/collections';
import {
  exportPostmanCollection,
  importPostmanCollection,
  importPostmanEnvironment,
  POSTMAN_V21_SCHEMA,
} from '../../../../electron/core/io/postman';
import { listRequests } from '../../../../electron/core/collections/tree';
import { FIXTURE_SECRETS, readImportFixture, sequentialIds } from '../../../support/import-fixtures';

const byName = (items: Collection['items'], name: string) => items.find((i) => i.name === name);

describe('Postman v2.1 import', () => {
  const { collection, report } = importPostmanCollection(readImportFixture('postman-v21-aws.postman_collection.json'), {
    newId: sequentialIds(),
  });

  it('keeps folders, requests, variables and AWS auth', () => {
    expect(collection.name).toBe('Orders API (Postman v2.1)');
    expect(report.imported).toBe(8);
    expect(collection.items.map((i) => i.name)).toEqual(['Orders', 'Uploads']);
    expect(collection.settings.auth).toEqual({
      type: 'aws-sigv4',
      credentialSource: { source: 'inherit' },
      region: '{{region}}',
      service: 'execute-api',
      isQuerySigned: false,
      expiresInSeconds: 900,
    });
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod'],
      ['region', 'eu-west-1'],
    ]);
    const orders = byName(collection.items, 'Orders') as Folder;
    expect(orders.settings.variables.map((v) => [v.name, v.value])).toEqual([['ordersPath', 'orders']]);
    const list = byName(orders.items, 'List orders') as SavedRequest;
    expect(list).toMatchObject({
      method: 'GET',
      url: '{{baseUrl}}/{{ordersPath}}',
      params: [
        { name: 'status', value: 'open', isEnabled: true },
        { name: 'limit', value: '10', isEnabled: true },
        { name: 'debug', value: 'true', isEnabled: false },
      ],
      headers: [
        { name: 'Accept', value: 'application/json', isEnabled: true },
        { name: 'X-Debug', value: '1', isEnabled: false },
      ],
      auth: { type: 'inherit' },
    });
    const presigned = byName(orders.items, 'Presigned order export') as SavedRequest;
    expect(presigned.auth).toMatchObject({
      type: 'aws-sigv4',
      region: 'us-east-1',
      service: 's3',
      isQuerySigned: true,
    });
    expect((byName(collection.items, 'Uploads') as Folder).settings.auth).toEqual({ type: 'none' });
  });

  it('imports every body mode', () => {
    const uploads = byName(collection.items, 'Uploads') as Folder;
    const orders = byName(collection.items, 'Orders') as Folder;
    expect((byName(orders.items, 'Create order') as SavedRequest).body).toEqual({
      kind: 'text',
      language: 'json',
      text: '{\n  "item": "book",\n  "qty": 1\n}',
    });
    expect((byName(uploads.items, 'Form upload') as SavedRequest).body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'text', name: 'title', value: 'report', isEnabled: true },
        { kind: 'file', name: 'file', filePath: '/tmp/report.pdf', contentType: 'application/pdf', isEnabled: true },
        { kind: 'text', name: 'skip', value: 'x', isEnabled: false },
      ],
    });
    expect((byName(uploads.items, 'Urlencoded') as SavedRequest).body).toEqual({
      kind: 'form-urlencoded',
      rows: [
        { name: 'a', value: '1', isEnabled: true },
        { name: 'b', value: 'two words', isEnabled: true },
      ],
    });
    expect((byName(uploads.items, 'Binary') as SavedRequest).body).toEqual({
      kind: 'binary',
      filePath: '/tmp/blob.bin',
    });
    const graphql = (byName(uploads.items, 'GraphQL') as SavedRequest).body;
    expect(graphql.kind === 'text' && JSON.parse(graphql.text)).toEqual({
      query: '{ orders { id } }',
      variables: { first: 2 },
    });
  });

  it('drops every secret and says why', () => {
    const text = JSON.stringify(collection);
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
    const whats = report.dropped.map((d) => `${d.path} | ${d.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        'Orders API (Postman v2.1) › auth.accessKey | accessKey',
        'Orders API (Postman v2.1) › auth.secretKey | secretKey',
        'Orders API (Postman v2.1) › auth.sessionToken | sessionToken',
        'Orders API (Postman v2.1) › variable aws_secret_access_key | credential value',
        // A literal bearer token is not imported (the request keeps bearer auth, the token to be set).
        'Orders API (Postman v2.1) / Uploads / Bearer one › auth.token | token',
        'Orders API (Postman v2.1) / Uploads / Bearer one › header Authorization | header value',
      ]),
    );
    // Its test script is read as a check rather than dropped.
    expect(whats.some((w) => w.includes('Create order') && w.includes('script'))).toBe(false);
    expect(report.dropped.find((d) => d.what === 'secretKey')?.why).toMatch(/set up a credential profile instead/);
  });
});

describe('Postman v2.0 import', () => {
  it('reads object-style awsv4 auth and string URLs', () => {
    const { collection, report } = importPostmanCollection(
      readImportFixture('postman-v20-aws.postman_collection.json'),
    );
    const folder = collection.items[0] as Folder;
    expect(folder.settings.auth).toMatchObject({
      type: 'aws-sigv4',
      region: 'us-west-2',
      service: 'lambda',
      isQuerySigned: false,
    });
    const invoke = folder.items[0] as SavedRequest;
    expect(invoke).toMatchObject({
      method: 'POST',
      url: 'https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/{{fn}}/invocations',
      params: [{ name: 'Qualifier', value: 'live' }],
      body: { kind: 'text', text: '{"ping":true}' },
    });
    expect((folder.items[1] as SavedRequest).method).toBe('GET');
    expect(report.imported).toBe(2);
    expect(JSON.stringify(collection)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(report.dropped.map((d) => d.what)).toEqual(['accessKey', 'secretKey']);
  });
});

describe('Postman environment import', () => {
  it('keeps plain variables, sends secrets to the vault, drops AWS keys', () => {
    const { environment, secretValues, report } = importPostmanEnvironment(
      readImportFixture('postman-environment.postman_environment.json'),
    );
    expect(environment.name).toBe('prod');
    expect(environment.variables.map((v) => [v.name, v.value, v.isSecret, v.isEnabled])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod', false, true],
      ['region', 'eu-west-1', false, true],
      ['apiKey', '', true, true],
      ['legacy', 'old', false, false],
    ]);
    const apiKey = environment.variables[2];
    expect(secretValues).toEqual({ [apiKey?.id ?? '']: 'k-live-0123456789abcdef' });
    expect(report.dropped.map((d) => d.path)).toEqual(['prod › AWS_SECRET_ACCESS_KEY', 'prod › accessKey']);
    for (const secret of FIXTURE_SECRETS) expect(JSON.stringify(environment)).not.toContain(secret);
  });

  // Expected values are what the import gave when it read the rows through postman-collection's
  // VariableScope, recorded before it stopped loading the library; the rows that are not objects,
  // which the library skipped without a word, are now reported.
  it('reads awkward rows as it did through the Postman library', () => {
    const text = JSON.stringify({
      name: '  staging ',
      values: [
        { key: 'plain', value: 'a' },
        { key: 'noValue' },
        { value: 'noKey' },
        { key: '  padded  ', value: 'p', enabled: false },
        { key: 'num', value: 42, type: 'number' },
        { key: 'bool', value: true, type: 'boolean', enabled: 'no' },
        { key: 'obj', value: { a: 1 } },
        { key: 'nullValue', value: null },
        { key: 7, value: 'numeric key' },
        { key: 'dup', value: 'first' },
        { key: 'dup', value: 'second', enabled: false },
        { key: 'token', value: 's3cr3t-value', type: 'secret' },
        { key: 'emptySecret', value: '', type: 'secret', enabled: false },
        { key: 'a{b}', value: 'braces' },
        { key: '', value: 'empty' },
        { key: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
        { key: 'AWS_REGION', value: 'eu-west-1' },
        { key: 'info', value: 'x', info: { name: 'shadow', id: 'i' }, disabled: true },
        'a string row',
        ['an', 'array'],
        { key: 'afterOddRows', value: 'z' },
      ],
    });
    const { environment, secretValues, report } = importPostmanEnvironment(text, { newId: sequentialIds() });
    expect(environment.id).toBe('id-1');
    expect(environment.name).toBe('staging');
    expect(environment.variables.map((v) => [v.id, v.name, v.value, v.isEnabled, v.isSecret])).toEqual([
      ['id-2', 'plain', 'a', true, false],
      ['id-3', 'noValue', '', true, false],
      ['id-4', 'padded', 'p', false, false],
      ['id-5', 'num', '42', true, false],
      ['id-6', 'bool', 'true', true, false],
      ['id-7', 'obj', '', true, false],
      ['id-8', 'nullValue', '', true, false],
      ['id-9', '7', 'numeric key', true, false],
      ['id-10', 'dup', 'first', true, false],
      ['id-11', 'dup', 'second', false, false],
      ['id-12', 'token', '', true, true],
      ['id-13', 'emptySecret', '', false, true],
      ['id-14', 'AWS_REGION', 'eu-west-1', true, false],
      ['id-15', 'info', 'x', true, false],
      ['id-16', 'afterOddRows', 'z', true, false],
    ]);
    expect(secretValues).toEqual({ 'id-12': 's3cr3t-value' });
    expect(report).toEqual({
      imported: 15,
      dropped: [
        { path: 'staging › values[2]', what: 'variable', why: 'its name is empty or has braces' },
        { path: 'staging › values[13]', what: 'variable', why: 'its name is empty or has braces' },
        { path: 'staging › values[14]', what: 'variable', why: 'its name is empty or has braces' },
        {
          path: 'staging › AWS_ACCESS_KEY_ID',
          what: 'credential value',
          why: 'secrets are never stored in collections: set up a credential profile instead',
        },
        { path: 'staging › values[18]', what: 'variable', why: 'the row is empty or not an object' },
        { path: 'staging › values[19]', what: 'variable', why: 'the row is empty or not an object' },
      ],
    });
  });

  // Postman's library skipped null rows and named the rows after one with the next row's key
  // (`three` took the value of `two`, and `three`'s own value was lost); each row keeps its own.
  it('keeps each row after a null row under its own name, and reports the empty row', () => {
    const text = JSON.stringify({
      values: [{ key: 'one', value: '1' }, null, { key: 'two', value: '2' }, 'junk', { key: 'three', value: '3' }],
    });
    const { environment, report } = importPostmanEnvironment(text, { newId: sequentialIds(), name: 'Fallback' });
    expect(environment.name).toBe('Fallback');
    expect(environment.variables.map((v) => [v.id, v.name, v.value])).toEqual([
      ['id-2', 'one', '1'],
      ['id-3', 'two', '2'],
      ['id-4', 'three', '3'],
    ]);
    expect(report).toEqual({
      imported: 3,
      dropped: [
        { path: 'Fallback › values[1]', what: 'variable', why: 'the row is empty or not an object' },
        { path: 'Fallback › values[3]', what: 'variable', why: 'the row is empty or not an object' },
      ],
    });
  });
});

describe('malformed Postman input', () => {
  it.each([
    ['not JSON', '{"info": ', /JSON cannot be read/],
    ['an array', '[]', /not a JSON object/],
    ['no info', '{"item": []}', /"info" object is missing/],
    ['a v1 collection', '{"id":"x","name":"old","order":[],"requests":[]}', /v1 collection/],
    [
      'an unknown schema',
      '{"info":{"name":"x","schema":"https://example.com/other.json"},"item":[]}',
      /not Postman Collection v2\.0 or v2\.1/,
    ],
    [
      'no item list',
      '{"info":{"name":"x","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}',
      /"item" list is missing/,
    ],
  ])('rejects %s with IMPORT_FAILED', (_label, text, message) => {
    expect(() => importPostmanCollection(text)).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED', message: expect.stringMatching(message) }),
    );
  });

  it('rejects a broken environment', () => {
    expect(() => importPostmanEnvironment('{"name":"x"}')).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED' }));
  });
});

/** What a round trip must keep, without ids. */
function shape(collection: Collection): unknown {
  const strip = (items: Collection['items']): unknown =>
    items.map((item) =>
      item.kind === 'folder'
        ? {
            folder: item.name,
            auth: item.settings.auth,
            variables: item.settings.variables.map((v) => [v.name, v.value, v.isEnabled, v.isSecret]),
            items: strip(item.items),
          }
        : {
            request: item.name,
            method: item.method,
            url: item.url,
            params: item.params,
            headers: item.headers,
            body: item.body,
            auth: item.auth,
          },
    );
  return {
    name: collection.name,
    auth: collection.settings.auth,
    variables: collection.settings.variables.map((v) => [v.name, v.value, v.isEnabled, v.isSecret]),
    items: strip(collection.items),
  };
}

describe('round trips', () => {
  it('Postman → Shomei → Postman keeps requests, folders, variables and AWS auth', () => {
    const first = importPostmanCollection(readImportFixture('postman-v21-aws.postman_collection.json')).collection;
    const exported = exportPostmanCollection(first);
    const again = importPostmanCollection(exported.text).collection;
    expect(shape(again)).toEqual(shape(first));
    const json = JSON.parse(exported.text);
    expect(json.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(json.auth.type).toBe('awsv4');
    expect(json.item[0].item[2].request.auth.awsv4).toEqual(
      expect.arrayContaining([{ key: 'addAuthDataToQuery', value: true, type: 'boolean' }]),
    );
    for (const secret of FIXTURE_SECRETS) expect(exported.text).not.toContain(secret);
  });

  it('Shomei → Postman → Shomei keeps credential sources, nested folders and disabled rows', () => {
    const original: Collection = {
      id: 'c',
      name: 'Signed things',
      settings: {
        auth: {
          type: 'aws-sigv4',
          credentialSource: { source: 'profile', profileId: 'team-dev' },
          region: 'eu-west-1',
          service: 'execute-api',
          isQuerySigned: false,
          expiresInSeconds: 900,
        },
        headers: [],
        variables: [
          { id: 'v1', name: 'baseUrl', value: 'https://api.test', isEnabled: true, isSecret: false },
          { id: 'v2', name: 'token', value: '', isEnabled: true, isSecret: true },
        ],
      },
      items: [
        {
          kind: 'folder',
          id: 'f',
          name: 'Outer',
          settings: {
            auth: {
              type: 'aws-sigv4',
              credentialSource: { source: 'aws-profile', profile: 'prod' },
              region: '',
              service: 'lambda',
              isQuerySigned: true,
              expiresInSeconds: 900,
            },
            headers: [],
            variables: [{ id: 'v3', name: 'fn', value: 'x', isEnabled: false, isSecret: false }],
          },
          items: [
            {
              kind: 'folder',
              id: 'f2',
              name: 'Inner',
              settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
              items: [
                {
                  kind: 'request',
                  id: 'r',
                  name: 'Call',
                  method: 'POST',
                  url: '{{baseUrl}}/call',
                  params: [
                    { name: 'a', value: '1', isEnabled: true },
                    { name: 'b', value: '2', isEnabled: false },
                  ],
                  headers: [{ name: 'X-A', value: '{{fn}}', isEnabled: true }],
                  body: { kind: 'text', language: 'xml', text: '<a/>' },
                  auth: {
                    type: 'aws-sigv4',
                    credentialSource: { source: 'env' },
                    region: 'us-east-1',
                    service: 's3',
                    isQuerySigned: false,
                    expiresInSeconds: 900,
                  },
                },
              ],
            },
          ],
        },
        {
          kind: 'request',
          id: 'r2',
          name: 'Open',
          method: 'GET',
          url: 'https://public.test',
          params: [],
          headers: [],
          body: { kind: 'none' },
          auth: { type: 'none' },
        },
      ],
    };
    const exported = exportPostmanCollection(original);
    expect(exported.notes.map((n) => n.message)).toEqual([
      'Set up the Shomei credential profile "team-dev" to send these requests',
      'Set up the AWS profile "prod" (~/.aws/config) to send these requests',
      'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment to send these requests',
      "Secret variable {{token}} is exported without a value (it stays in this machine's vault): the receiver sets it in their own Shomei",
      "Trust is not exported: the receiver's Shomei lets it sign with their credentials only after they trust it",
    ]);
    const back = importPostmanCollection(exported.text).collection;
    expect(shape(back)).toEqual(shape(original));
    expect(listRequests(back.items)).toHaveLength(2);
  });
});

describe('send options ↔ protocolProfileBehavior', () => {
  const request = (name: string, protocolProfileBehavior?: object) => ({
    name,
    request: { method: 'GET', url: 'https://api.test/x' },
    ...(protocolProfileBehavior ? { protocolProfileBehavior } : {}),
  });

  it('imports redirects and certificate verification, handed down from the collection and folders', () => {
    const text = JSON.stringify({
      info: { name: 'Behaviors', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      protocolProfileBehavior: { strictSSL: false },
      item: [
        {
          name: 'No redirects',
          protocolProfileBehavior: { followRedirects: false, tlsDisabledProtocols: ['TLSv1'] },
          item: [
            request('Inherits'),
            request('Overrides', { followRedirects: true, maxRedirects: 3, strictSSL: true }),
          ],
        },
        request('Many', { maxRedirects: 80, disableBodyPruning: true, disableUrlEncoding: true }),
        request('Plain'),
      ],
    });
    const { collection, report } = importPostmanCollection(text);
    const folder = collection.items[0] as Folder;
    const optionsOf = (item: Collection['items'][number] | undefined) => (item as SavedRequest).options;
    expect(optionsOf(folder.items[0])).toEqual({ isTlsVerified: false, isFollowingRedirects: false });
    expect(optionsOf(folder.items[1])).toEqual({ isTlsVerified: true, isFollowingRedirects: true, maxRedirects: 3 });
    expect(optionsOf(collection.items[1])).toEqual({ isTlsVerified: false, maxRedirects: 50 });
    expect(optionsOf(collection.items[2])).toEqual({ isTlsVerified: false });
    // Reported once where set; keeping a GET body is what Shomei does anyway, so that one is not.
    expect(report.dropped).toEqual([
      {
        path: 'Behaviors / No redirects › protocolProfileBehavior.tlsDisabledProtocols',
        what: 'setting',
        why: 'Shomei has no equivalent',
      },
      {
        path: 'Behaviors / Many › protocolProfileBehavior.maxRedirects',
        what: '80 redirects',
        why: 'Shomei follows at most 50; it was set to that',
      },
      {
        path: 'Behaviors / Many › protocolProfileBehavior.disableUrlEncoding',
        what: 'setting',
        why: 'Shomei has no equivalent',
      },
    ]);
  });

  it('exports redirects and verification, notes what Postman cannot hold, and reads them back', () => {
    const original: Collection = {
      id: 'c',
      name: 'Options',
      settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
      items: [
        {
          kind: 'request',
          id: 'r',
          name: 'Strict',
          method: 'GET',
          url: 'https://api.test/a',
          params: [],
          headers: [],
          body: { kind: 'none' },
          auth: { type: 'inherit' },
          options: {
            isFollowingRedirects: false,
            maxRedirects: 2,
            isTlsVerified: false,
            timeoutMs: 1000,
            connectTo: 'localhost:8443',
          },
        },
        {
          kind: 'request',
          id: 'r2',
          name: 'Defaults',
          method: 'GET',
          url: 'https://api.test/b',
          params: [],
          headers: [],
          body: { kind: 'none' },
          auth: { type: 'inherit' },
        },
      ],
    };
    const exported = exportPostmanCollection(original);
    const json = JSON.parse(exported.text);
    expect(json.item[0].protocolProfileBehavior).toEqual({ followRedirects: false, maxRedirects: 2, strictSSL: false });
    expect(json.item[1]).not.toHaveProperty('protocolProfileBehavior');
    expect(exported.notes).toEqual([
      {
        path: 'Options / Strict',
        message: 'Postman requests have no timeout, connect-to address of their own; left out',
      },
      {
        path: 'Options',
        message:
          "Trust is not exported: the receiver's Shomei lets it use connect-to addresses only after they trust it",
      },
    ]);
    const back = importPostmanCollection(exported.text);
    expect(back.report.dropped).toEqual([]);
    expect((back.collection.items[0] as SavedRequest).options).toEqual({
      isFollowingRedirects: false,
      maxRedirects: 2,
      isTlsVerified: false,
    });
    expect(back.collection.items[1]).not.toHaveProperty('options');
  });
});

describe('what Postman files used to lose', () => {
  const file = (item: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ info: { name: 'Lost', schema: POSTMAN_V21_SCHEMA }, item, ...extra });
  const activation = {
    name: 'Validate',
    request: {
      method: 'GET',
      url: {
        raw: 'https://api.example.com/activation/validate/:token',
        host: ['api', 'example', 'com'],
        protocol: 'https',
        path: ['activation', 'validate', ':token'],
        variable: [{ key: 'token', value: 'your_token_here' }],
      },
    },
  };

  it('keeps :id path variables as {{id}} with the example as a collection variable, and round-trips them', () => {
    const { collection } = importPostmanCollection(file([activation]));
    const request = collection.items[0] as SavedRequest;
    expect(request.url).toBe('https://api.example.com/activation/validate/{{token}}');
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([['token', 'your_token_here']]);
    const exported = JSON.parse(exportPostmanCollection(collection).text) as {
      item: Array<{ request: { url: { raw: string; variable: unknown } } }>;
    };
    expect(exported.item[0]?.request.url.raw).toBe('https://api.example.com/activation/validate/:token');
    expect(exported.item[0]?.request.url.variable).toEqual([{ key: 'token', value: '{{token}}' }]);
    const back = importPostmanCollection(exportPostmanCollection(collection).text).collection;
    expect((back.items[0] as SavedRequest).url).toBe(request.url);
    expect(back.settings.variables.map((v) => [v.name, v.value])).toEqual([['token', 'your_token_here']]);
  });

  it('reads variables a test script sets from the response as captures, and lists the others', () => {
    const { collection, report } = importPostmanCollection(
      file([
        {
          ...activation,
          event: [
            {
              listen: 'test',
              script: {
                exec: [
                  'const body = pm.response.json();',
                  'pm.environment.set("authToken", body.token);',
                  "pm.collectionVariables.set('userId', body.id);",
                  'postman.setGlobalVariable("legacy", 1);',
                ],
              },
            },
          ],
        },
      ]),
    );
    // What comes from the response becomes a capture; the rest is reported, with what it would set.
    const [request] = collection.items;
    expect(request?.kind === 'request' ? request.captures?.map((c) => [c.variable, c.from]) : undefined).toEqual([
      ['authToken', { kind: 'json-path', path: '$.token' }],
      ['userId', { kind: 'json-path', path: '$.id' }],
    ]);
    expect(report.dropped).toContainEqual(
      expect.objectContaining({ path: 'Lost / Validate', what: 'variables its scripts set: legacy' }),
    );
    expect(report.dropped).toContainEqual(
      expect.objectContaining({
        path: 'Lost / Validate',
        what: 'test script statement `postman.setGlobalVariable("legacy", 1);`',
      }),
    );
  });

  it('hands the checks of collection and folder test scripts to every request below, in the order Postman runs them', () => {
    const script = (...exec: string[]) => [{ listen: 'test', script: { exec } }];
    const { collection, report } = importPostmanCollection(
      file(
        [
          {
            name: 'Orders',
            event: script(
              'pm.test("fast", function () { pm.expect(pm.response.responseTime).to.be.below(500); });',
              'console.log("folder");',
            ),
            item: [
              { ...activation, event: script('pm.test("id", () => pm.expect(pm.response.json().id).to.eql("o-1"));') },
              { ...activation, name: 'Again' },
            ],
          },
          { ...activation, name: 'Top' },
        ],
        {
          event: script(
            'pm.response.to.have.status(200);',
            'pm.environment.set("requestId", pm.response.headers.get("x-request-id"));',
          ),
        },
      ),
    );
    const [folder, top] = collection.items;
    const requests = folder?.kind === 'folder' ? folder.items : [];
    const summary = (item: unknown) => {
      const request = item as SavedRequest;
      return {
        checks: request.checks?.map((c) => [c.target.kind, c.operator, c.expected]),
        captures: request.captures?.map((c) => c.variable),
      };
    };
    // The collection's, then the folder's, then the request's own.
    expect(summary(requests[0])).toEqual({
      checks: [
        ['status', 'equals', '200'],
        ['time', 'lt', '500'],
        ['json-path', 'equals', 'o-1'],
      ],
      captures: ['requestId'],
    });
    expect(summary(requests[1])).toEqual({
      checks: [
        ['status', 'equals', '200'],
        ['time', 'lt', '500'],
      ],
      captures: ['requestId'],
    });
    // A request outside the folder gets the collection's only.
    expect(summary(top)).toEqual({ checks: [['status', 'equals', '200']], captures: ['requestId'] });
    // Each copy is its own row: no id is shared within the collection.
    const ids = [...requests, top].flatMap((r) =>
      [...((r as SavedRequest).checks ?? []), ...((r as SavedRequest).captures ?? [])].map((c) => c.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
    // What the folder's script does besides is reported where it is, and nothing says the script was not converted.
    expect(report.dropped).toContainEqual(
      expect.objectContaining({ path: 'Lost / Orders', what: 'test script statement `console.log("folder");`' }),
    );
    expect(report.dropped.map((d) => d.why).join('\n')).not.toContain('not converted');
  });

  it('fills the region Postman assumes for an awsv4 auth without one, and says so', () => {
    const { collection, report } = importPostmanCollection(
      file([], { auth: { type: 'awsv4', awsv4: [{ key: 'service', value: 'execute-api' }] } }),
    );
    expect(collection.settings.auth).toMatchObject({ type: 'aws-sigv4', region: 'us-east-1' });
    expect(report.dropped).toContainEqual(
      expect.objectContaining({
        path: 'Lost › auth.region',
        why: expect.stringContaining('Postman signs with us-east-1'),
      }),
    );
  });

  it('exports a binary body with its content type', () => {
    const { collection } = importPostmanCollection(file([activation]));
    const request = collection.items[0] as SavedRequest;
    request.body = { kind: 'binary', filePath: '/tmp/photo.png', contentType: 'image/png' };
    const exported = JSON.parse(exportPostmanCollection(collection).text) as {
      item: Array<{ request: { header: unknown[] } }>;
    };
    expect(exported.item[0]?.request.header).toEqual([{ key: 'Content-Type', value: 'image/png', type: 'text' }]);
  });
});
