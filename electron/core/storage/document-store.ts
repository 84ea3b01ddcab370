import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { ShomeiError } from '../../../shared/errors';

/** What the user is told when a store file could not be read and was moved aside. */
export interface QuarantineNotice {
  store: string;
  /** Where the unreadable file now lives; it is never deleted. */
  movedTo: string;
  reason: string;
  at: string;
}

/** One migration step: takes the data of version `n - 1` and returns version `n`. */
export type Migration = (data: unknown) => unknown;

/** How to open one JSON document in the data folder. */
export interface DocumentStoreOptions<T> {
  dataDir: string;
  /** File name without extension, e.g. `collections`. */
  name: string;
  schema: z.ZodType<T>;
  /** The schema version this code writes. */
  version: number;
  /** `migrations[n]` upgrades version `n - 1` to `n`. */
  migrations?: Readonly<Record<number, Migration>>;
  defaults: () => T;
  now?: () => Date;
}

/** A versioned JSON document, read once and kept in memory; every write is atomic. */
export interface DocumentStore<T> {
  readonly path: string;
  /** Set when the file on disk could not be read at open and was quarantined. */
  readonly notice: QuarantineNotice | undefined;
  read(): T;
  /** Validates, then replaces the file atomically (temp file + rename). Throws `STORAGE_ERROR`; the old file stays intact. */
  write(next: T): void;
}

interface Envelope {
  schemaVersion: number;
  data: unknown;
}

/**
 * Opens (or creates) a versioned JSON document, the same way in every host. A file that cannot be
 * parsed, has a newer or unknown version, or fails its schema is moved aside as
 * `<name>.corrupt-<timestamp>.json` and the store starts from defaults.
 *
 * Why not `conf`/electron-store: their atomic writer (`atomically`) issues one `write()` and
 * ignores a short count, so on a full disk it renames a truncated file over the good one
 * (tests/security/store-durability.test.ts shows it). `writeFileAtomic` below loops, checks,
 * fsyncs and only then renames.
 */
export function openDocumentStore<T>(options: DocumentStoreOptions<T>): DocumentStore<T> {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, `${options.name}.json`);
  let notice: QuarantineNotice | undefined;

  const quarantine = (reason: string): void => {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    let movedTo = join(options.dataDir, `${options.name}.corrupt-${stamp}.json`);
    for (let n = 1; existsSync(movedTo); n += 1) {
      movedTo = join(options.dataDir, `${options.name}.corrupt-${stamp}-${n}.json`);
    }
    renameSync(path, movedTo);
    notice = { store: options.name, movedTo, reason, at: now().toISOString() };
  };

  // A write killed midway leaves only its temporary file behind; the document itself is whole.
  for (const entry of readdirSync(options.dataDir)) {
    if (entry.startsWith(`${options.name}.json.`) && entry.endsWith('.tmp'))
      rmSync(join(options.dataDir, entry), { force: true });
  }

  let current: T = options.defaults();
  if (existsSync(path)) {
    const loaded = readDocumentFile(path, options);
    if (loaded.ok) current = loaded.value;
    else quarantine(loaded.reason);
  }

  return {
    path,
    get notice() {
      return notice;
    },
    read: () => current,
    write(next: T) {
      const checked = options.schema.safeParse(next);
      if (!checked.success) {
        throw new ShomeiError('STORAGE_ERROR', `Refused to save ${options.name}: the data does not match its schema`);
      }
      try {
        const envelope: Envelope = { schemaVersion: options.version, data: checked.data };
        writeFileAtomic(path, `${JSON.stringify(envelope, null, 2)}\n`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT'
            ? 'the disk is full or a size limit was reached'
            : (code ?? (error instanceof Error ? error.message : String(error)));
        throw new ShomeiError('STORAGE_ERROR', `Could not save ${options.name} (${why}); the previous version is kept`);
      }
      current = checked.data;
    },
  };
}

/**
 * Writes a file so that a reader sees the old content or the new, never a mix: every byte to a
 * temporary file beside it (looping over short writes), fsync, rename over the target, fsync the
 * folder. On any failure the temporary file is removed and the target is untouched.
 */
export function writeFileAtomic(path: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < bytes.byteLength) {
      const written = writeSync(fd, bytes, offset, bytes.byteLength - offset);
      if (written <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      offset += written;
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  try {
    const dirFd = openSync(dirname(path), 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}

/**
 * Reads one document file as the store would open it (version checked, migrated, schema-checked)
 * without changing anything on disk: for readers outside the app, such as `shomei run NAME`.
 */
export function readDocumentFile<T>(
  path: string,
  options: Pick<DocumentStoreOptions<T>, 'schema' | 'version' | 'migrations'>,
): { ok: true; value: T } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { ok: false, reason: 'the file is not valid JSON (truncated or damaged)' };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Envelope).schemaVersion !== 'number') {
    return { ok: false, reason: 'the file has no schema version' };
  }
  const envelope = parsed as Envelope;
  if (envelope.schemaVersion > options.version) {
    return {
      ok: false,
      reason: `the file was written by a newer Shomei (schema ${envelope.schemaVersion}, this one reads ${options.version})`,
    };
  }
  let data = envelope.data;
  for (let v = envelope.schemaVersion + 1; v <= options.version; v += 1) {
    const step = options.migrations?.[v];
    if (!step) return { ok: false, reason: `no migration from schema ${v - 1} to ${v}` };
    try {
      data = step(data);
    } catch (error) {
      return {
        ok: false,
        reason: `migration to schema ${v} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  const checked = options.schema.safeParse(data);
  if (!checked.success) {
    return {
      ok: false,
      reason: `the data does not match schema ${options.version}: ${checked.error.issues[0]?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, value: checked.data };
}
