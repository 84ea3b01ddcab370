import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import aws4 from 'aws4';
import { createCore } from '../core/create-core';
import { importAny } from '../core/io/import-any';
import { createRunnerService } from '../core/runner/runner-service';
import { createSessionOnlyCipher } from '../core/vault/memory-ciphers';
import { createMemorySecretValueStore } from '../core/variables/secret-value-store';
import { withCredentials } from './run-command';

const KEYS = { accessKeyId: 'AKIDBENCHRUNNER00000', secretAccessKey: 'bench/runner/secret/000000000000000000000' };
const ROOT = resolve(import.meta.dirname, '../..');

/** A loopback API that checks every request's SigV4 signature with aws4 (not our signer). */
async function startCheckingServer() {
  // By runner: newman says PostmanRuntime in its User-Agent.
  const tally = { newman: { verified: 0, refused: 0 }, shomei: { verified: 0, refused: 0 } };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const authorization = req.headers.authorization ?? '';
      const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
      const headers = Object.fromEntries(signed.map((name) => [name, String(req.headers[name] ?? '')]));
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const signer = new aws4.RequestSigner(
        {
          host: req.headers.host,
          path: req.url,
          method: req.method,
          service: 'execute-api',
          region: 'us-east-1',
          headers,
          body: body.byteLength ? body : undefined,
          doNotModifyHeaders: true,
        },
        KEYS,
      ) as unknown as { datetime: string; prepareRequest(): void; authHeader(): string };
      // aws4 takes its clock from Date, not X-Amz-Date: sign at the request's own time.
      signer.datetime = amzDate;
      signer.prepareRequest();
      signer.datetime = amzDate;
      const expected = signer.authHeader();
      const isOk = authorization !== '' && expected === authorization;
      const who = /PostmanRuntime/i.test(req.headers['user-agent'] ?? '') ? 'newman' : 'shomei';
      tally[who][isOk ? 'verified' : 'refused'] += 1;
      res.writeHead(isOk ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify(isOk ? { ok: true } : { message: 'SignatureDoesNotMatch' }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    tally,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A Postman v2.1 collection of one signed POST with a status test, as people share them (keys inside, for newman). */
function postmanCollection(origin: string): string {
  return JSON.stringify({
    info: { name: 'Bench orders', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: {
      type: 'awsv4',
      awsv4: [
        { key: 'accessKey', value: KEYS.accessKeyId },
        { key: 'secretKey', value: KEYS.secretAccessKey },
        { key: 'region', value: 'us-east-1' },
        { key: 'service', value: 'execute-api' },
      ],
    },
    item: [
      {
        name: 'Create order',
        event: [
          {
            listen: 'test',
            script: {
              type: 'text/javascript',
              exec: ['pm.test("created", function () {', '  pm.response.to.have.status(200);', '});'],
            },
          },
        ],
        request: {
          method: 'POST',
          header: [{ key: 'Content-Type', value: 'application/json' }],
          body: { mode: 'raw', raw: '{"qty":1,"sku":"bench"}' },
          url: `${origin}/prod/orders`,
        },
      },
    ],
  });
}

/** Wall time of one process from spawn to exit, and its exit code. */
function timeProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; code: number | null; output: string }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - started, code, output }));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * `shomei run` against newman on the same Postman collection and the same verifying server, side
 * by side: start-to-exit of a one-request run, and requests per second over 200 signed POSTs
 * (the 200-request run's time less the one-request run's). Then memory over 5,000 requests.
 */
export async function benchRunner(): Promise<string[]> {
  const server = await startCheckingServer();
  const dir = mkdtempSync(join(tmpdir(), 'shomei-bench-run-'));
  const file = join(dir, 'bench.postman_collection.json');
  writeFileSync(file, postmanCollection(server.origin));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    NO_COLOR: '1',
  };
  const newman = (n: number) =>
    timeProcess(
      process.execPath,
      [join(ROOT, 'node_modules/newman/bin/newman.js'), 'run', file, '-n', String(n), '--silent', '--bail'],
      env,
    );
  const shomei = (n: number) =>
    timeProcess(
      process.execPath,
      [
        join(ROOT, 'electron/cli/bin.mjs'),
        'run',
        file,
        '--credentials',
        'env',
        '--iterations',
        String(n),
        '--bail',
        '--reporter',
        'json',
        '--out',
        join(dir, 'out'),
      ],
      env,
    );
  const lines: string[] = [];
  try {
    const rounds = 3;
    const times = {
      newman1: [] as number[],
      newman200: [] as number[],
      shomei1: [] as number[],
      shomei200: [] as number[],
    };
    for (let round = 0; round < rounds; round += 1) {
      for (const [name, run, n] of [
        ['newman1', newman, 1],
        ['shomei1', shomei, 1],
        ['newman200', newman, 201],
        ['shomei200', shomei, 201],
      ] as const) {
        const result = await run(n);
        if (result.code !== 0) throw new Error(`${name} exited ${result.code}: ${result.output.slice(-400)}`);
        times[name].push(result.ms);
      }
    }
    const { newman: n, shomei: s } = server.tally;
    const startNewman = median(times.newman1);
    const startShomei = median(times.shomei1);
    const rateNewman = 200 / ((median(times.newman200) - startNewman) / 1000);
    const rateShomei = 200 / ((median(times.shomei200) - startShomei) / 1000);
    lines.push(
      `same Postman collection (awsv4 + a status test), same aws4-verifying loopback server; signatures verified/refused: newman ${n.verified}/${n.refused}, shomei run ${s.verified}/${s.refused}`,
      `start to exit, one request:  newman ${startNewman.toFixed(0)} ms · shomei run ${startShomei.toFixed(0)} ms  → ${(startShomei / startNewman).toFixed(2)}× newman's time (target ≤ 0.33×)`,
      `200 signed POSTs in order:  newman ${rateNewman.toFixed(0)} req/s · shomei run ${rateShomei.toFixed(0)} req/s  → ${(rateShomei / rateNewman).toFixed(2)}× newman's rate (target ≥ 4×)`,
    );
    lines.push(...(await benchRunnerMemory(server.origin, file)));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/**
 * RSS of the runner over one run of 5,000 requests (same process, same collection): first as `shomei run` runs by default (its summary lists what did not pass, so
 * passed results are not kept), then as with `--reporter json` or `junit` (every result kept for
 * the report, as newman does).
 */
export async function benchRunnerMemory(origin: string, file: string): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-mem-'));
  const core = createCore({
    host: 'browser',
    version: 'bench',
    dataDir,
    env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
    cipher: createSessionOnlyCipher(),
    secrets: createMemorySecretValueStore(),
  });
  try {
    const { readFileSync } = await import('node:fs');
    const imported = importAny(readFileSync(file, 'utf8'));
    if (imported.kind !== 'collection') throw new Error('not a collection');
    const collection = core.collections.addCollection(withCredentials(imported.collection, { source: 'env' }));
    // Imported collections start untrusted, and main sends nothing for them; this one is ours.
    core.collections.trust(collection.id);
    const runner = createRunnerService({ collections: core.collections, drafts: core.drafts, requests: core.requests });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const measure = async (isKeepingPassed: boolean, what: string): Promise<string> => {
      // A reading every 250 requests from 1,000 on (after a full GC each): one RSS reading moves
      // by ±10 MiB with when V8 and malloc hand pages back, so the figure compares the medians of
      // the first and the last five readings, and fits a line through all of them.
      const readings: Array<{ count: number; rss: number; heap: number; young: number }> = [];
      const { done } = runner.run(
        { collectionId: collection.id, iterations: 5000, parallel: 4, isKeepingPassed },
        (_result, summary) => {
          const count = summary.completed;
          if (count >= 1000 && count % 250 === 0) {
            gc();
            const { rss, heapUsed } = process.memoryUsage();
            const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
            readings.push({ count, rss, heap: heapUsed, young });
          }
        },
      );
      const summary = await done;
      // A figure over requests that were never sent would measure nothing.
      if (summary.requests.sent !== 5000 || summary.requests.failed > 0 || readings.length < 10)
        throw new Error(
          `the memory run sent ${summary.requests.sent} of 5,000 requests (${summary.requests.failed} failed)`,
        );
      const first = readings.slice(0, 5);
      const last = readings.slice(-5);
      const mid = (of: typeof readings, key: 'rss' | 'heap' | 'young') => median(of.map((r) => r[key]));
      // Least squares: bytes of RSS per request over the whole run.
      const meanCount = readings.reduce((sum, r) => sum + r.count, 0) / readings.length;
      const meanRss = readings.reduce((sum, r) => sum + r.rss, 0) / readings.length;
      const slope =
        readings.reduce((sum, r) => sum + (r.count - meanCount) * (r.rss - meanRss), 0) /
        readings.reduce((sum, r) => sum + (r.count - meanCount) ** 2, 0);
      const [rssA, rssB] = [mid(first, 'rss'), mid(last, 'rss')];
      return (
        `${what}: RSS ${mib(rssA)} MiB around 1,000–2,000 → ${mib(rssB)} MiB around 4,000–5,000 = ${(rssB / rssA).toFixed(2)}× (target: flat, ≤ 1.10×), ` +
        `${Math.round(slope)} bytes per request fitted over ${readings.length} readings (RSS ${mib(Math.min(...readings.map((r) => r.rss)))}–${mib(Math.max(...readings.map((r) => r.rss)))} MiB); ` +
        `JS heap ${mib(mid(first, 'heap'))} → ${mib(mid(last, 'heap'))} MiB; ` +
        // What V8 reserves for new objects grows with the allocation rate, up to its limit; it is not kept data.
        `V8's young generation ${mib(mid(first, 'young'))} → ${mib(mid(last, 'young'))} MiB; ` +
        `${Math.round((summary.requests.sent * 1000) / summary.durationMs)} req/s in-process`
      );
    };
    return [
      'memory over one run of 5,000 requests (4 at a time, 0 failed), after a full GC:',
      `  ${await measure(false, 'as shomei run keeps them (what did not pass)')}`,
      `  ${await measure(true, 'every result kept (--reporter json or junit)')}`,
    ];
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
