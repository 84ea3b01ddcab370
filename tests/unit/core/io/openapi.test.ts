import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Folder, SavedRequest } from '../../../../shared/contract/collections';
import { importOpenApi } from '../../../../electron/core/io/openapi';
import { readImportFixture } from '../../../support/import-fixtures';

const yamlText = readImportFixture('openapi-apigateway.yaml');

describe('OpenAPI 3 import', () => {
  const { collection, environments, report } = importOpenApi(yamlText);
  const folder = (name: string) => collection.items.find((i) => i.name === name) as Folder;
  const request = (items: Folder['items'], name: string) => items.find((i) => i.name === name) as SavedRequest;

  it('builds folders per tag, the baseUrl from servers, and other servers as environments', () => {
    expect(collection.name).toBe('Pets API (OpenAPI)');
    expect(report.imported).toBe(7);
    expect(collection.items.map((i) => i.name)).toEqual(['pets', 'photos', 'Health', 'Login form']);
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod'],
      ['petId', 'p-42'],
    ]);
    expect(environments?.map((e) => [e.environment.name, e.environment.variables[0]?.value])).toEqual([
      ['prod', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod'],
      ['dev', 'https://def456.execute-api.eu-west-1.amazonaws.com/dev'],
    ]);
  });

  it('reads parameters, $refs and example bodies', () => {
    const list = request(folder('pets').items, 'List pets');
    expect(list).toMatchObject({
      method: 'GET',
      url: '{{baseUrl}}/pets',
      params: [
        { name: 'limit', value: '20', isEnabled: true },
        { name: 'cursor', value: 'string', isEnabled: true },
      ],
      headers: [{ name: 'X-Trace', value: 'e2e' }],
    });
    const create = request(folder('pets').items, 'Create pet');
    expect(create.body.kind === 'text' && JSON.parse(create.body.text)).toEqual({
      name: 'Rex',
      age: 0,
      tags: ['string'],
    });
    expect(create.headers).toEqual([{ name: 'Content-Type', value: 'application/json', isEnabled: true }]);
    expect(request(folder('pets').items, 'Get pet').url).toBe('{{baseUrl}}/pets/{{petId}}');
    expect(request(folder('photos').items, 'Upload photo').body).toEqual({
      kind: 'multipart',
      parts: [
        { kind: 'text', name: 'caption', value: 'cute', isEnabled: true },
        { kind: 'file', name: 'file', filePath: '', isEnabled: true },
      ],
    });
    expect(request(collection.items, 'Login form').body).toEqual({
      kind: 'form-urlencoded',
      rows: [
        { name: 'user', value: 'alice', isEnabled: true },
        { name: 'remember', value: 'true', isEnabled: true },
      ],
    });
  });

  it('maps awsSigv4 schemes and x-amazon-apigateway-auth AWS_IAM to AWS auth with region and service from the host', () => {
    const aws = {
      type: 'aws-sigv4',
      credentialSource: { source: 'inherit' },
      region: 'eu-west-1',
      service: 'execute-api',
    };
    expect(request(folder('pets').items, 'List pets').auth).toMatchObject(aws);
    expect(request(folder('pets').items, 'Delete pet').auth).toMatchObject(aws);
    expect(request(folder('photos').items, 'Upload photo').auth).toMatchObject(aws);
    expect(request(collection.items, 'Health').auth).toEqual({ type: 'none' });
    // An apiKey scheme becomes API key auth whose value is the {{apiKey}} variable (files hold no key).
    expect(request(collection.items, 'Login form').auth).toEqual({
      type: 'api-key',
      in: 'header',
      name: 'x-api-key',
      valueRef: { kind: 'variables', text: '{{apiKey}}' },
    });
    expect(report.dropped.map((d) => d.what)).not.toContain('security scheme apiKey');
  });

  it('reads the same document as JSON', () => {
    const fromJson = importOpenApi(JSON.stringify(parse(yamlText)));
    expect(fromJson.report.imported).toBe(7);
    expect(fromJson.collection.items.map((i) => i.name)).toEqual(collection.items.map((i) => i.name));
  });

  it.each([
    ['broken YAML', 'openapi: 3.0.0\npaths: [unclosed', /cannot be read as JSON or YAML/],
    ['Swagger 1.2', stringify({ swagger: '1.2', paths: {} }), /Swagger 1\.2 is not 2\.0/],
    ['no version', stringify({ paths: {} }), /"openapi" field/],
    ['no paths', stringify({ openapi: '3.1.0', info: { title: 'x' } }), /"paths" object is missing/],
    ['a scalar', '42', /not an object/],
  ])('rejects %s with IMPORT_FAILED', (_label, text, message) => {
    expect(() => importOpenApi(text)).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED', message: expect.stringMatching(message) }),
    );
  });
});

describe('Swagger 2.0 and what OpenAPI files used to lose', () => {
  const swagger = {
    swagger: '2.0',
    info: { title: 'Proxy API', version: '1' },
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    basePath: '/prod',
    schemes: ['https'],
    securityDefinitions: {
      sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    },
    paths: {
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          parameters: [{ name: 'proxy', in: 'path', required: true, type: 'string' }],
          security: [{ sigv4: [] }],
          responses: {},
        },
        options: { responses: { 200: { description: 'CORS' } } },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          parameters: [{ name: 'petId', in: 'path', required: true, type: 'string', default: 'p-1' }],
          security: [{ sigv4: [] }],
          responses: {},
        },
      },
    },
  };

  it('imports Swagger 2.0 with host, basePath, AWS auth and the any-method operation', () => {
    const { collection, report } = importOpenApi(JSON.stringify(swagger));
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['baseUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod'],
      ['petId', 'p-1'],
    ]);
    const requests = collection.items as SavedRequest[];
    expect(requests.map((r) => [r.method, r.url, r.auth.type])).toEqual([
      ['OPTIONS', '{{baseUrl}}/{{proxy}}', 'none'],
      ['GET', '{{baseUrl}}/{{proxy}}', 'aws-sigv4'],
      ['GET', '{{baseUrl}}/pets/{{petId}}', 'aws-sigv4'],
    ]);
    expect(requests[1]?.auth).toMatchObject({ region: 'eu-west-1', service: 'execute-api' });
    expect(report.imported).toBe(3);
    // {proxy+} has no example: no variable, so the request shows {{proxy}} unresolved.
    expect(collection.settings.variables.some((v) => v.name === 'proxy' || v.name === 'proxy+')).toBe(false);
    expect(report.dropped).toEqual([
      expect.objectContaining({ what: 'any method', why: expect.stringContaining('imported as GET') }),
    ]);
  });

  it('reads Swagger 2.0 YAML too', () => {
    const { collection } = importOpenApi(stringify(swagger));
    expect(collection.name).toBe('Proxy API');
    expect(collection.items).toHaveLength(3);
  });

  it('never invents a path variable value, and reports a second example that differs', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Ids' },
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }] } },
        '/b/{id}': { get: { parameters: [{ name: 'id', in: 'path', example: 'b-1' }] } },
        '/c/{id}': { get: { parameters: [{ name: 'id', in: 'path', example: 'c-1' }] } },
      },
    };
    const { collection, report } = importOpenApi(JSON.stringify(doc));
    expect(collection.settings.variables.map((v) => [v.name, v.value])).toEqual([
      ['baseUrl', 'https://api.example.com'],
      ['id', 'b-1'],
    ]);
    expect(report.dropped).toEqual([
      expect.objectContaining({ path: 'Ids / GET /c/{id} › path variable id', what: 'value "c-1"' }),
    ]);
  });

  it('sends an operation with its own servers to its own host', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Uploads' },
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/upload': {
          servers: [{ url: 'https://upload.example.com/v1' }, { url: 'https://upload-eu.example.com/v1' }],
          put: { operationId: 'upload' },
          post: {
            operationId: 'other',
            servers: [{ url: 'https://{region}.files.example.com', variables: { region: { default: 'eu' } } }],
          },
        },
        '/list': { get: { operationId: 'list' } },
      },
    };
    const { collection, report } = importOpenApi(JSON.stringify(doc));
    expect((collection.items as SavedRequest[]).map((r) => [r.name, r.url])).toEqual([
      ['upload', 'https://upload.example.com/v1/upload'],
      ['other', 'https://eu.files.example.com/upload'],
      ['list', '{{baseUrl}}/list'],
    ]);
    expect(report.dropped).toEqual([
      expect.objectContaining({
        path: 'Uploads / upload › servers',
        why: 'the first (https://upload.example.com/v1) was used',
      }),
    ]);
  });
});

describe('YAML that expands (a hostile file)', () => {
  it('refuses a billion-laughs document instead of expanding it', () => {
    const lines = ['openapi: 3.0.0', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i += 1) lines.push(`a${i}: &a${i} [${Array(10).fill(i === 1 ? '*a' : `*a${i - 1}`).join(',')}]`);
    lines.push('paths: {}');
    expect(() => importOpenApi(lines.join('\n'))).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED' }));
  });
});
