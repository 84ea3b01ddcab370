import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRequestSpec } from '../core/requests/planned-request';
import { createHttpTransport } from '../core/http/http-transport';
import { createRequestService } from '../core/requests/request-service';
import { resolveInlineCredentials } from '../core/requests/resolved-credentials';
import { filePiece, streamedBody } from '../core/requests/streamed-body';

const FILE_BYTES = 512 * 1024 * 1024;
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE0000000000', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/**
 * A 512 MiB file PUT as an S3 object through the request service: hashed from disk as a stream,
 * then sent as read. A loopback sink hashes what arrives and checks it against the signed
 * `x-amz-content-sha256`. Prints the hashing and sending rates and how far RSS grew.
 */
export async function benchStreamedUpload(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'shomei-bench-upload-'));
  const path = join(dir, 'upload.bin');
  const block = randomBytes(8 * 1024 * 1024);
  const fd = openSync(path, 'w');
  for (let written = 0; written < FILE_BYTES; written += block.byteLength) writeSync(fd, block);
  closeSync(fd);

  let isHashMatched = false;
  const server = createServer((req, res) => {
    const hash = createHash('sha256');
    req.on('data', (chunk: Buffer) => hash.update(chunk));
    req.on('end', () => {
      isHashMatched = hash.digest('hex') === req.headers['x-amz-content-sha256'];
      res.writeHead(200, { 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const transport = createHttpTransport();
  const service = createRequestService({ transport, resolveCredentials: resolveInlineCredentials, now: () => new Date() });
  const spec = planRequestSpec({
    method: 'PUT',
    url: `http://127.0.0.1:${port}/bucket/upload.bin`,
    auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...CREDENTIALS }, region: 'us-east-1', service: 's3', isQuerySigned: false, expiresInSeconds: 900 },
    options: { timeoutMs: 600_000 },
  });

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 10);
  const marks: Partial<Record<'hashing' | 'sending' | 'done', number>> = {};
  const started = performance.now();
  try {
    const response = await service.send('bench-upload', { ...spec, body: streamedBody([filePiece(path)], 'application/octet-stream') }, (event) => {
      if (event.phase === 'hashing' || event.phase === 'sending' || event.phase === 'done') marks[event.phase] ??= performance.now();
    });
    if (response.status !== 200) return [`the sink answered ${response.status}`];
  } finally {
    clearInterval(sampler);
    await transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
  const mib = FILE_BYTES / 1024 / 1024;
  const hashMs = (marks.sending ?? 0) - (marks.hashing ?? started);
  const sendMs = (marks.done ?? 0) - (marks.sending ?? 0);
  return [
    `hashed ${mib} MiB from disk in ${Math.round(hashMs)} ms (${Math.round(mib / (hashMs / 1000))} MiB/s)`,
    `sent in ${Math.round(sendMs)} ms (${Math.round(mib / (sendMs / 1000))} MiB/s); the sink's hash ${isHashMatched ? 'matched' : 'DID NOT match'} the signed x-amz-content-sha256`,
    `RSS grew by at most ${Math.round((rssPeak - rssBefore) / 1024 / 1024)} MiB while a ${mib} MiB file went out (the file is never held whole)`,
  ];
}
