import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../../../shared/contract/collections';
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
});
