import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'undici';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { RequestSpecSchema } from '../../shared/contract/http';
import { createCore } from '../core/create-core';
import { createHttpTransport } from '../core/http/http-transport';
import { createRequestService, resolveInlineCredentials } from '../core/requests/request-service';
import { NodeSha256 } from '../core/signing/node-sha256';
import { signRequest } from '../core/signing/sign-request';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE0000000000', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
/** A 1 KiB JSON body. */
const TEXT = JSON.stringify({ data: 'x'.repeat(1024 - 11) });
const BODY = Buffer.from(TEXT);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs every candidate `rounds` times, interleaved so all see the same machine state; median ms of each. */
async function interleaved(candidates: Record<string, () => Promise<unknown>>, rounds: number): Promise<Record<string, number>> {
  const names = Object.keys(candidates);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < rounds; i += 1) {
    for (const name of names) {
      const start = performance.now();
      await (candidates[name] as () => Promise<unknown>)();
      times[name]?.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name] ?? [])]));
}

/**
 * The send path, side by side in one run over loopback with a 1 KiB signed POST: raw undici +
 * smithy, the request service (`requests.send`), what Send calls (`drafts.send`); signing alone
 * against raw smithy with the same SHA-256; and RSS after 500 and 5,000 `drafts.send`.
 */
export async function benchSendPath(): Promise<string[]> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}/prod/items?limit=10`;
  const agent = new Agent({ connections: 1 });
  // The core closes its own transport (and so its agent) on close().
  const coreAgent = new Agent({ connections: 1 });
  const transport = createHttpTransport({ dispatcher: agent });
  const service = createRequestService({ transport, resolveCredentials: resolveInlineCredentials, now: () => new Date() });
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-send-'));
  const core = createCore({ host: 'test', version: 'bench', dataDir, transport: createHttpTransport({ dispatcher: coreAgent }) });
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api', sha256: NodeSha256, applyChecksum: false });
  const smithyRequest = () => ({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/prod/items',
    query: { limit: '10' },
    headers: { host, 'content-type': 'application/json' },
    body: BODY,
  });
  const auth = { type: 'aws-sigv4' as const, region: 'us-east-1', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 };
  const spec = RequestSpecSchema.parse({
    method: 'POST',
    url,
    headers: [{ name: 'content-type', value: 'application/json', isEnabled: true }],
    body: { kind: 'text', text: TEXT },
    auth: { ...auth, credentials: { source: 'inline', ...CREDENTIALS } },
    options: { timeoutMs: 10_000 },
  });
  const draft = RequestDraftSchema.parse({
    name: 'bench',
    method: 'POST',
    url,
    headers: [{ name: 'content-type', value: 'application/json', isEnabled: true }],
    body: { kind: 'text', language: 'json', text: TEXT },
    auth: { ...auth, credentialSource: { source: 'inherit' } },
  });
  let n = 0;
  const candidates = {
    raw: async () => {
      const signed = await signer.sign(smithyRequest());
      const res = await request(url, { method: 'POST', headers: signed.headers, body: BODY, dispatcher: agent });
      await res.body.arrayBuffer();
    },
    requests: () => service.send(`bench-r${(n += 1)}`, spec),
    drafts: () => core.drafts.send({ requestId: `bench-d${(n += 1)}`, request: draft, credentials: { source: 'inline', ...CREDENTIALS } }),
  };
  const lines: string[] = [];
  try {
    await interleaved(candidates, 300);
    const send = await interleaved(candidates, 1500);
    lines.push(
      `raw undici + smithy      ${(send.raw ?? 0).toFixed(3)} ms`,
      `requests.send            ${(send.requests ?? 0).toFixed(3)} ms  (raw + ${((send.requests ?? 0) - (send.raw ?? 0)).toFixed(3)} ms)`,
      `drafts.send (Send)       ${(send.drafts ?? 0).toFixed(3)} ms  (raw + ${((send.drafts ?? 0) - (send.raw ?? 0)).toFixed(3)} ms; target ≤ raw + 0.5 ms)`,
    );

    const date = new Date('2026-01-01T00:00:00Z');
    const signing = await interleaved(
      {
        smithy: () => signer.sign(smithyRequest(), { signingDate: date }),
        core: () =>
          signRequest({
            method: 'POST',
            url,
            headers: [['content-type', 'application/json']],
            body: BODY,
            region: 'us-east-1',
            service: 'execute-api',
            credentials: CREDENTIALS,
            signingDate: date,
          }),
      },
      20_000,
    );
    lines.push(
      `signing: signRequest ${((signing.core ?? 0) * 1000).toFixed(1)} µs vs raw smithy ${((signing.smithy ?? 0) * 1000).toFixed(1)} µs (same Node SHA-256) = ${((signing.core ?? 0) / (signing.smithy ?? 1)).toFixed(2)}×  (target ≤ 1.15×)`,
    );

    const gc = (globalThis as { gc?: () => void }).gc;
    const rssAfter = async (count: number) => {
      for (let i = 0; i < count; i += 1) await candidates.drafts();
      gc?.();
      return process.memoryUsage().rss / 1024 / 1024;
    };
    const at500 = await rssAfter(500);
    const at5000 = await rssAfter(4500);
    lines.push(
      `RSS after 500 drafts.send ${at500.toFixed(0)} MiB, after 5,000 ${at5000.toFixed(0)} MiB = ${((at5000 / at500 - 1) * 100).toFixed(1)}% more  (target ≤ 10%; core in this process, not through browser mode's HTTP door${gc ? '' : '; no --expose-gc'})`,
    );
  } finally {
    await core.close();
    await agent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
