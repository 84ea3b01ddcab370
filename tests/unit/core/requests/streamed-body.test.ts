import { createHash, randomBytes } from 'node:crypto';
import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filePiece, hashStreamedBody, readStreamedBody, sendStreamedBody, streamedBody } from '../../../../electron/core/requests/streamed-body';
import { makeTempDir } from '../../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('shomei-streamed-body-');
});
afterEach(() => temp.remove());

/** A file with a whole-second mtime, so the test can put the same mtime back after changing it. */
function writeFixed(name: string, bytes: Buffer): string {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  utimesSync(path, 1_700_000_000, 1_700_000_000);
  return path;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

describe('a body streamed from disk', () => {
  it('reads pieces in order, in chunks of at most 1 MiB, and hashes exactly those bytes', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const path = writeFixed('a.bin', content);
    const body = streamedBody([Buffer.from('head\r\n'), filePiece(path), Buffer.from('\r\ntail')], 'multipart/form-data');
    const expected = Buffer.concat([Buffer.from('head\r\n'), content, Buffer.from('\r\ntail')]);
    expect(body.size).toBe(expected.byteLength);

    let largest = 0;
    const chunks: Uint8Array[] = [];
    for await (const chunk of readStreamedBody(body)) {
      largest = Math.max(largest, chunk.byteLength);
      chunks.push(chunk);
    }
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    expect(largest).toBeLessThanOrEqual(1024 * 1024);

    const progress: number[] = [];
    const sha = await hashStreamedBody(body, (bytes) => progress.push(bytes));
    expect(sha).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(progress.at(-1)).toBe(expected.byteLength);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('sends the bytes it hashed, reporting bytes sent', async () => {
    const content = randomBytes(2 * 1024 * 1024);
    const body = streamedBody([filePiece(writeFixed('b.bin', content))]);
    const sha = await hashStreamedBody(body);
    const sent: number[] = [];
    expect((await collect(sendStreamedBody(body, sha, (bytes) => sent.push(bytes)))).equals(content)).toBe(true);
    expect(sent.at(-1)).toBe(content.byteLength);
  });

  it('refuses to finish a send when the file changed after signing, even with the same size and mtime', async () => {
    const path = writeFixed('c.bin', randomBytes(2 * 1024 * 1024 + 5));
    const body = streamedBody([filePiece(path)]);
    const sha = await hashStreamedBody(body);
    writeFixed('c.bin', randomBytes(2 * 1024 * 1024 + 5));
    const delivered: Uint8Array[] = [];
    await expect(
      (async () => {
        for await (const chunk of sendStreamedBody(body, sha)) delivered.push(chunk);
      })(),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/changed after the request was signed/) });
    // The last chunk was held back: the server never receives the whole body.
    expect(Buffer.concat(delivered).byteLength).toBeLessThan(body.size);
  });

  it('says which file changed when its size or mtime moved, or it shrank while being read', async () => {
    const path = writeFixed('d.bin', randomBytes(4096));
    const body = streamedBody([filePiece(path)]);
    truncateSync(path, 100);
    await expect(hashStreamedBody(body)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`${path} changed`) });
  });

  it('names a file that disappeared, and a path that is not a file', async () => {
    const path = writeFixed('e.bin', Buffer.from('x'));
    const body = streamedBody([filePiece(path)]);
    temp.remove();
    await expect(hashStreamedBody(body)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/could not be read \(ENOENT\)/) });
    temp = makeTempDir('shomei-streamed-body-');
    expect(() => filePiece(temp.dir)).toThrow(/is not a file/);
  });

  it('stops hashing when cancelled', async () => {
    const body = streamedBody([filePiece(writeFixed('f.bin', randomBytes(8 * 1024 * 1024)))]);
    const controller = new AbortController();
    await expect(hashStreamedBody(body, () => controller.abort(), controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('handles an empty file', async () => {
    const body = streamedBody([filePiece(writeFixed('g.bin', Buffer.alloc(0)))]);
    expect(await hashStreamedBody(body)).toBe(createHash('sha256').update('').digest('hex'));
    expect((await collect(sendStreamedBody(body, undefined))).byteLength).toBe(0);
  });
});
