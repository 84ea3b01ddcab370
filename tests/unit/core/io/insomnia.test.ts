import { describe, expect, it } from 'vitest';
import type { Folder, SavedRequest } from '../../../../shared/contract/collections';
import { convertInsomniaTemplate, importInsomnia } from '../../../../electron/core/io/insomnia';
import { FIXTURE_SECRETS, readImportFixture } from '../../../support/import-fixtures';

describe('Insomnia v4 import', () => {
  const { collection, environments, report } = importInsomnia(readImportFixture('insomnia-v4-aws.json'));

  it('keeps folders in order, requests, variables and iam auth', () => {
    expect(collection.name).toBe('Orders (Insomnia)');
    expect(report.imported).toBe(5);
    expect(collection.items.map((i) => i.name)).toEqual(['Admin', 'Form', 'Binary']);
    const admin = collection.items[0] as Folder;
    expect(admin.items.map((i) => i.name)).toEqual(['Create order', 'List orders', 'Reports']);
    expect(admin.settings.variables.map((v) => [v.name, v.value])).toEqual([['team', 'red']]);
    const list = admin.items[1] as SavedRequest;
    expect(list).toMatchObject({
      url: '{{baseUrl}}/orders',
      params: [
        { name: 'status', value: 'open', isEnabled: true },
        { name: 'limit', value: '{{paging.limit}}', isEnabled: true },
        { name: 'debug', value: '1', isEnabled: false },
      ],
      headers: [
        { name: 'Accept', value: 'application/json' },
        { name: 'X-Team', value: '{{team}}' },
      ],
      auth: {
        type: 'aws-sigv4',
        credentialSource: { source: 'inherit' },
        region: '{{region}}',
        service: 'execute-api',
      },
    });
    expect((admin.items[0] as SavedRequest).body).toEqual({
      kind: 'text',
      language: 'json',
      text: '{"item": "{{item}}"}',
    });
    const reports = admin.items[2] as Folder;
    expect((reports.items[0] as SavedRequest).body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'text', name: 'title', value: 'Q1', isEnabled: true },
        { kind: 'file', name: 'file', filePath: '/tmp/q1.pdf', isEnabled: true },
      ],
    });
    expect((collection.items[1] as SavedRequest).body).toEqual({
      kind: 'form-urlencoded',
      rows: [
        { name: 'a', value: '1', isEnabled: true },
        { name: 'b', value: '2', isEnabled: false },
      ],
    });
    // Bearer auth is kept; its literal token is not (it is set in the Auth tab, into the vault).
    expect((collection.items[1] as SavedRequest).auth).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '' },
      prefix: 'Bearer',
    });
    expect(collection.items[2] as SavedRequest).toMatchObject({
      body: { kind: 'binary', filePath: '/tmp/blob.bin', contentType: 'application/octet-stream' },
      auth: { region: 'us-east-1', service: 's3' },
    });
  });

  it('makes the base environment collection variables and sub-environments environments', () => {
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod'],
      ['region', 'eu-west-1'],
    ]);
    expect(
      environments?.map((e) => [e.environment.name, e.environment.variables.map((v) => `${v.name}=${v.value}`)]),
    ).toEqual([
      ['dev', ['baseUrl=https://dev.execute-api.eu-west-1.amazonaws.com/dev', 'paging.limit=5']],
      ['prod', ['baseUrl=https://prod.execute-api.eu-west-1.amazonaws.com/prod']],
    ]);
  });

  it('drops every secret and says why', () => {
    const text = JSON.stringify({ collection, environments });
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
    expect(report.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining([
        'credential value',
        'accessKeyId',
        'secretAccessKey',
        'sessionToken',
        'token',
        'cookie_jar',
      ]),
    );
    expect(report.dropped.filter((d) => d.what === 'accessKeyId')).toHaveLength(1);
  });

  it('reads a request’s redirect setting; `global` follows the defaults', () => {
    const request = (id: string, settingFollowRedirects: string) => ({
      _id: id,
      _type: 'request',
      parentId: 'wrk',
      name: id,
      method: 'GET',
      url: 'https://api.test/x',
      settingFollowRedirects,
    });
    const { collection } = importInsomnia(
      JSON.stringify({
        _type: 'export',
        __export_format: 4,
        resources: [
          { _id: 'wrk', _type: 'workspace', name: 'W' },
          request('on', 'on'),
          request('off', 'off'),
          request('global', 'global'),
        ],
      }),
    );
    const [on, off, global] = collection.items as SavedRequest[];
    expect(on?.options).toEqual({ isFollowingRedirects: true });
    expect(off?.options).toEqual({ isFollowingRedirects: false });
    expect(global).not.toHaveProperty('options');
  });

  it('converts template syntax', () => {
    expect(convertInsomniaTemplate("{{ _.a }}/{{_.b.c}}/{{ d }}/{{ _['e'] }}")).toBe('{{a}}/{{b.c}}/{{d}}/{{e}}');
  });

  it.each([
    ['not JSON', '{', /JSON cannot be read/],
    ['another export format', '{"_type":"export","__export_format":3,"resources":[]}', /__export_format": 4/],
    ['a missing resources list', '{"_type":"export","__export_format":4}', /"resources" list is missing/],
    [
      'a resource without id',
      '{"_type":"export","__export_format":4,"resources":[{"_type":"request"}]}',
      /resources\[0\] has no _id/,
    ],
  ])('rejects %s with IMPORT_FAILED', (_label, text, message) => {
    expect(() => importInsomnia(text)).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED', message: expect.stringMatching(message) }),
    );
  });
});
