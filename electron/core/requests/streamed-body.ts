import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { ShomeiError } from '../../../shared/errors';

/** A file's bytes in a body, as the file was when the body was composed. */
export interface FilePiece {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Part of a streamed body: bytes held in memory (a multipart header), or a whole file. */
export type BodyPiece = Uint8Array | FilePiece;

/**
 * A body read from disk as it is hashed and sent, never held whole in memory: a binary file
 * body, or a multipart body with file parts. Its size is known up front (the sum of its pieces).
 */
export interface StreamedBody {
  kind: 'streamed';
  pieces: BodyPiece[];
  size: number;
  contentType?: string | undefined;
}

/** Reports bytes done so far. */
export type ByteProgress = (bytes: number) => void;

const CHUNK_BYTES = 1024 * 1024;

/** A streamed body from its pieces; the size is their sum. */
export function streamedBody(pieces: BodyPiece[], contentType?: string): StreamedBody {
  const size = pieces.reduce((sum, piece) => sum + (piece instanceof Uint8Array ? piece.byteLength : piece.size), 0);
  return { kind: 'streamed', pieces, size, ...(contentType === undefined ? {} : { contentType }) };
}

/** A file as a body piece, with the size and modification time that later reads must still find. */
export function filePiece(path: string): FilePiece {
  const stat = statSync(path);
  if (!stat.isFile()) throw new ShomeiError('INVALID_INPUT', `Not sent: ${path} is not a file`);
  return { path, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * The body's bytes in order, in chunks of at most 1 MiB, read from disk as they are consumed.
 * Throws `INVALID_INPUT` when a file changed since the body was composed (a different size or
 * modification time, or fewer bytes than expected), so a signature never covers other bytes.
 */
export async function* readStreamedBody(body: StreamedBody, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (const piece of body.pieces) {
    if (piece instanceof Uint8Array) {
      if (piece.byteLength > 0) yield piece;
      continue;
    }
    assertUnchanged(piece);
    if (piece.size === 0) continue;
    let read = 0;
    const stream = createReadStream(piece.path, { highWaterMark: CHUNK_BYTES, end: piece.size - 1, ...(signal ? { signal } : {}) });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      if (signal?.aborted) throw new ShomeiError('CANCELLED', 'The request was cancelled');
      throw new ShomeiError('INVALID_INPUT', `The body file ${piece.path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    } finally {
      stream.destroy();
    }
    if (read !== piece.size) throw changedError(piece);
  }
}

/** SHA-256 (hex) of the whole body, streamed from disk, reporting bytes hashed. */
export async function hashStreamedBody(body: StreamedBody, onProgress?: ByteProgress, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of readStreamedBody(body, signal)) {
    hash.update(chunk);
    done += chunk.byteLength;
    onProgress?.(done);
  }
  return hash.digest('hex');
}

/**
 * The body for the wire: its bytes as read, checked against the hash that was signed. The last
 * chunk is held back until the whole body hashed the same, so a file that changed after signing
 * never reaches the server complete; the send fails with `INVALID_INPUT` instead.
 */
export async function* sendStreamedBody(body: StreamedBody, signedSha256: string | undefined, onProgress?: ByteProgress, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let held: Uint8Array | undefined;
  let sent = 0;
  for await (const chunk of readStreamedBody(body, signal)) {
    hash.update(chunk);
    if (held) {
      yield held;
      sent += held.byteLength;
      onProgress?.(sent);
    }
    held = chunk;
  }
  if (signedSha256 !== undefined && hash.digest('hex') !== signedSha256) {
    throw new ShomeiError('INVALID_INPUT', 'Not sent: a body file changed after the request was signed; send it again');
  }
  if (held) {
    yield held;
    onProgress?.(sent + held.byteLength);
  }
}

function assertUnchanged(piece: FilePiece): void {
  let stat;
  try {
    stat = statSync(piece.path);
  } catch (error) {
    throw new ShomeiError('INVALID_INPUT', `The body file ${piece.path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (stat.size !== piece.size || stat.mtimeMs !== piece.mtimeMs) throw changedError(piece);
}

function changedError(piece: FilePiece): ShomeiError {
  return new ShomeiError('INVALID_INPUT', `Not sent: the body file ${piece.path} changed while it was being read; send it again`);
}
