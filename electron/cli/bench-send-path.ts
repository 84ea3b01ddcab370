import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'undici';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { planRequestSpec } from '../core/requests/planned-request';
import { createCore } from '../core/create-core';
import { createHttpTransport } from '../core/http/http-transport';
import { createRequestService } from '../core/requests/request-service';
import { resolveInlineCredentials } from '../core/requests/resolved-credentials';
import { NodeSha256 } from '../core/signing/node-sha256';
import { parseRequestUrl } from '../core/signing/request-url';
import { signRequest } from '../core/signing/sign-request';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE0000000000',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
/** A 1 KiB JSON body. */
const TEXT = JSON.stringify({ data: 'x'.repeat(1024 - 11) });
const BODY = Buffer.from(TEXT);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs every candidate `rounds` times, interleaved so all see the same machine state; median ms of each. */
async function interleaved(
  candidates: Record<string, () => Promise<unknown>>,
  rounds: number,
): Promise<Record<string, number>> {
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
  // The signing phase leaves the connections idle for seconds: a server closing them meanwhile
  // (Node's 5 s keep-alive) races the next send into ECONNRESET, which is not what is measured here.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}/prod/items?limit=10`;
  const agent = new Agent({ connections: 1 });
  // The core closes its own transport (and so its agent) on close().
  const coreAgent = new Agent({ connections: 1 });
  const transport = createHttpTransport({ dispatcher: agent });
  const service = createRequestService({
    transport,
    resolveCredentials: resolveInlineCredentials,
    now: () => new Date(),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-send-'));
  const core = createCore({
    host: 'test',
    version: 'bench',
    dataDir,
    transport: createHttpTransport({ dispatcher: coreAgent }),
  });
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: 'us-east-1',
    service: 'execute-api',
    sha256: NodeSha256,
    applyChecksum: false,
  });
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
  const auth = {
    type: 'aws-sigv4' as const,
    region: 'us-east-1',
    service: 'execute-api',
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
  const spec = planRequestSpec({
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
    drafts: () =>
      core.drafts.send({
        requestId: `bench-d${(n += 1)}`,
        request: draft,
        credentials: { source: 'inline', ...CREDENTIALS },
      }),
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
    const parsedUrl = parseRequestUrl(url);
    const signing = await interleaved(
      {
        smithy: () => signer.sign(smithyRequest(), { signingDate: date }),
        // As the send path signs: the URL parsed once per hop, before signing (raw smithy too gets it in parts).
        core: () =>
          signRequest({
            method: 'POST',
            url: parsedUrl,
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

    // A full GC before each reading, whether or not the process was started with --expose-gc
    // (each bench section runs in a process of its own).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memoryAfter = async (count: number) => {
      for (let i = 0; i < count; i += 1) await candidates.drafts();
      gc();
      const { rss, heapUsed } = process.memoryUsage();
      const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      return { rss: rss / 1024 / 1024, heap: heapUsed / 1024 / 1024, young: (young?.space_size ?? 0) / 1024 / 1024 };
    };
    const at500 = await memoryAfter(500);
    const at5000 = await memoryAfter(4500);
    // Past the figure: whether what grew keeps growing (a leak) or was V8 sizing itself to the send rate.
    const at10000 = await memoryAfter(5000);
    const percent = (a: number, b: number) => `${((b / a - 1) * 100).toFixed(1)}%`;
    lines.push(
      `RSS after 500 drafts.send ${at500.rss.toFixed(0)} MiB, after 5,000 ${at5000.rss.toFixed(0)} MiB = ${percent(at500.rss, at5000.rss)} more  (target ≤ 10%; core in this process with browser mode's Node flags ${process.execArgv.filter((f) => f.startsWith('--max-semi')).join(' ') || '(none)'}, not through its HTTP door; after a full GC)`,
      `  then after 10,000 ${at10000.rss.toFixed(0)} MiB (${percent(at5000.rss, at10000.rss)} from 5,000); JS heap ${at500.heap.toFixed(1)} → ${at5000.heap.toFixed(1)} → ${at10000.heap.toFixed(1)} MiB; V8's young generation ${at500.young.toFixed(1)} → ${at5000.young.toFixed(1)} → ${at10000.young.toFixed(1)} MiB; RSS less the young generation ${(at500.rss - at500.young).toFixed(0)} → ${(at5000.rss - at5000.young).toFixed(0)} MiB = ${percent(at500.rss - at500.young, at5000.rss - at5000.young)}`,
    );
  } finally {
    await core.close();
    await agent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
