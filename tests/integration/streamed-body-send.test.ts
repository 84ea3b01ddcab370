import { createHash, randomBytes } from 'node:crypto';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestDraft } from '../../shared/contract/collections';
import type { EventPayload } from '../../shared/contract/channels';
import { useVerifiedCore } from '../support/test-core';

const KEYS = { accessKeyId: 'AKIASTREAMEDBODY0001', secretAccessKey: 'streamedBodySecret/00000000000000000000' };

const session = useVerifiedCore(KEYS, (target) => {
  target.routes.set('/prod/moved', (_req, res) => {
    res.writeHead(307, { location: '/prod/upload' }).end();
  });
});

/** A file with a whole-second mtime, so a test can change its bytes and put the same mtime back. */
function writeFixed(name: string, bytes: Buffer): string {
  const path = join(session.dataDir, name);
  writeFileSync(path, bytes);
  utimesSync(path, 1_700_000_000, 1_700_000_000);
  return path;
}

function draft(path: string, body: RequestDraft['body'], service = 'execute-api'): RequestDraft {
  return {
    name: 'upload',
    method: 'PUT',
    url: `${session.target.origin}${path}`,
    params: [],
    headers: [],
    body,
    auth: {
      type: 'aws-sigv4',
      credentialSource: { source: 'env' },
      region: 'us-east-1',
      service,
      isQuerySigned: false,
      expiresInSeconds: 900,
      isSessionTokenSigned: true,
    },
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('file bodies are hashed from disk as a stream, then sent as they are read', () => {
  it('sends a 40 MB binary file the verifier accepts, with hashing and uploading progress against the file size', async () => {
    const content = randomBytes(40 * 1024 * 1024);
    const file = writeFixed('big.bin', content);
    const events: Array<EventPayload<'request:progress'>> = [];
    const response = await session.core.drafts.send({ requestId: 'big', request: draft('/prod/upload', { kind: 'binary', filePath: file }) }, (event) => events.push(event));

    expect(response.status, JSON.stringify(session.target.received.at(-1)?.verdict)).toBe(200);
    const received = session.target.received.at(-1);
    expect(received?.verdict.ok).toBe(true);
    expect(received?.body.byteLength).toBe(content.byteLength);
    expect(sha256(received?.body ?? Buffer.alloc(0))).toBe(sha256(content));
    expect(received?.rawHeaders.find(([name]) => name.toLowerCase() === 'content-length')?.[1]).toBe(String(content.byteLength));
    expect(received?.rawHeaders.some(([name]) => name.toLowerCase() === 'transfer-encoding')).toBe(false);

    const hashing = events.filter((e) => e.phase === 'hashing');
    expect(hashing.at(-1)).toMatchObject({ bytes: content.byteLength, totalBytes: content.byteLength });
    const uploading = events.filter((e) => e.phase === 'uploading');
    expect(uploading.at(-1)).toMatchObject({ bytes: content.byteLength, totalBytes: content.byteLength });
    expect(events.map((e) => e.phase).indexOf('hashing')).toBeLessThan(events.map((e) => e.phase).indexOf('uploading'));
    // Throttled: at most ten byte counts a second per phase, plus the last.
    expect(hashing.length).toBeLessThan(60);
    expect(response.timeline.some((entry) => /Hashed the 41943040-byte body from disk/.test(entry.text))).toBe(true);
    expect(response.request.bodySize).toBe(content.byteLength);
  });

  it('reports receiving progress against the announced Content-Length', async () => {
    const answer = randomBytes(3 * 1024 * 1024);
    session.target.routes.set('/prod/blob', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(answer.byteLength) }).end(answer);
    });
    const events: Array<EventPayload<'request:progress'>> = [];
    const response = await session.core.drafts.send({ requestId: 'blob', request: { ...draft('/prod/blob', { kind: 'none' }), method: 'GET' } }, (event) => events.push(event));
    expect(response.body.size).toBe(answer.byteLength);
    expect(events.filter((e) => e.phase === 'receiving').at(-1)).toMatchObject({ bytes: answer.byteLength, totalBytes: answer.byteLength });
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytes: answer.byteLength });
  });

  it('streams multipart file parts and signs S3 uploads with the streamed hash in x-amz-content-sha256', async () => {
    const content = randomBytes(5 * 1024 * 1024 + 3);
    const file = writeFixed('part.bin', content);
    const multipart = await session.core.drafts.send({
      requestId: 'mp',
      request: draft('/prod/upload', {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'title', value: 'café', isEnabled: true },
          { kind: 'file', name: 'file', filePath: file, isEnabled: true },
        ],
      }),
    });
    expect(multipart.status).toBe(200);
    const body = session.target.received.at(-1)?.body ?? Buffer.alloc(0);
    expect(body.includes(content)).toBe(true);
    expect(body.subarray(0, 100).toString('utf8')).toMatch(/^------shomei[0-9a-f]{24}\r\nContent-Disposition: form-data; name="title"\r\n\r\ncafé\r\n/);

    const s3 = await session.core.drafts.send({ requestId: 's3', request: draft('/bucket/key.bin', { kind: 'binary', filePath: file }, 's3') });
    expect(s3.status, JSON.stringify(session.target.received.at(-1)?.verdict)).toBe(200);
    const header = session.target.received.at(-1)?.rawHeaders.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1];
    expect(header).toBe(sha256(content));
  });

  it('sends the file again, re-signed, on a same-origin 307', async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const file = writeFixed('again.bin', content);
    const before = session.target.received.length;
    const response = await session.core.drafts.send({ requestId: 'r307', request: draft('/prod/moved', { kind: 'binary', filePath: file }) });
    expect(response.status).toBe(200);
    expect(response.redirects).toHaveLength(1);
    const [moved, final] = session.target.received.slice(before);
    expect(moved?.body.byteLength).toBe(content.byteLength);
    expect(final?.verdict.ok).toBe(true);
    expect(sha256(final?.body ?? Buffer.alloc(0))).toBe(sha256(content));
  });

  it('never delivers a whole body whose file changed after it was hashed and signed', async () => {
    const file = writeFixed('changing.bin', randomBytes(4 * 1024 * 1024));
    const before = session.target.received.length;
    let isChanged = false;
    await expect(
      session.core.drafts.send({ requestId: 'chg', request: draft('/prod/upload', { kind: 'binary', filePath: file }) }, (event) => {
        if (event.phase === 'sending' && !isChanged) {
          isChanged = true;
          // Same size, same mtime, other bytes: only the hash can tell.
          writeFixed('changing.bin', randomBytes(4 * 1024 * 1024));
        }
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/changed after the request was signed/) });
    expect(isChanged).toBe(true);
    expect(session.target.received.length).toBe(before);
    // The app keeps working: the next send goes through.
    const again = await session.core.drafts.send({ requestId: 'chg2', request: draft('/prod/upload', { kind: 'binary', filePath: file }) });
    expect(again.status).toBe(200);
  });

  it('previews the signature of a file body with the hash of the file, without sending', async () => {
    const content = randomBytes(2 * 1024 * 1024);
    const file = writeFixed('inspect.bin', content);
    const before = session.target.received.length;
    const { signing } = await session.core.drafts.inspect({ request: draft('/prod/upload', { kind: 'binary', filePath: file }) });
    expect(signing.canonicalRequest.split('\n').at(-1)).toBe(sha256(content));
    expect(session.target.received.length).toBe(before);
  });

  it('refuses a missing file before anything is sent, and keeps working', async () => {
    const before = session.target.received.length;
    await expect(session.core.drafts.send({ requestId: 'missing', request: draft('/prod/upload', { kind: 'binary', filePath: join(session.dataDir, 'nope.bin') }) })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/cannot be read \(ENOENT\)/),
    });
    expect(session.target.received.length).toBe(before);
    const file = writeFixed('present.bin', Buffer.from('ok'));
    expect((await session.core.drafts.send({ requestId: 'present', request: draft('/prod/upload', { kind: 'binary', filePath: file }) })).status).toBe(200);
  });
});
