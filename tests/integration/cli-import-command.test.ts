import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importShomeiCollection } from '../../electron/core/io/shomei-file';

const BIN = resolve(import.meta.dirname, '../../electron/cli/bin.mjs');
const REAL = resolve(import.meta.dirname, '../fixtures/import/real');
const dir = mkdtempSync(join(tmpdir(), 'shomei-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shomei(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'import', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('shomei import', () => {
  it('writes the collection file to --out and the report to stderr', () => {
    const out = join(dir, 'proxy.shomei.json');
    const { code, stdout, stderr } = shomei(join(REAL, 'aws-lambda-proxy-any-method.swagger2.json'), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Imported 1 request from openapi into "ProxyIntegrationWithLambda"\.\n/);
    expect(stderr).toContain(
      'dropped: ProxyIntegrationWithLambda / ANY /{proxy+} › x-amazon-apigateway-any-method: any method',
    );
    const { collection } = importShomeiCollection(readFileSync(out, 'utf8'));
    expect(collection.items[0]).toMatchObject({ method: 'GET', url: '{{baseUrl}}/{{proxy}}' });
  });

  it('writes to stdout without --out and honours --format', () => {
    const file = join(dir, 'call.txt');
    writeFileSync(file, 'REGION=eu-west-1\ncurl https://sts.${REGION}.amazonaws.com/\n');
    const { code, stdout } = shomei(file, '--format', 'curl');
    expect(code).toBe(0);
    const { collection } = importShomeiCollection(stdout);
    expect(collection.items[0]).toMatchObject({ url: 'https://sts.{{REGION}}.amazonaws.com/' });
  });

  it('imports a Bruno collection folder', () => {
    const { code, stdout, stderr } = shomei(join(REAL, 'bruno-requests-settings'));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/^Imported 6 requests from bruno into "settings-test"\./);
    expect(importShomeiCollection(stdout).collection.items).toHaveLength(6);
  });

  it.each([
    ['a missing file', [join(dir, 'missing.json')], /cannot read .*missing\.json: no such file/],
    ['a folder without Bruno requests', [dir], /holds no Bruno request/],
    ['content no importer reads', [join(REAL, 'SOURCES.md')], /does not look like/],
    ['an unknown format', [join(REAL, 'kong-har-deep.har'), '--format', 'yaml'], /unknown format "yaml"/],
    ['no file', [], /give the FILE/],
  ])('exits 2 on %s and writes nothing to stdout', (_label, args, message) => {
    const { code, stdout, stderr } = shomei(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
