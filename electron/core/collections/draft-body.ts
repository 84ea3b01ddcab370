/**
 * A resolved draft's body as it will be sent: a text or form body as its text, a file body
 * (binary, multipart with files) as the pieces streamed from disk as they are hashed and sent,
 * each file checked against where Shomei may read and how large.
 */
import { randomBytes } from 'node:crypto';
import type { RequestDraft } from '../../../shared/contract/collections';
import type { RequestBody } from '../../../shared/contract/http';
import { BINARY_CONTENT_TYPE, multipartContentType, textBodyOf } from '../../../shared/encoding/body-encoding';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import { filePiece, streamedBody, type BodyPiece, type FilePiece, type StreamedBody } from '../requests/streamed-body';

/** Which body files may be read, and how large. */
export interface BodyFileRules {
  maxFileBytes: number;
  /** The real path to open, or a throw (see `DraftSenderDeps.checkBodyFile`). */
  checkBodyFile: (path: string) => string;
}

/**
 * The draft's body planned: `text` for a text or form body (still to be checked by the contract's
 * rule), or `streamed` for a body read from files. Every file is checked and opened here, before
 * anything else of the request is planned; a file that may not be read, or is too large, throws.
 */
export function planBody(
  body: RequestDraft['body'],
  files: BodyFileRules,
): { text: RequestBody; streamed?: StreamedBody | undefined } {
  const { maxFileBytes } = files;
  let text: RequestBody = { kind: 'none' };
  let streamed: StreamedBody | undefined;
  const fileOf = (path: string): FilePiece => {
    // Security: only inside the working directory or allowed one by one, after resolving `..`,
    // `//` and symlinks; the real path is what is opened.
    const real = files.checkBodyFile(path);
    let piece: FilePiece;
    try {
      piece = filePiece(real);
    } catch (error) {
      if (isShomeiError(error)) throw error;
      throw new ShomeiError(
        'INVALID_INPUT',
        `Not sent: the file ${path.slice(0, 300)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (piece.size > maxFileBytes)
      throw new ShomeiError('INVALID_INPUT', `Not sent: ${path} is larger than ${formatLimit(maxFileBytes)}`);
    return piece;
  };
  switch (body.kind) {
    case 'none':
      break;
    case 'text':
    case 'form-urlencoded':
      text = { kind: 'text', ...textBodyOf(body) };
      break;
    case 'multipart': {
      // One boundary per send, fixed before hashing: the bytes hashed are the bytes sent.
      const boundary = `----shomei${randomBytes(12).toString('hex')}`;
      const pieces: BodyPiece[] = [];
      for (const part of body.parts) {
        const name = part.name.replace(/["\r\n]/g, '_');
        if (part.kind === 'text') {
          const type = part.contentType ? `Content-Type: ${part.contentType.replace(/[\r\n]/g, '')}\r\n` : '';
          pieces.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n${type}\r\n${part.value}\r\n`,
              'utf8',
            ),
          );
        } else {
          const fileName = (part.filePath.split(/[\\/]/).pop() ?? 'file').replace(/["\r\n]/g, '_');
          const type = (part.contentType ?? BINARY_CONTENT_TYPE).replace(/[\r\n]/g, '');
          pieces.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
              'utf8',
            ),
            fileOf(part.filePath),
            Buffer.from('\r\n'),
          );
        }
      }
      pieces.push(Buffer.from(`--${boundary}--\r\n`));
      streamed = streamedBody(pieces, multipartContentType(boundary));
      break;
    }
    case 'binary':
      streamed = streamedBody([fileOf(body.filePath)], body.contentType ?? BINARY_CONTENT_TYPE);
      break;
  }
  return { text, streamed };
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
