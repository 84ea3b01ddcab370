import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { Agent, request } from 'undici';
import { BROWSER_MODE_NODE_FLAGS } from './browser-mode.mjs';
import { planRequestSpec } from '../core/requests/planned-request';
import { createHttpTransport } from '../core/http/http-transport';
import { createRequestService } from '../core/requests/request-service';
import { resolveInlineCredentials } from '../core/requests/resolved-credentials';
import { NodeSha256 } from '../core/signing/node-sha256';
import { signRequest } from '../core/signing/sign-request';
import { benchCollections, formatCollectionsBench } from '../core/collections/bench-collections';
import { benchLargeResponse } from './bench-large-response';
import { benchStreamedUpload } from './bench-streamed-upload';
import { benchRunner } from './bench-runner';
import { benchImport } from './bench-import';
import { benchSendPath } from './bench-send-path';
import { benchCliStart } from './bench-cli-start';
import { runSectionHere, runSections, type BenchSection } from './bench-sections';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE0000000000', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const BODY = Buffer.from(JSON.stringify({ hello: 'world', items: [1, 2, 3] }));
const HOST = 'abc123.execute-api.us-east-1.amazonaws.com';

const BIN = resolve(import.meta.dirname, 'bin.mjs');
/** A section that takes longer than this is stopped and reported as failed (it hangs). */
const DEFAULT_LIMIT_MS = 15 * 60_000;
const sections: Array<BenchSection & { nodeFlags: string[] }> = [];

/** Adds a section to `npm run bench`; it runs in a process of its own (bench-sections.ts). */
export function registerBenchSection(
  name: string,
  run: BenchSection['run'],
  options: { limitMs?: number; nodeFlags?: string[] } = {},
): void {
  sections.push({ name, run, limitMs: options.limitMs ?? DEFAULT_LIMIT_MS, nodeFlags: options.nodeFlags ?? [] });
}


/**
 * Ops per second of several candidates, measured in interleaved batches (A, B, C, A, B, C, …) and
 * taking each one's median batch, so a busy machine slows them all alike instead of skewing one.
 */
async function compareOpsPerSecond(candidates: Record<string, () => Promise<unknown> | unknown>, rounds = 41, batch = 300): Promise<Record<string, number>> {
  const names = Object.keys(candidates);
  for (const name of names) for (let i = 0; i < 2000; i += 1) await candidates[name]?.(); // warm up
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) {
      const fn = candidates[name] as () => unknown;
      const start = performance.now();
      for (let i = 0; i < batch; i += 1) await fn();
      samples[name]?.push((performance.now() - start) / batch);
    }
  }
  return Object.fromEntries(names.map((name) => [name, 1000 / median(samples[name] ?? [])]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Signing throughput: Shomei's core vs raw smithy (Node hash) vs aws4, on the same small POST. */
export async function benchSigning(): Promise<{ core: number; smithy: number; aws4: number }> {
  const date = new Date('2026-01-01T00:00:00Z');
  const core = () =>
    signRequest({
      method: 'POST',
      url: `https://${HOST}/prod/items?limit=10`,
      headers: [['content-type', 'application/json']],
      body: BODY,
      region: 'us-east-1',
      service: 'execute-api',
      credentials: CREDENTIALS,
      signingDate: date,
    });
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api', sha256: NodeSha256, applyChecksum: false });
  const smithy = () =>
    signer.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: HOST,
        path: '/prod/items',
        query: { limit: '10' },
        headers: { host: HOST, 'content-type': 'application/json' },
        body: BODY,
      },
      { signingDate: date },
    );
  const aws4ops = () =>
    aws4.sign(
      { host: HOST, path: '/prod/items?limit=10', method: 'POST', service: 'execute-api', region: 'us-east-1', headers: { 'content-type': 'application/json', 'X-Amz-Date': '20260101T000000Z' }, body: BODY },
      CREDENTIALS,
    );
  const results = await compareOpsPerSecond({ core, smithy, aws4: aws4ops });
  return { core: results.core ?? 0, smithy: results.smithy ?? 0, aws4: results.aws4 ?? 0 };
}

/** Median time of sign + send through the core vs a raw unsigned undici request, over loopback. */
export async function benchSend(iterations = 2000): Promise<{ coreMs: number; rawMs: number }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/prod/items?limit=10`;
  const agent = new Agent({ connections: 1 });
  const transport = createHttpTransport({ dispatcher: agent });
  const service = createRequestService({ transport, resolveCredentials: resolveInlineCredentials, now: () => new Date() });
  const spec = planRequestSpec({
    method: 'POST',
    url,
    headers: [{ name: 'content-type', value: 'application/json', isEnabled: true }],
    body: { kind: 'text' as const, text: BODY.toString('utf8') },
    auth: { type: 'aws-sigv4' as const, credentials: { source: 'inline' as const, ...CREDENTIALS }, region: 'us-east-1', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 },
    options: { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 },
  });
  const raw = async () => {
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY, dispatcher: agent });
    await res.body.arrayBuffer();
  };
  const core = () => service.send(`bench-${Math.random().toString(36).slice(2)}`, spec);
  for (let i = 0; i < 300; i += 1) {
    await raw();
    await core();
  }
  const rawTimes: number[] = [];
  const coreTimes: number[] = [];
  // Interleave so both see the same machine state.
  for (let i = 0; i < iterations; i += 1) {
    let t = performance.now();
    await raw();
    rawTimes.push(performance.now() - t);
    t = performance.now();
    await core();
    coreTimes.push(performance.now() - t);
  }
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { coreMs: median(coreTimes), rawMs: median(rawTimes) };
}

/**
 * `npm run bench`: prints every figure the issues name, side by side, one section at a time, each
 * in its own process (`bench --section N`), so one that crashes or hangs is reported and the rest
 * still run. `--only TEXT` runs the sections whose heading contains TEXT. Exit code 1 when any failed.
 */
export async function runBench(argv: string[]): Promise<number> {
  const sectionAt = argv.indexOf('--section');
  if (sectionAt >= 0) {
    const section = sections[Number(argv[sectionAt + 1])];
    if (section) return runSectionHere(section);
    process.stderr.write(`shomei bench: no section ${argv[sectionAt + 1]}\n`);
    return 2;
  }
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').toLowerCase() : '';
  const chosen = sections
    .map((section, index) => ({ ...section, index }))
    .filter((section) => section.name.toLowerCase().includes(only));
  if (chosen.length === 0) {
    process.stderr.write(`shomei bench: no section's heading contains "${only}"\n`);
    return 2;
  }
  const failed = await runSections(
    chosen,
    (at) => [...(chosen[at]?.nodeFlags ?? []), BIN, 'bench', '--section', String(chosen[at]?.index)],
    (line) => console.log(line),
  );
  return failed.length === 0 ? 0 : 1;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

registerBenchSection('Signing a small POST (signatures per second, higher is better)', async () => {
  const signing = await benchSigning();
  return [
    `shomei core             ${fmt(signing.core).padStart(10)}   ${(1e6 / signing.core).toFixed(1)} µs each`,
    `raw @smithy/signature-v4 ${fmt(signing.smithy).padStart(9)}   ${(1e6 / signing.smithy).toFixed(1)} µs each`,
    `aws4                    ${fmt(signing.aws4).padStart(10)}   ${(1e6 / signing.aws4).toFixed(1)} µs each`,
    `core / raw smithy = ${(signing.core / signing.smithy).toFixed(2)}×  (target ≥ 0.80×)`,
  ];
});
registerBenchSection('Sign + send over loopback (median ms per request)', async () => {
  const send = await benchSend();
  return [
    `raw unsigned undici     ${send.rawMs.toFixed(3)} ms`,
    `shomei sign + send      ${send.coreMs.toFixed(3)} ms`,
    `overhead = ${(send.coreMs - send.rawMs).toFixed(3)} ms  (target ≤ 0.5 ms)`,
  ];
});
registerBenchSection('Collections at scale (issue 6)', async () => formatCollectionsBench(benchCollections()));
registerBenchSection('A 50 MB JSON response in the viewer (issue 4; browser mode in Chromium)', benchLargeResponse);
registerBenchSection('A 512 MiB file body, hashed and sent as a stream (issue 4)', benchStreamedUpload);
registerBenchSection('Collections as tests: shomei run vs newman (issue 17)', benchRunner);
registerBenchSection('Imports of files under 2 MiB (issue 15; target ≤ 150 ms each)', benchImport);
registerBenchSection('The send path, 1 KiB signed POST over loopback (issue 13)', benchSendPath, {
  nodeFlags: [...BROWSER_MODE_NODE_FLAGS],
});
registerBenchSection('CLI start-up: shomei sign and browser mode (issue 11)', () => benchCliStart());
