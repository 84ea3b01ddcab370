// The files `npm run bench` imports for issue 15 (bench-import.ts): one per format Shomei
// imports, each generated here with the shape real exports have, close to (but under) 2 MiB.
import { stringify as stringifyYaml } from 'yaml';
import type { BrunoFile } from '../core/io/bruno';
import { brunoFolder, bruRequest, openCollectionFolder } from './bench-import-bruno';
import { stableStringify } from '../core/io/stable-json';

/** What reads a benched file's bytes alone: `JSON.parse`, the importers' YAML parser, Bruno's parser. */
export type Parser = 'json' | 'yaml' | 'bru';

/**
 * One benched file: its text (imported through `importAny`) or a folder's files (through
 * `importAnyFolder`), and the parser that alone reads the same bytes (the baseline), if any.
 */
export type BenchImportFile = { name: string; parser?: Parser } & ({ text: string } | { files: BrunoFile[] });

const pad = (i: number, length: number) => `${i}-`.padEnd(length, 'x');
const requestBody = (i: number) => JSON.stringify({ id: i, pad: 'x'.repeat(200) });
const BASE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod';

/** Files near the sizes the issue names (a 630 KiB OpenAPI JSON, a 1.5 MiB Insomnia export) and up to 2 MiB. */
export function importBenchCorpus(): BenchImportFile[] {
  return [
    { name: 'OpenAPI JSON', parser: 'json', text: JSON.stringify(openapi(760), null, 2) },
    { name: 'OpenAPI YAML', parser: 'yaml', text: stringifyYaml(openapi(760)) },
    { name: 'Swagger 2.0 JSON', parser: 'json', text: JSON.stringify(toSwagger(openapi(760)), null, 2) },
    { name: 'Insomnia v4 JSON', parser: 'json', text: JSON.stringify(insomnia(2600), null, 2) },
    { name: 'Postman v2.1', parser: 'json', text: JSON.stringify(postman(1400), null, 2) },
    { name: 'HAR', parser: 'json', text: JSON.stringify(har(1650), null, 2) },
    { name: 'Insomnia v4 YAML', parser: 'yaml', text: stringifyYaml(insomnia(3350)) },
    { name: 'Insomnia v5 YAML', parser: 'yaml', text: stringifyYaml(insomniaV5(40, 40)) },
    { name: 'Postman env', parser: 'json', text: JSON.stringify(postmanEnvironment(4850), null, '\t') },
    { name: 'curl script', text: curlScript(5000) },
    { name: 'curl command', text: curlCommand(7600) },
    { name: 'Bruno folder', parser: 'bru', files: brunoFolder(BASE, 40, 70) },
    { name: 'Bruno .bru file', parser: 'bru', text: bruRequest(0, 'inherit', largeJson(7600)) },
    { name: 'OpenCollection', parser: 'yaml', files: openCollectionFolder(BASE, 40, 61) },
    { name: 'Shomei collection', parser: 'json', text: shomeiFile(40, 30) },
  ];
}

function openapi(n: number) {
  const thing = { $ref: '#/components/schemas/Thing' };
  const paths = Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `/things/${i}/{thingId}`,
      {
        get: {
          operationId: `getThing${i}`,
          tags: [`group${i % 20}`],
          parameters: [
            { name: 'thingId', in: 'path', required: true, schema: { type: 'string', example: `t-${i}` } },
            { name: 'limit', in: 'query', schema: { type: 'integer', default: 10 } },
          ],
          security: [{ sigv4: [] }],
          responses: { 200: { description: 'ok', content: { 'application/json': { schema: { ...thing } } } } },
        },
        post: {
          operationId: `putThing${i}`,
          requestBody: { content: { 'application/json': { schema: { ...thing } } } },
          responses: { 201: { description: 'created' } },
        },
      },
    ]),
  );
  return {
    openapi: '3.0.1',
    info: { title: 'Bench API' },
    servers: [{ url: BASE }],
    components: {
      securitySchemes: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
      },
      schemas: {
        Thing: {
          type: 'object',
          properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
    paths,
  };
}

/** The same operations as Swagger 2.0 (host, basePath, securityDefinitions). */
function toSwagger(doc: ReturnType<typeof openapi>): unknown {
  return {
    swagger: '2.0',
    info: doc.info,
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    basePath: '/prod',
    schemes: ['https'],
    securityDefinitions: doc.components.securitySchemes,
    definitions: doc.components.schemas,
    paths: JSON.parse(JSON.stringify(doc.paths).replaceAll('#/components/schemas/', '#/definitions/')),
  };
}

function insomnia(n: number) {
  return {
    _type: 'export',
    __export_format: 4,
    resources: [
      { _id: 'wrk_1', _type: 'workspace', parentId: null, name: 'Bench' },
      ...Array.from({ length: n }, (_, i) => ({
        _id: `req_${i}`,
        _type: 'request',
        parentId: 'wrk_1',
        name: `Request ${i}`,
        method: 'POST',
        url: `{{ _.base }}/things/${i}?x=1`,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body: { mimeType: 'application/json', text: requestBody(i) },
        authentication: { type: 'iam', region: 'eu-west-1', service: 'execute-api' },
        metaSortKey: i,
      })),
    ],
  };
}

/** An Insomnia v5 collection file: folders of requests with scripts and settings, environments, a cookie jar. */
function insomniaV5(folders: number, perFolder: number) {
  const meta = (id: string, sortKey: number) => ({ id, created: 1779753600000, modified: 1779816054491, sortKey });
  return {
    type: 'collection.insomnia.rest/5.0',
    schema_version: '5.1',
    name: 'Bench',
    meta: { id: 'wrk_1', created: 1779753600000, modified: 1779753600000, description: '' },
    collection: Array.from({ length: folders }, (_, f) => ({
      name: `Group ${f}`,
      meta: meta(`fld_${f}`, f),
      authentication: { type: 'iam', region: '{{ _.region }}', service: 'execute-api' },
      children: Array.from({ length: perFolder }, (_, r) => {
        const i = f * perFolder + r;
        return {
          url: `{{ _.base_url }}/things/${i}`,
          name: `Request ${i}`,
          meta: { ...meta(`req_${i}`, r), isPrivate: false, description: `Creates thing ${i}.` },
          method: 'POST',
          body: { mimeType: 'application/json', text: requestBody(i) },
          parameters: [{ name: 'x', value: String(i), disabled: false }],
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          authentication: { type: 'iam', region: '{{ _.region }}', service: 'execute-api', disabled: false },
          scripts: {
            afterResponse:
              "insomnia.test('Status is 200', () => {\n  insomnia.expect(insomnia.response.status).to.eql(200);\n});",
          },
          settings: {
            renderRequestBody: true,
            encodeUrl: true,
            followRedirects: 'global',
            cookies: { send: true, store: true },
          },
        };
      }),
    })),
    cookieJar: { name: 'Default Jar', meta: { id: 'jar_1' }, cookies: [] },
    environments: {
      name: 'Base Environment',
      meta: { id: 'env_1' },
      data: { base_url: BASE, region: 'eu-west-1' },
      subEnvironments: ['dev', 'prod'].map((name) => ({ name, meta: { id: `env_${name}` }, data: { stage: name } })),
    },
  };
}

function postman(n: number) {
  return {
    info: { name: 'Bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: Array.from({ length: n }, (_, i) => ({
      name: `Request ${i}`,
      request: {
        method: 'POST',
        url: {
          raw: `{{base}}/things/:id?x=${i}`,
          host: ['{{base}}'],
          path: ['things', ':id'],
          query: [{ key: 'x', value: String(i) }],
          variable: [{ key: 'id', value: `t-${i}` }],
        },
        header: [{ key: 'Content-Type', value: 'application/json' }],
        body: { mode: 'raw', raw: requestBody(i), options: { raw: { language: 'json' } } },
        auth: {
          type: 'awsv4',
          awsv4: [
            { key: 'region', value: 'eu-west-1' },
            { key: 'service', value: 'execute-api' },
          ],
        },
      },
    })),
  };
}

/** A Postman environment export (tab-indented, as Postman writes it): many variables, a few secret. */
function postmanEnvironment(n: number) {
  return {
    id: '5f1c2b8e-0d3a-4c4e-9a3e-2b1f0c9d8e7a',
    name: 'Bench',
    values: Array.from({ length: n }, (_, i) => ({
      key: `fixture_${i}`,
      value: i % 50 === 0 ? '' : JSON.stringify({ id: i, pad: pad(i, 300) }),
      type: i % 50 === 0 ? 'secret' : 'default',
      enabled: true,
    })),
    _postman_variable_scope: 'environment',
    _postman_exported_at: '2026-01-01T00:00:00.000Z',
    _postman_exported_using: 'Postman/11.20.0',
  };
}

function har(n: number) {
  return {
    log: {
      version: '1.2',
      entries: Array.from({ length: n }, (_, i) => ({
        request: {
          method: 'GET',
          url: `https://api.example.com/things/${i}?x=1`,
          httpVersion: 'HTTP/2',
          headers: [
            { name: 'accept', value: 'application/json' },
            { name: 'cookie', value: 'a=b' },
          ],
          cookies: [{ name: 'a', value: 'b' }],
        },
        response: { status: 200, content: { text: 'x'.repeat(600) } },
      })),
    },
  };
}

/** A shell script of many curl calls signed by curl's own SigV4: shebang, comments, assignments, continuations. */
function curlScript(n: number): string {
  const lines = [
    '#!/bin/bash',
    '# Calls every route of the bench API, signed with curl --aws-sigv4.',
    'set -euo pipefail',
    'REGION=eu-west-1',
    'BASE="https://abc123.execute-api.${REGION}.amazonaws.com/prod"',
  ];
  for (let i = 0; i < n; i += 1) {
    lines.push(
      '',
      `# Thing ${i}`,
      `curl -sS -X POST "$BASE/things/${i}?x=1" \\`,
      '  --aws-sigv4 "aws:amz:${REGION}:execute-api" \\',
      '  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
      '  -H "x-amz-security-token: $AWS_SESSION_TOKEN" \\',
      "  -H 'Content-Type: application/json' \\",
      `  -d '${JSON.stringify({ id: i, pad: pad(i, 120) })}'`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A large upload body: a JSON array of `n` things (about 250 bytes each). */
function largeJson(n: number): string {
  return JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: i, name: `thing ${i}`, pad: pad(i, 220) })));
}

/** One command as a browser's "Copy as cURL" gives it: a large JSON upload in `--data-raw`. */
function curlCommand(n: number): string {
  const body = largeJson(n);
  return [
    `curl '${BASE}/things/import' \\`,
    "  -H 'accept: application/json' \\",
    "  -H 'content-type: application/json' \\",
    "  -H 'origin: https://console.example.com' \\",
    "  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' \\",
    `  --data-raw '${body}'`,
  ].join('\n');
}

/** A Shomei collection file as Shomei writes it (sorted keys): folders of AWS-signed requests, checks and captures. */
function shomeiFile(folders: number, perFolder: number): string {
  const row = (name: string, value: string) => ({ name, value, isEnabled: true });
  const settings = (auth: unknown) => ({ auth, headers: [row('x-client', 'bench')], variables: [] });
  const collection = {
    id: 'col_bench',
    name: 'Bench',
    settings: {
      ...settings({
        type: 'aws-sigv4',
        credentialSource: { source: 'aws-profile', profile: 'bench' },
        region: 'eu-west-1',
        service: 'execute-api',
        isQuerySigned: false,
        expiresInSeconds: 900,
      }),
      variables: [{ id: 'var_base', name: 'base', value: BASE, isEnabled: true, isSecret: false }],
    },
    items: Array.from({ length: folders }, (_, f) => ({
      kind: 'folder',
      id: `fld_${f}`,
      name: `Group ${f}`,
      settings: settings({ type: 'inherit' }),
      items: Array.from({ length: perFolder }, (_, r) => {
        const i = f * perFolder + r;
        return {
          kind: 'request',
          id: `req_${i}`,
          name: `Create thing ${i}`,
          method: 'POST',
          url: `{{base}}/things/${i}`,
          params: [row('x', String(i))],
          headers: [row('Content-Type', 'application/json')],
          body: { kind: 'text', language: 'json', text: requestBody(i) },
          auth: { type: 'inherit' },
          options: { timeoutMs: 30_000 },
          checks: [
            { id: `chk_${i}`, isEnabled: true, target: { kind: 'status' }, operator: 'equals', expected: '201' },
          ],
          captures: [
            { id: `cap_${i}`, isEnabled: true, variable: `thing${i}`, from: { kind: 'json-path', path: '$.id' } },
          ],
        };
      }),
    })),
  };
  return stableStringify({ format: 'shomei.collection', formatVersion: 1, collection });
}
