import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { Agent, request } from 'undici';
import { RequestSpecSchema } from '../../shared/contract/http';
import { createHttpTransport } from '../core/http/http-transport';
import { createRequestService, resolveInlineCredentials } from '../core/requests/request-service';
import { NodeSha256 } from '../core/signing/node-sha256';
import { signRequest } from '../core/signing/sign-request';
import { benchCollections, formatCollectionsBench } from '../core/collections/bench-collections';
import { benchLargeResponse } from './bench-large-response';
import { benchStreamedUpload } from './bench-streamed-upload';
import { benchRunner } from './bench-runner';
import { benchImport } from './bench-import';
import { benchSendPath } from './bench-send-path';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE0000000000', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const BODY = Buffer.from(JSON.stringify({ hello: 'world', items: [1, 2, 3] }));
const HOST = 'abc123.execute-api.us-east-1.amazonaws.com';

/** Extra benchmarks other modules register (collections scale, large responses…). */
export type BenchSection = () => Promise<string[]>;
const sections: Array<{ name: string; run: BenchSection }> = [];

/** Adds a section to `npm run bench`. */
export function registerBenchSection(name: string, run: BenchSection): void {
  sections.push({ name, run });
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
  const spec = RequestSpecSchema.parse({
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

/** `npm run bench`: prints every figure the issues name, side by side. */
export async function runBench(_argv: string[]): Promise<number> {
  const signing = await benchSigning();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('Signing a small POST (signatures per second, higher is better)');
  console.log(`  shomei core             ${fmt(signing.core).padStart(10)}   ${(1e6 / signing.core).toFixed(1)} µs each`);
  console.log(`  raw @smithy/signature-v4 ${fmt(signing.smithy).padStart(9)}   ${(1e6 / signing.smithy).toFixed(1)} µs each`);
  console.log(`  aws4                    ${fmt(signing.aws4).padStart(10)}   ${(1e6 / signing.aws4).toFixed(1)} µs each`);
  console.log(`  core / raw smithy = ${(signing.core / signing.smithy).toFixed(2)}×  (target ≥ 0.80×)`);
  const send = await benchSend();
  console.log('Sign + send over loopback (median ms per request)');
  console.log(`  raw unsigned undici     ${send.rawMs.toFixed(3)} ms`);
  console.log(`  shomei sign + send      ${send.coreMs.toFixed(3)} ms`);
  console.log(`  overhead = ${(send.coreMs - send.rawMs).toFixed(3)} ms  (target ≤ 0.5 ms)`);
  for (const section of sections) {
    console.log(section.name);
    for (const line of await section.run()) console.log(`  ${line}`);
  }
  return 0;
}

registerBenchSection('Collections at scale (issue 6)', async () => formatCollectionsBench(benchCollections()));
registerBenchSection('A 50 MB JSON response in the viewer (issue 4; browser mode in Chromium)', benchLargeResponse);
registerBenchSection('A 512 MiB file body, hashed and sent as a stream (issue 4)', benchStreamedUpload);
registerBenchSection('Collections as tests: shomei run vs newman (issue 17)', benchRunner);
registerBenchSection('Imports of files under 2 MiB (issue 15; target ≤ 150 ms each)', benchImport);
registerBenchSection('The send path, 1 KiB signed POST over loopback (issue 13)', benchSendPath);
