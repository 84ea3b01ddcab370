import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import {
  DefaultCredentialSourceSchema,
  type DefaultCredentialSource,
  type TrustSettingsView,
} from '../../../shared/contract/trust';
import { ShomeiError } from '../../../shared/errors';
import { openDocumentStore, type DocumentStore } from '../storage/document-store';

/** The file name (without `.json`) of the trust settings in the data folder. */
export const TRUST_SETTINGS_STORE_NAME = 'trust-settings';

/** The trust settings document. */
export const TrustSettingsSchema = z.object({
  defaultCredentialSource: DefaultCredentialSourceSchema.nullable().default(null),
  /** Null: the host's built-in working directory. */
  workingDirectory: z.string().nullable().default(null),
  allowedFiles: z.array(z.string()).max(10_000).default([]),
});
export type TrustSettings = z.infer<typeof TrustSettingsSchema>;

/** What the trust settings need. */
export interface TrustSettingsDeps {
  dataDir: string;
  /** The working directory while the user has chosen none; default `~/Shomei`. */
  defaultWorkingDirectory?: string | undefined;
  now?: () => Date;
}

/**
 * App-wide trust settings: the credential source used where nothing is chosen (off until turned
 * on), the working directory body files are read from, and the files allowed outside it.
 */
export interface TrustSettingsService {
  readonly document: DocumentStore<TrustSettings>;
  view(): TrustSettingsView;
  /** Null unless the user turned an app-wide default on. */
  defaultCredentialSource(): DefaultCredentialSource | null;
  update(input: {
    defaultCredentialSource?: DefaultCredentialSource | null | undefined;
    workingDirectory?: string | null | undefined;
  }): TrustSettingsView;
  allowFile(path: string): TrustSettingsView;
  forgetFile(path: string): TrustSettingsView;
  /**
   * The real path of a body file Shomei may read: inside the working directory (after resolving
   * `..`, `//`, and symlinks), or allowed by the user. Anything else throws `FILE_NOT_ALLOWED` with
   * the same message whether the file exists or not.
   */
  checkBodyFile(path: string): string;
}

// Security: kernel interfaces and devices are never body files, whatever the working directory.
const DEVICE_PATHS = /^\/(proc|sys|dev)(\/|$)/;

/** Builds the trust settings over `trust-settings.json` in the data folder. */
export function createTrustSettings(deps: TrustSettingsDeps): TrustSettingsService {
  const document = openDocumentStore<TrustSettings>({
    dataDir: deps.dataDir,
    name: TRUST_SETTINGS_STORE_NAME,
    schema: TrustSettingsSchema,
    version: 1,
    defaults: () => ({ defaultCredentialSource: null, workingDirectory: null, allowedFiles: [] }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const builtIn = deps.defaultWorkingDirectory ?? join(homedir(), 'Shomei');
  const workingDirectory = (): string => canonical(document.read().workingDirectory ?? builtIn);
  const view = (): TrustSettingsView => {
    const data = document.read();
    return {
      defaultCredentialSource: data.defaultCredentialSource,
      workingDirectory: workingDirectory(),
      isWorkingDirectoryDefault: data.workingDirectory === null,
      allowedFiles: [...data.allowedFiles],
    };
  };
  const write = (patch: Partial<TrustSettings>): TrustSettingsView => {
    document.write({ ...document.read(), ...patch });
    return view();
  };
  return {
    document,
    view,
    defaultCredentialSource: () => document.read().defaultCredentialSource,
    update(input) {
      const patch: Partial<TrustSettings> = {};
      if (input.defaultCredentialSource !== undefined) patch.defaultCredentialSource = input.defaultCredentialSource;
      if (input.workingDirectory !== undefined) {
        if (input.workingDirectory !== null && !isAbsolute(input.workingDirectory)) {
          throw new ShomeiError('INVALID_INPUT', 'The working directory must be an absolute path');
        }
        patch.workingDirectory = input.workingDirectory === null ? null : resolve(input.workingDirectory);
      }
      return write(patch);
    },
    allowFile(path) {
      if (!isAbsolute(path)) throw new ShomeiError('INVALID_INPUT', 'Allow a file by its absolute path');
      const real = canonical(path);
      if (DEVICE_PATHS.test(real))
        throw new ShomeiError('INVALID_INPUT', `${path.slice(0, 300)} is not a file Shomei will read`);
      const allowed = new Set(document.read().allowedFiles);
      allowed.add(real);
      return write({ allowedFiles: [...allowed] });
    },
    forgetFile(path) {
      const real = isAbsolute(path) ? canonical(path) : path;
      return write({ allowedFiles: document.read().allowedFiles.filter((p) => p !== real && p !== path) });
    },
    checkBodyFile(path) {
      if (path.trim() === '') throw new ShomeiError('INVALID_INPUT', 'Not sent: choose a file for the body');
      if (!isAbsolute(path)) {
        throw new ShomeiError(
          'INVALID_INPUT',
          `Not sent: ${path.slice(0, 300)} is not an absolute path; give the full path of the file`,
        );
      }
      const real = canonical(path);
      const folder = workingDirectory();
      const isAllowed =
        !DEVICE_PATHS.test(real) && (isInside(real, folder) || document.read().allowedFiles.includes(real));
      if (!isAllowed) {
        // Security: one message for "outside" whether or not the file exists, so a collection
        // cannot probe the disk through error messages.
        throw new ShomeiError(
          'FILE_NOT_ALLOWED',
          `Not sent: ${path.slice(0, 300)} is outside the working directory (${folder}). Shomei reads body files only there; move the file into it, choose another working directory, or allow this one file.`,
          { path: path.slice(0, 4096), workingDirectory: folder },
        );
      }
      return real;
    },
  };
}

/** The real path when it exists (symlinks resolved), else the path with `.`, `..` and `//` resolved. */
function canonical(path: string): string {
  const lexical = resolve(path);
  try {
    return realpathSync.native(lexical);
  } catch {
    // A missing file: resolve the deepest parent that exists, so a symlinked folder still counts.
    const parent = resolve(lexical, '..');
    if (parent === lexical) return lexical;
    const base = lexical.slice(parent.length).replace(/^[\\/]+/, '');
    return join(canonical(parent), base);
  }
}

/** True when `path` is `folder` or below it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}
