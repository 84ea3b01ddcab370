import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Folder, SavedRequest } from '../../../../shared/contract/collections';
import { importBruFile, importBrunoFolder } from '../../../../electron/core/io/bruno';
import { importCurlScript, shellVariablesToTemplates } from '../../../../electron/core/io/curl-script';
import { importHar } from '../../../../electron/core/io/har';
import { detectImportFormat } from '../../../../electron/core/io/import-any';
import { importInsomnia } from '../../../../electron/core/io/insomnia';

describe('curl in shell scripts', () => {
  const script = [
    '#!/usr/bin/env bash',
    "# Calls the API twice; don't run in prod",
    'set -euo pipefail',
    'REGION=eu-west-1',
    'export API="https://abc123.execute-api.${REGION}.amazonaws.com/prod"',
    'TOKEN=$(aws sts get-session-token)',
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    'curl "$API/items" \\',
    '  --aws-sigv4 "aws:amz:${REGION}:execute-api" \\',
    "  -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD'",
    'echo done',
    'curl -X POST "${API}/items" -d \'{"price": "$5"}\'',
  ].join('\n');

  it('makes variables of assignments, {{NAME}} of $NAME, one request per curl, and reports the rest', () => {
    const { collection, report } = importCurlScript(script);
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['REGION', 'eu-west-1'],
      ['API', 'https://abc123.execute-api.{{REGION}}.amazonaws.com/prod'],
      ['TOKEN', ''],
    ]);
    const [get, post] = collection.items as SavedRequest[];
    expect(get).toMatchObject({ method: 'GET', url: '{{API}}/items' });
    expect(get?.auth).toMatchObject({
      type: 'aws-sigv4',
      region: '{{REGION}}',
      service: 'execute-api',
      payload: 'unsigned',
    });
    // Single quotes keep `$5` as typed, as the shell would.
    expect(post).toMatchObject({ method: 'POST', url: '{{API}}/items', body: { text: '{"price": "$5"}' } });
    expect(report.imported).toBe(2);
    const whats = report.dropped.map((d) => `${d.path}: ${d.what}`);
    expect(whats).toEqual(
      expect.arrayContaining([
        'script › command 1: command "set -euo pipefail"',
        'script › command 7: command "echo done"',
        'script › TOKEN: value $(aws sts get-session-token)',
        'script › AWS_SECRET_ACCESS_KEY: credential value',
      ]),
    );
    expect(JSON.stringify(collection)).not.toContain('EXAMPLEKEY');
  });

  it('leaves single-quoted, escaped and positional dollars alone', () => {
    expect(shellVariablesToTemplates(`a $A "\${B}" '$C' \\$D $1 \${E:-x}`)).toBe(
      `a {{A}} "{{B}}" '$C' \\$D $1 \${E:-x}`,
    );
  });

  it('is detected from the shebang-and-comments form', () => {
    expect(detectImportFormat(script)).toBe('curl');
  });

  it('refuses a script without curl', () => {
    expect(() => importCurlScript('#!/bin/sh\necho hi\n')).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED' }));
  });
});

describe('HAR import', () => {
  const har = {
    log: {
      version: '1.2',
      pages: [{ title: 'Console session' }],
      entries: [
        {
          request: {
            method: 'POST',
            url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items?limit=5',
            httpVersion: 'HTTP/2',
            headers: [
              { name: ':authority', value: 'abc123.execute-api.eu-west-1.amazonaws.com' },
              { name: 'content-type', value: 'application/json' },
              {
                name: 'authorization',
                value:
                  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc',
              },
              { name: 'x-amz-date', value: '20260101T000000Z' },
              { name: 'cookie', value: 'session=s3cr3t' },
            ],
            cookies: [{ name: 'session', value: 's3cr3t' }],
            postData: { mimeType: 'application/json', text: '{"a":1}' },
          },
          response: { status: 200 },
        },
        { request: { method: 'GET', url: 'https://example.com/form', httpVersion: 'HTTP/1.1', headers: [] } },
      ],
    },
  };

  it('keeps each request, its headers and body, and the SigV4 scope; drops cookies and credentials with report lines', () => {
    const { collection, report } = importHar(JSON.stringify(har));
    expect(collection.name).toBe('Console session');
    const [post, get] = collection.items as SavedRequest[];
    expect(post).toMatchObject({
      method: 'POST',
      url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
      params: [{ name: 'limit', value: '5', isEnabled: true }],
      headers: [{ name: 'content-type', value: 'application/json', isEnabled: true }],
      body: { kind: 'text', language: 'json', text: '{"a":1}' },
      auth: { type: 'aws-sigv4', region: 'eu-west-1', service: 'execute-api' },
    });
    expect(get).toMatchObject({ method: 'GET', auth: { type: 'none' } });
    const whats = report.dropped.map((d) => d.what);
    expect(whats).toEqual(
      expect.arrayContaining(['cookies', 'authorization header', ':authority, x-amz-date', '1 recorded response']),
    );
    const saved = JSON.stringify(collection);
    expect(saved).not.toContain('s3cr3t');
    expect(saved).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(detectImportFormat(JSON.stringify(har))).toBe('har');
  });

  it('refuses JSON that is no HAR', () => {
    expect(() => importHar('{"log": {}}')).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED' }));
  });
});

describe('Insomnia YAML and v5', () => {
  it('reads a v4 export written as YAML, and reports template tags in environments', () => {
    const yaml = [
      '_type: export',
      '__export_format: 4',
      'resources:',
      '  - { _id: wrk_1, _type: workspace, parentId: null, name: Shop }',
      "  - { _id: env_1, _type: environment, parentId: wrk_1, name: Base, data: { token: \"{% response 'body', 'req_1', '$.token' %}\", host: api.example.com } }",
      '  - { _id: req_1, _type: request, parentId: wrk_1, name: List, method: GET, url: "https://{{ _.host }}/items" }',
    ].join('\n');
    expect(detectImportFormat(yaml)).toBe('insomnia');
    const { collection, report } = importInsomnia(yaml);
    expect((collection.items[0] as SavedRequest).url).toBe('https://{{host}}/items');
    expect(report.dropped).toContainEqual(
      expect.objectContaining({ path: 'Shop › Base › token', what: 'template tag ({% … %})' }),
    );
  });

  it('reads a v5 collection: folders, requests, environments, scripts reported', () => {
    const yaml = [
      'type: collection.insomnia.rest/5.0',
      'name: Pets',
      'meta: { id: wrk_5 }',
      'collection:',
      '  - name: Admin',
      '    meta: { id: fld_1, sortKey: 1 }',
      '    children:',
      '      - name: Delete pet',
      '        method: DELETE',
      '        url: "{{ _.base }}/pets/1"',
      '        authentication: { type: iam, region: eu-west-1, service: execute-api, accessKeyId: AKIAIOSFODNN7EXAMPLE }',
      '        scripts: { preRequest: "insomnia.environment.set(\'stamp\', Date.now())" }',
      '  - name: List pets',
      '    meta: { id: req_2, sortKey: 0 }',
      '    method: GET',
      '    url: "{{ _.base }}/pets"',
      'environments:',
      '  name: Base Environment',
      '  data: { base: "https://api.example.com" }',
      '  subEnvironments:',
      '    - { name: prod, data: { base: "https://prod.example.com" } }',
    ].join('\n');
    expect(detectImportFormat(yaml)).toBe('insomnia');
    const { collection, environments, report } = importInsomnia(yaml);
    expect(collection.name).toBe('Pets');
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([['base', 'https://api.example.com']]);
    expect(environments?.map((e) => e.environment.name)).toEqual(['prod']);
    // Insomnia's order: by sortKey.
    expect(collection.items.map((i) => i.name)).toEqual(['List pets', 'Admin']);
    expect(report.imported).toBe(2);
    const folder = collection.items[1] as { items: SavedRequest[] };
    expect(folder.items[0]).toMatchObject({ method: 'DELETE', auth: { type: 'aws-sigv4', region: 'eu-west-1' } });
    expect(report.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining(['accessKeyId', 'pre-request scripts', 'variables its scripts set: stamp']),
    );
    expect(JSON.stringify(collection)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('Bruno', () => {
  const bru = [
    'meta {',
    '  name: Get order',
    '  type: http',
    '  seq: 2',
    '}',
    '',
    'get {',
    '  url: https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders/:orderId?expand=items',
    '  body: none',
    '  auth: awsv4',
    '}',
    '',
    'params:query {',
    '  expand: items',
    '}',
    '',
    'params:path {',
    '  orderId: o-17',
    '}',
    '',
    'auth:awsv4 {',
    '  accessKeyId: AKIAIOSFODNN7EXAMPLE',
    '  secretAccessKey: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    '  sessionToken: ',
    '  service: execute-api',
    '  region: eu-west-1',
    '  profileName: dev',
    '}',
    '',
    'script:pre-request {',
    '  bru.setVar("x", 1);',
    '}',
  ].join('\n');

  it('reads a .bru request through Bruno’s parser: params, path variables, AWS auth with its profile, scripts reported', () => {
    expect(detectImportFormat(bru)).toBe('bruno');
    const { collection, report } = importBruFile(bru);
    expect(collection.items[0]).toMatchObject({
      name: 'Get order',
      method: 'GET',
      url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders/{{orderId}}',
      params: [{ name: 'expand', value: 'items', isEnabled: true }],
      auth: {
        type: 'aws-sigv4',
        region: 'eu-west-1',
        service: 'execute-api',
        credentialSource: { source: 'aws-profile', profile: 'dev' },
      },
    });
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([['orderId', 'o-17']]);
    expect(report.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining(['accessKeyId', 'secretAccessKey', 'pre-request scripts']),
    );
    expect(JSON.stringify(collection)).not.toContain('EXAMPLEKEY');
  });

  it('builds folders from a collection folder, in seq order, and refuses a folder without requests', () => {
    const { collection } = importBrunoFolder([
      { path: 'bruno.json', text: '{"version":"1","name":"Orders","type":"collection"}' },
      { path: 'orders/get.bru', text: bru },
      { path: 'orders/list.bru', text: bru.replace('seq: 2', 'seq: 1').replace('Get order', 'List orders') },
      { path: 'health.bru', text: bru.replace('Get order', 'Health') },
    ]);
    expect(collection.name).toBe('Orders');
    expect(collection.items.map((i) => i.name)).toEqual(['orders', 'Health']);
    expect((collection.items[0] as { items: Array<{ name: string }> }).items.map((i) => i.name)).toEqual([
      'List orders',
      'Get order',
    ]);
    expect(() => importBrunoFolder([{ path: 'bruno.json', text: '{}' }])).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED' }),
    );
  });

  /** A Bruno collection folder of the real-file corpus, as the files the importer is given. */
  function realBrunoFolder(name: string): Array<{ path: string; text: string }> {
    const dir = resolve(import.meta.dirname, '../../../fixtures/import/real', name);
    return (readdirSync(dir, { recursive: true }) as string[])
      .filter((path) => statSync(resolve(dir, path)).isFile())
      .map((path) => ({ path: path.split('\\').join('/'), text: readFileSync(resolve(dir, path), 'utf8') }));
  }

  it('keeps collection.bru and folder.bru settings of a real collection: headers, auth, pre-request variables, docs, folder names and seq', () => {
    const { collection, report } = importBrunoFolder(realBrunoFolder('bruno-folder-settings'));
    expect(collection.settings.headers).toEqual([
      { name: 'collection_header', value: 'collection_header_value', isEnabled: true },
    ]);
    // Basic auth is inherited by every request below; its literal password is not imported.
    expect(collection.settings.auth).toEqual({
      type: 'basic',
      username: 'username',
      passwordRef: { kind: 'variables', text: '' },
    });
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toContainEqual([
      'collection_pre_var',
      'collection_pre_var_value',
    ]);
    expect(collection.description).toBe('# docs');
    // Folders in their folder.bru's seq order (folder_2 seq 1, folder_1 seq 5; inside, folder_2 seq 1, folder_1 seq 2).
    const folders = collection.items.filter((i): i is Folder => i.kind === 'folder');
    expect(folders.map((f) => f.name)).toEqual(['folder_2', 'folder_1']);
    expect(folders[1]?.items.filter((i) => i.kind === 'folder').map((f) => f.name)).toEqual(['folder_2', 'folder_1']);
    const lines = report.dropped.map((d) => `${d.path}: ${d.what}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'collection / collection.bru › auth.password: password',
        'collection / collection.bru: post-response variables collection_post_var',
        'collection / collection.bru: pre-request, post-response, tests scripts',
      ]),
    );
    expect(lines.some((line) => line.includes('folder-level settings'))).toBe(false);
    expect(JSON.stringify(collection)).not.toMatch(/"password"/);
  });

  it('keeps a real folder.bru’s Basic auth for the requests that inherit it, and reports Bruno’s {{?prompts}}', () => {
    const { collection, environments, report } = importBrunoFolder(realBrunoFolder('bruno-prompt-variables'));
    const folder = collection.items.find((i): i is Folder => i.kind === 'folder');
    expect(folder?.name).toBe('http-folder');
    expect(folder?.settings.auth).toMatchObject({ type: 'basic', username: 'auth_username' });
    expect(folder?.settings.headers.map((h) => [h.name, h.isEnabled])).toEqual([
      ['folderHeaderVar', true],
      ['folderHeaderVarDisabled', false],
    ]);
    expect(folder?.settings.variables.map((v) => [v.name, v.isEnabled])).toEqual([
      ['folderVar', true],
      ['folderVarDisabled', false],
    ]);
    expect(folder?.items.map((r) => (r as SavedRequest).auth.type)).toEqual(['inherit', 'inherit']);
    expect(collection.settings.auth).toMatchObject({ type: 'basic', username: 'auth_unsername' });
    expect(environments?.[0]?.environment.variables.map((v) => v.name)).toEqual([
      'collectionEnvVar',
      'collectionEnvVarDisabled',
    ]);
    const prompts = report.dropped.filter((d) => d.what.startsWith('prompts '));
    expect(prompts.map((d) => d.path.split(' / ')[1])).toEqual([
      'collection.bru',
      'http-folder/folder.bru',
      'environments/local.bru',
      'http-folder/http-request-without-ca.bru',
    ]);
    expect(prompts[1]?.what).toContain('“Enter Folder Auth Password”');
  });

  it('plays the attacker: folder and collection settings carry no literal key, token or credential header', () => {
    const { collection, report } = importBrunoFolder([
      {
        path: 'collection.bru',
        text: [
          'headers {',
          '  Authorization: Bearer stolen-collection-token',
          '  x-team: payments',
          '}',
          '',
          'auth {',
          '  mode: bearer',
          '}',
          '',
          'auth:bearer {',
          '  token: literal-bearer-secret-123',
          '}',
          '',
          'vars:pre-request {',
          '  region: eu-west-1',
          '  aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRETzz',
          '}',
        ].join('\n'),
      },
      {
        path: 'orders/folder.bru',
        text: [
          'meta {',
          '  name: Orders API',
          '  seq: 1',
          '}',
          '',
          'auth {',
          '  mode: awsv4',
          '}',
          '',
          'auth:awsv4 {',
          '  accessKeyId: AKIAIOSFODNN7EXAMPLE',
          '  secretAccessKey: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
          '  sessionToken: ',
          '  service: execute-api',
          '  region: {{region}}',
          '  profileName: ',
          '}',
          '',
          'docs {',
          '  Orders, signed with SigV4.',
          '}',
        ].join('\n'),
      },
      {
        path: 'keys/folder.bru',
        text: [
          'auth {',
          '  mode: apikey',
          '}',
          '',
          'auth:apikey {',
          '  key: api_key',
          '  value: {{usagePlanKey}}',
          '  placement: queryparams',
          '}',
        ].join('\n'),
      },
      { path: 'orders/get.bru', text: bru.replace('auth: awsv4', 'auth: inherit') },
      { path: 'keys/get.bru', text: bru.replace('auth: awsv4', 'auth: inherit') },
    ]);
    const text = JSON.stringify(collection);
    for (const secret of [
      'stolen-collection-token',
      'literal-bearer-secret-123',
      'zzSECRETzz',
      'EXAMPLEKEY',
      'AKIAIOSFODNN7EXAMPLE',
    ])
      expect(text).not.toContain(secret);
    expect(collection.settings.auth).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '' },
      prefix: 'Bearer',
    });
    expect(collection.settings.headers.map((h) => h.name)).toEqual(['x-team']);
    expect(collection.settings.variables.map((v) => [v.name, v.value, v.isSecret])).toEqual([
      ['region', 'eu-west-1', false],
      ['aws_secret_access_key', '', true],
      // The requests' path variable, added beside them.
      ['orderId', 'o-17', false],
    ]);
    const [keys, orders] = collection.items as Folder[];
    expect(orders).toMatchObject({
      name: 'Orders API',
      description: 'Orders, signed with SigV4.',
      settings: {
        auth: {
          type: 'aws-sigv4',
          region: '{{region}}',
          service: 'execute-api',
          credentialSource: { source: 'inherit' },
        },
      },
    });
    expect(keys?.settings.auth).toEqual({
      type: 'api-key',
      in: 'query',
      name: 'api_key',
      valueRef: { kind: 'variables', text: '{{usagePlanKey}}' },
    });
    expect(report.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining(['token', 'accessKeyId', 'secretAccessKey', 'secret value']),
    );
    expect(report.dropped.some((d) => d.path.endsWith('collection.bru › header Authorization'))).toBe(true);
  });

  it('turns Bruno assertions and post-response variables into checks and captures, and reports the lines that fit neither', () => {
    const request = [
      'meta {',
      '  name: Create order',
      '  type: http',
      '}',
      '',
      'post {',
      '  url: https://api.example.com/orders',
      '  body: none',
      '  auth: none',
      '}',
      '',
      'assert {',
      '  res.status: eq 201',
      '  res.body.items[0].id: isNumber',
      '  res.headers.content-type: contains "json"',
      '  ~res.responseTime: lt 2000',
      '  res.body.name: eq "Ana"',
      '  res.body: isJson',
      '}',
      '',
      'vars:post-response {',
      '  orderId: res.body.id',
      '  etag: res.headers.etag',
      '  total: res("total")',
      '}',
    ].join('\n');
    let n = 0;
    const { collection, report } = importBruFile(request, { newId: () => `id-${++n}` });
    const saved = collection.items[0] as SavedRequest;
    expect(
      saved.checks?.map(({ target, operator, expected, isEnabled }) => ({ target, operator, expected, isEnabled })),
    ).toEqual([
      { target: { kind: 'status' }, operator: 'equals', expected: '201', isEnabled: true },
      { target: { kind: 'json-path', path: '$.items[0].id' }, operator: 'type', expected: 'number', isEnabled: true },
      { target: { kind: 'header', name: 'content-type' }, operator: 'contains', expected: 'json', isEnabled: true },
      { target: { kind: 'time' }, operator: 'lt', expected: '2000', isEnabled: false },
      { target: { kind: 'json-path', path: '$.name' }, operator: 'equals', expected: '"Ana"', isEnabled: true },
    ]);
    expect(saved.captures?.map(({ variable, from }) => ({ variable, from }))).toEqual([
      { variable: 'orderId', from: { kind: 'json-path', path: '$.id' } },
      { variable: 'etag', from: { kind: 'header', name: 'etag' } },
    ]);
    const line = report.dropped.find((d) => d.what.startsWith('assertions or post-response variables'));
    expect(line?.what).toContain('res.body: isJson');
    expect(line?.what).toContain('total: res("total")');
    expect(report.dropped.some((d) => d.what === 'assertions')).toBe(false);
  });
});
