import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'electron/cli/bin.mjs');
const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function shomei(args: string[], input: string, fromSource: boolean) {
  const env = { ...process.env, SHOMEI_CLI_SAY_HOW: '1', SHOMEI_CLI_FROM_SOURCE: fromSource ? '1' : '0' };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, env, encoding: 'utf8' });
  const [how = '', ...rest] = result.stderr.split('\n');
  return { code: result.status, stdout: result.stdout, how, stderr: rest.join('\n') };
}

// npm test builds dist-cli/ first (npm run build:cli); run alone on a checkout without it, bin.mjs
// runs the TypeScript and only the source half applies.
const isBuilt = existsSync(resolve(ROOT, 'dist-cli/inputs.json'));

describe('the compiled CLI (dist-cli/) and the TypeScript it is built from', () => {
  const input = JSON.stringify({
    method: 'POST',
    url: 'https://my-bucket.s3.eu-central-1.amazonaws.com/a%20b//c.txt?x=1',
    headers: [['Content-Type', 'text/plain']],
    body: 'hello',
    credentials: { ...KEYS, sessionToken: 'token/+=' },
    signingDate: '2026-01-02T03:04:05Z',
  });

  it('runs the TypeScript through tsx when asked to', () => {
    const source = shomei(['sign'], input, true);
    expect(source.how).toBe('shomei runs TypeScript through tsx');
    expect(source.code).toBe(0);
  });

  it.skipIf(!isBuilt)('runs the build while it is up to date, and signs exactly as the source does', () => {
    const compiled = shomei(['sign'], input, false);
    const source = shomei(['sign'], input, true);
    expect(compiled.how).toBe('shomei runs compiled JavaScript from dist-cli/');
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toBe(source.stdout);
    // zod's messages too (the build imports zod as a namespace to keep it small).
    const bad = JSON.stringify({ method: 'GET', url: 'ftp://x', credentials: KEYS });
    expect(shomei(['sign'], bad, false).stderr).toBe(shomei(['sign'], bad, true).stderr);
    expect(shomei(['--help'], '', false).stdout).toBe(shomei(['--help'], '', true).stdout);
    // Bundled CommonJS dependencies get what Node's require gives them (ohm-js, under @usebruno/lang).
    const bruno = resolve(ROOT, 'tests/fixtures/import/real/bruno-requests-settings');
    const imported = shomei(['import', bruno], '', false);
    expect(imported.code, imported.stderr).toBe(0);
    const withoutIds = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
    expect(withoutIds(imported.stdout)).toBe(withoutIds(shomei(['import', bruno], '', true).stdout));
  });

  it.skipIf(!isBuilt)('never runs a stale build: a source newer than it runs the TypeScript instead', () => {
    const source = resolve(ROOT, 'electron/cli/sign-command.ts');
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(mtime.getTime() + 1000));
      const stale = shomei(['sign'], input, false);
      expect(stale.how).toBe('shomei runs TypeScript through tsx');
      expect(stale.code).toBe(0);
    } finally {
      utimesSync(source, atime, mtime);
    }
    expect(shomei(['sign'], input, false).how).toBe('shomei runs compiled JavaScript from dist-cli/');
  });

  it.skipIf(!isBuilt)('starts browser mode without the importers, undici or the AWS SDK, and shomei sign without SigV4a or the SDK: they load at first use', () => {
    const meta = JSON.parse(readFileSync(resolve(ROOT, 'dist-cli/meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
    };
    /** The packages left to node_modules that the last `loadedAtStart` chunks import statically. */
    const externals: string[] = [];
    /** Every package and source file a command's chunk loads before its code runs (static imports). */
    const loadedAtStart = (entryPoint: string): string[] => {
      const entry = Object.keys(meta.outputs).find((name) => meta.outputs[name]?.entryPoint === entryPoint);
      expect(entry, entryPoint).toBeDefined();
      const seen = new Set<string>();
      const stack = [entry as string];
      externals.length = 0;
      for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
        if (seen.has(name)) continue;
        seen.add(name);
        for (const edge of meta.outputs[name]?.imports ?? [])
          if (edge.kind === 'import-statement') (edge.external ? externals : stack).push(edge.path);
      }
      return [...seen].flatMap((name) => Object.keys(meta.outputs[name]?.inputs ?? {}));
    };
    const web = loadedAtStart('electron/cli/web-command.ts');
    expect(web.some((file) => file.includes('electron/core/create-core.ts'))).toBe(true);
    for (const heavy of ['node_modules/undici/', 'node_modules/postman-collection/', 'node_modules/@aws-sdk/client-sts/', 'node_modules/js-yaml/', 'node_modules/@usebruno/', 'node_modules/amazon-cognito-identity-js/', 'node_modules/@aws-sdk/client-cognito-identity-provider/', 'node_modules/@aws-sdk/client-cognito-identity/', 'electron/core/io/import-any.ts']) {
      expect(web.filter((file) => file.includes(heavy)), heavy).toEqual([]);
    }
    // undici and @usebruno/lang are left to node_modules (see build-cli.mjs): not imported at start either.
    expect(externals.filter((name) => name === 'undici' || name.startsWith('@usebruno/'))).toEqual([]);
    // Nor Node's own undici, which an ES-module import of node:http loads for http.WebSocket (build-cli.mjs).
    expect(externals).not.toContain('node:http');
    const webChunk = Object.keys(meta.outputs).find((name) => meta.outputs[name]?.entryPoint === 'electron/cli/web-command.ts');
    const probe = `await import(${JSON.stringify(resolve(ROOT, webChunk ?? ''))}); console.log(process.moduleLoadList.filter((name) => name.includes('deps/undici')).length);`;
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('0');
    // shomei sign is bundled apart (STANDALONE in build-cli.mjs): none of the AWS SDK's client and
    // protocol code a shared chunk would bring, and SigV4a's curve only for a SigV4a request.
    const sign = loadedAtStart('electron/cli/sign-command.ts');
    expect(sign).toContain('electron/core/signing/sign-request.ts');
    for (const heavy of ['@smithy/core/dist-es/submodules/client/smithy-client/', '@smithy/core/dist-es/submodules/protocols/HttpProtocol', '@smithy/signature-v4a/', 'electron/core/signing/sign-v4a.ts', 'electron/core/create-core.ts', 'shared/contract/http.ts', 'node_modules/@aws-sdk/']) {
      expect(sign.filter((file) => file.includes(heavy)), heavy).toEqual([]);
    }
  });
});
