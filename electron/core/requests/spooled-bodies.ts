import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import { ShomeiError } from '../../../shared/errors';

/** A slice of a large response body kept in a temporary file. */
export interface BodySlice {
  base64: string;
  offset: number;
  length: number;
  size: number;
  isEnd: boolean;
}

/** The response bodies too large for a summary, kept as temporary files until disposed. */
export interface SpooledBodies {
  /** Keeps a spooled body's file; returns the id the window reads it back with (its file name). */
  keep(file: string, size: number): string | undefined;
  /** Reads part of a kept body; NOT_FOUND once it is gone. */
  read(bodyId: string, offset: number, length: number): BodySlice;
  /** Removes every kept file and the spool folder. */
  dispose(): void;
}

/** Builds the store of bodies spooled into `dir`. */
export function createSpooledBodies(dir: string): SpooledBodies {
  const bodies = new Map<string, { file: string; size: number }>();
  return {
    keep(file, size) {
      const bodyId = file
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.body$/, '');
      if (bodyId) bodies.set(bodyId, { file, size });
      return bodyId;
    },
    read(bodyId, offset, length) {
      const entry = bodies.get(bodyId);
      if (!entry || !existsSync(entry.file))
        throw new ShomeiError('NOT_FOUND', 'That response body is no longer available; send the request again');
      const start = Math.min(Math.max(0, offset), entry.size);
      const count = Math.min(length, entry.size - start);
      const buffer = Buffer.alloc(count);
      const fd = openSync(entry.file, 'r');
      try {
        readSync(fd, buffer, 0, count, start);
      } finally {
        closeSync(fd);
      }
      return {
        base64: buffer.toString('base64'),
        offset: start,
        length: count,
        size: entry.size,
        isEnd: start + count >= entry.size,
      };
    },
    dispose() {
      for (const { file } of bodies.values()) rmSync(file, { force: true });
      bodies.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
