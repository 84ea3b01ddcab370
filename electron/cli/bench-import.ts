import { stringify as stringifyYaml } from 'yaml';
import { importAny } from '../core/io/import-any';

/** Issue 15's budget: no import of a file under 2 MiB takes longer than this. */
const BUDGET_MS = 150;

/** Files near the sizes the issue names (a 630 KiB OpenAPI JSON, a 1.5 MiB Insomnia export) and up to 2 MiB. */
function corpus(): Array<{ name: string; text: string }> {
  const operations = (n: number) =>
    Object.fromEntries(
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
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
              },
            },
          },
          post: {
            operationId: `putThing${i}`,
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            responses: { 201: { description: 'created' } },
          },
        },
      ]),
    );
  const openapi = (n: number) => ({
    openapi: '3.0.1',
    info: { title: 'Bench API' },
    servers: [{ url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod' }],
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
    paths: operations(n),
  });
  const insomnia = (n: number) => ({
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
        body: { mimeType: 'application/json', text: JSON.stringify({ id: i, pad: 'x'.repeat(200) }) },
        authentication: { type: 'iam', region: 'eu-west-1', service: 'execute-api' },
        metaSortKey: i,
      })),
    ],
  });
  const postman = (n: number) => ({
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
        body: {
          mode: 'raw',
          raw: JSON.stringify({ id: i, pad: 'x'.repeat(200) }),
          options: { raw: { language: 'json' } },
        },
        auth: {
          type: 'awsv4',
          awsv4: [
            { key: 'region', value: 'eu-west-1' },
            { key: 'service', value: 'execute-api' },
          ],
        },
      },
    })),
  });
  const har = (n: number) => ({
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
  });
  return [
    { name: 'OpenAPI JSON', text: JSON.stringify(openapi(760), null, 2) },
    { name: 'OpenAPI YAML', text: stringifyYaml(openapi(760)) },
    { name: 'Swagger 2.0 JSON', text: JSON.stringify(toSwagger(openapi(760)), null, 2) },
    { name: 'Insomnia v4 JSON', text: JSON.stringify(insomnia(2600), null, 2) },
    { name: 'Postman v2.1', text: JSON.stringify(postman(1400), null, 2) },
    { name: 'HAR', text: JSON.stringify(har(1650), null, 2) },
  ];
}

/** The same operations as Swagger 2.0 (host, basePath, securityDefinitions). */
function toSwagger(doc: ReturnType<typeof JSON.parse>): unknown {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Issue 15's figures: for each format, a file near 2 MiB imported through `importAny` — the first
 * (cold) import and the median of the next ones — against `JSON.parse` of the same bytes measured
 * in the same run, and whether it stays within the 150 ms budget.
 */
export async function benchImport(): Promise<string[]> {
  const lines: string[] = [];
  for (const { name, text } of corpus()) {
    const bytes = Buffer.byteLength(text);
    let start = performance.now();
    importAny(text);
    const cold = performance.now() - start;
    const warm: number[] = [];
    const parse: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      start = performance.now();
      importAny(text);
      warm.push(performance.now() - start);
      start = performance.now();
      JSON.parse(text.trimStart().startsWith('{') ? text : '{}');
      parse.push(performance.now() - start);
    }
    const isJson = text.trimStart().startsWith('{');
    const baseline = median(parse);
    lines.push(
      `${name.padEnd(17)} ${(bytes / 1024).toFixed(0).padStart(5)} KiB  cold ${cold.toFixed(0).padStart(4)} ms  warm ${median(warm).toFixed(0).padStart(4)} ms` +
        (isJson
          ? `  = ${(median(warm) / baseline).toFixed(1)}× JSON.parse (${baseline.toFixed(1)} ms)`
          : '  (YAML: no JSON.parse baseline)') +
        `  ${Math.max(cold, median(warm)) <= BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget`,
    );
  }
  return lines;
}
