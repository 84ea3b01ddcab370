import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { TransportOptions } from './http-transport';

/** A response body as read: whole in memory, or its first part with the rest spooled to `file`. */
export interface ReadResult {
  preview: Buffer;
  file?: string;
  size: number;
  compressedSize?: number;
  isTruncated: boolean;
}

/**
 * Reads (and decodes gzip, deflate or br) the body; `contentLength` is the announced size on the
 * wire, if any. Stops at `maxBodyBytes` (truncated); past the spool's memory limit the body goes to
 * a 0600 file in a 0700 folder and only `previewBytes` stay in memory.
 */
export async function readBody(
  body: Readable,
  encoding: string,
  send: TransportOptions,
  contentLength: number | undefined,
): Promise<ReadResult> {
  let compressedSize: number | undefined;
  let source: AsyncIterable<Buffer> = body;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  // Progress counts decoded bytes, so a total is known only when nothing is decoded.
  const totalBytes = decoder ? undefined : contentLength;
  if (decoder) {
    compressedSize = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        compressedSize = (compressedSize ?? 0) + chunk.byteLength;
        done(null, chunk);
      },
    });
    source = pipeline(body, counter, decoder, () => undefined);
  }
  const spool = send.spool;
  const chunks: Buffer[] = [];
  let size = 0;
  let file: string | undefined;
  let writer: WriteStream | undefined;
  let isTruncated = false;
  try {
    for await (const chunk of source) {
      const room = send.maxBodyBytes - size;
      const piece = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      if (spool && !writer && size + piece.byteLength > spool.memoryLimitBytes) {
        mkdirSync(spool.dir, { recursive: true, mode: 0o700 });
        file = join(spool.dir, `${randomUUID()}.body`);
        writer = createWriteStream(file, { mode: 0o600 });
        for (const held of chunks) writer.write(held);
        const preview = Buffer.concat(chunks).subarray(0, spool.previewBytes);
        chunks.length = 0;
        chunks.push(preview);
      }
      if (writer) {
        if (!writer.write(piece)) await new Promise<void>((resolve) => writer?.once('drain', () => resolve()));
      } else {
        chunks.push(piece);
      }
      size += piece.byteLength;
      send.onProgress?.(size, totalBytes);
      if (chunk.byteLength > room) {
        isTruncated = true;
        body.destroy();
        break;
      }
    }
  } finally {
    if (writer)
      await new Promise<void>((resolve, reject) =>
        writer?.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }
  const preview = writer ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks, size);
  return {
    preview,
    ...(file ? { file } : {}),
    size,
    ...(compressedSize === undefined ? {} : { compressedSize }),
    isTruncated,
  };
}
