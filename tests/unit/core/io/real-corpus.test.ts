import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { SavedAuth } from '../../../../shared/contract/collections';
import { runImportCommand } from '../../../../electron/cli/import-command';
import { walkItems } from '../../../../electron/core/collections/tree';
import { importShomeiCollection } from '../../../../electron/core/io/shomei-file';

// Real files from public repositories (see tests/fixtures/import/real/SOURCES.md), imported the
// way `shomei import` does it. Request counts are read from the raw files by a second, naive
// reader; every thing the file holds that Shomei cannot keep must have a line in the report.

const DIR = resolve(import.meta.dirname, '../../../fixtures/import/real');
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Expected {
  format: string;
  /** Requests with AWS SigV4 auth, and the region/service they carry. */
  aws?: { count: number; region: string; service: string; payload?: string };
  /** Report lines that must be there (a `what` or `why` substring each). */
  reports?: RegExp[];
}

const EXPECTED: Record<string, Expected> = {
  'aws-http-proxy-any-method.swagger2.json': { format: 'openapi', reports: [/any method/] },
  'aws-kinesis-proxy.openapi3.json': { format: 'openapi' },
  'aws-kinesis-proxy.swagger2.json': { format: 'openapi' },
  'aws-lambda-proxy-any-method.openapi3.json': { format: 'openapi', reports: [/any method/] },
  'aws-lambda-proxy-any-method.swagger2.json': { format: 'openapi', reports: [/any method/] },
  'aws-lattice-callendpoint.sh': {
    format: 'curl',
    aws: { count: 1, region: '%region%', service: 'vpc-lattice-svcs', payload: 'unsigned' },
    reports: [/AWS access key and secret/, /x-amz-security-token|header value/],
  },
  'aws-request-validation.swagger2.json': { format: 'openapi' },
  'aws-s3-proxy.swagger2.json': { format: 'openapi', aws: { count: 8, region: '', service: 'execute-api' } },
  'aws-simple-calc.swagger2.json': { format: 'openapi', reports: [/any method/] },
  'bruno-requests-settings': {
    format: 'bruno',
    aws: { count: 1, region: 'us-east-1', service: 'execute-api' },
    reports: [/accessKeyId/, /secretAccessKey/, /Proxy-Authorization/],
  },
  'bruno-opencollection': { format: 'bruno' },
  'bruno-folder-settings': {
    format: 'bruno',
    // collection.bru's Basic auth is kept, its literal password is not.
    reports: [/collection\.bru › auth\.password/, /post-response variables collection_post_var/],
  },
  'bruno-prompt-variables': { format: 'bruno', reports: [/collection\.bru: prompts “Enter Collection Auth Password”/] },
  'kong-curl-complex.sh': { format: 'curl', reports: [/--user/] },
  'kong-curl-multi.sh': { format: 'curl', reports: [/command "echo hello"/] },
  'kong-har-deep.har': { format: 'har', reports: [/cookies/, /recorded response/] },
  'kong-har-shallow.har': { format: 'har', reports: [/cookies/] },
  'kong-inso-insomnia_v4.json': { format: 'insomnia', reports: [/api_spec/] },
  'kong-insomnia4-basic.yaml': { format: 'insomnia' },
  'kong-insomnia4-smoke-environments.yaml': { format: 'insomnia' },
  'kong-insomnia4-smoke-simple.yaml': { format: 'insomnia' },
  'kong-insomnia5-security-collection.yaml': {
    format: 'insomnia',
    // Its Basic auth is imported (user name {{inherited_value}}), so it is no longer reported.
    reports: [/variables its scripts set: auth_token/, /cookie_jar/, /api_spec/],
  },
  'kong-openapi3-endpoint-security.yaml': { format: 'openapi', reports: [/security scheme/] },
  'kong-openapi3-petstore.json': { format: 'openapi', reports: [/security scheme/] },
  'kong-postman-aws-signature-v2_0.postman_collection.json': {
    format: 'postman',
    aws: { count: 1, region: 'aws-region', service: 'aws-service-name' },
    reports: [/accessKey/, /secretKey/],
  },
  'kong-postman-aws-signature-v2_1.postman_collection.json': {
    format: 'postman',
    aws: { count: 1, region: 'aws-region', service: 'aws-service-name' },
    reports: [/accessKey/, /secretKey/],
  },
  'kong-postman-complex-v2_1.postman_collection.json': { format: 'postman' },
  'kong-postman-scripts-v2_1.postman_collection.json': { format: 'postman', reports: [/scripts/] },
  'kong-swagger2-petstore.json': { format: 'openapi', reports: [/security scheme/] },
  'kong-swagger2-petstore.yml': { format: 'openapi' },
};

/** A second, naive count of the requests a raw file declares, by format. */
function countRaw(format: string, text: string): number {
  const doc: unknown =
    format === 'curl' ? undefined : text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  switch (format) {
    case 'curl':
      return text.split('\n').filter((line) => /^\s*curl\s/.test(line)).length;
    case 'har': {
      const log = isObject(doc) && isObject(doc.log) ? doc.log : undefined;
      return log && Array.isArray(log.entries) ? log.entries.length : 1;
    }
    case 'openapi': {
      const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
      const methods = /^(get|put|post|delete|options|head|patch|trace|x-amazon-apigateway-any-method)$/;
      return Object.values(paths).reduce<number>(
        (n, item) => n + (isObject(item) ? Object.keys(item).filter((k) => methods.test(k)).length : 0),
        0,
      );
    }
    case 'postman': {
      const count = (items: unknown): number =>
        Array.isArray(items)
          ? items.reduce<number>((n, i) => n + (isObject(i) ? (i.request ? 1 : count(i.item)) : 0), 0)
          : 0;
      return isObject(doc) ? count(doc.item) : 0;
    }
    case 'insomnia': {
      if (isObject(doc) && Array.isArray(doc.resources))
        return doc.resources.filter((r) => isObject(r) && r._type === 'request').length;
      const count = (items: unknown): number =>
        Array.isArray(items)
          ? items.reduce<number>(
              (n, i) => n + (isObject(i) ? (Array.isArray(i.children) ? count(i.children) : 1) : 0),
              0,
            )
          : 0;
      return isObject(doc) ? count(doc.collection) : 0;
    }
    default:
      throw new Error(`no raw counter for ${format}`);
  }
}

/** Things a raw file holds that Shomei never keeps; each must have a report line. */
function unkeptThings(text: string): RegExp[] {
  const found: RegExp[] = [];
  if (/"exec"\s*:\s*\[\s*"[^"]/.test(text) || /(afterResponse|preRequest)(Script)?:\s*\S/.test(text))
    found.push(/scripts/);
  if (text.includes('{%') && text.includes('%}')) found.push(/template tag/);
  if (/"cookies"\s*:\s*\[\s*\{/.test(text)) found.push(/cookie/i);
  if (text.includes('x-amazon-apigateway-any-method')) found.push(/any method/);
  if (/"response"\s*:\s*\[\s*\{/.test(text)) found.push(/example responses/);
  if (/\b(_type: cookie_jar|cookieJar:)/.test(text)) found.push(/cookie_jar/);
  // Bruno: script and tests blocks, prompts, post-response variables.
  if (/^(script:(pre-request|post-response)|tests) \{/m.test(text)) found.push(/scripts/);
  if (/\{\{\s*\?/.test(text)) found.push(/prompts “/);
  if (/^vars:post-response \{/m.test(text)) found.push(/post-response variables|request variables/);
  return found;
}

async function shomeiImport(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runImportCommand([file], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

/** Files, and folders (a Bruno collection is a folder of `.bru` files). */
const files = readdirSync(DIR).filter((f) => f !== 'SOURCES.md');
const isFolder = (f: string) => statSync(resolve(DIR, f)).isDirectory();
/** A folder's files, as paths relative to it. */
const filesIn = (f: string): string[] =>
  (readdirSync(resolve(DIR, f), { recursive: true }) as string[]).filter((p) => statSync(resolve(DIR, f, p)).isFile());

describe('the real-file corpus', () => {
  it('holds at least 25 files, each named in SOURCES.md and under 300 KB, and each with expectations', () => {
    const sources = readFileSync(resolve(DIR, 'SOURCES.md'), 'utf8');
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const file of files) {
      expect(sources, file).toContain(`\`${file}\``);
      for (const path of isFolder(file) ? filesIn(file).map((p) => resolve(DIR, file, p)) : [resolve(DIR, file)])
        expect(statSync(path).size, path).toBeLessThan(300 * 1024);
    }
    expect(Object.keys(EXPECTED).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s imports with the counts, AWS auth and report lines the file calls for', async (file) => {
    const expected = EXPECTED[file] as Expected;
    const text = isFolder(file)
      ? filesIn(file)
          .map((p) => readFileSync(resolve(DIR, file, p), 'utf8'))
          .join('\n')
      : readFileSync(resolve(DIR, file), 'utf8');
    const { code, stdout, stderr } = await shomeiImport(resolve(DIR, file));
    expect(code, stderr).toBe(0);
    // The output is a valid Shomei collection file.
    const { collection } = importShomeiCollection(stdout);
    const first = stderr.split('\n')[0] ?? '';
    const count = Number(/^Imported (\d+) requests? from (\S+)/.exec(first)?.[1]);
    expect(first).toContain(`from ${expected.format} into`);
    expect(count).toBe(
      isFolder(file)
        ? filesIn(file).filter(
            (p) =>
              /\.(bru|ya?ml)$/.test(p) &&
              !p.startsWith('environments') &&
              !/(^|\/)(opencollection|folder)\.ya?ml$/.test(p) &&
              !/(^|\/)(collection|folder)\.bru$/.test(p),
          ).length
        : countRaw(expected.format, text),
    );

    const signed: SavedAuth[] = [];
    walkItems(collection.items, (item) => {
      if (item.kind === 'request' && item.auth.type === 'aws-sigv4') signed.push(item.auth);
    });
    expect(signed).toHaveLength(expected.aws?.count ?? 0);
    for (const auth of signed) {
      expect(auth).toMatchObject({ region: expected.aws?.region, service: expected.aws?.service });
      if (expected.aws?.payload !== undefined) expect(auth).toMatchObject({ payload: expected.aws.payload });
    }

    const lines = stderr.split('\n').filter((line) => line.startsWith('dropped: '));
    for (const pattern of [...unkeptThings(text), ...(expected.reports ?? [])])
      expect(
        lines.some((line) => pattern.test(line)),
        `${file}: no report line matches ${pattern}\n${stderr}`,
      ).toBe(true);
  });
});
