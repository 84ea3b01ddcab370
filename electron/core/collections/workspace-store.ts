import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceSchema, type Workspace } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import { createDebouncedDocument, type DebouncedDocument, type Timers } from '../storage/debounced-document';
import { openDocumentStore, readDocumentFile, type Migration } from '../storage/document-store';

/** The file name (without `.json`) of the workspace document in the data folder. */
export const WORKSPACE_STORE_NAME = 'workspace';

/** The schema version of the workspace document this code writes. */
export const WORKSPACE_SCHEMA_VERSION = 2;

/** Upgrades of older workspace documents; `[n]` turns version `n - 1` into `n`. */
export const workspaceMigrations: Readonly<Record<number, Migration>> = {
  // Version 2 keeps which collections are trusted. Every collection of a version 1 workspace was
  // made or imported before imports were marked, and stays as usable as it was: trusted.
  2: (data) => {
    const v1 = (typeof data === 'object' && data !== null ? data : {}) as { collections?: unknown };
    const ids = Array.isArray(v1.collections)
      ? v1.collections.flatMap((c: unknown) =>
          typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string'
            ? [(c as { id: string }).id]
            : [],
        )
      : [];
    return { ...v1, trustedCollectionIds: ids };
  },
};

/** What opening the workspace needs. */
export interface WorkspaceStoreDeps {
  dataDir: string;
  saveDelayMs?: number;
  timers?: Timers;
  onSaveError?: (error: unknown) => void;
  now?: () => Date;
}

/** The workspace document (collections, environments, active environment) with debounced, never-lost saves. */
export type WorkspaceStore = DebouncedDocument<Workspace>;

/**
 * Opens `workspace.json` in `dataDir`. An unreadable file is quarantined (see `notice`) and the
 * workspace starts empty; nothing else in the folder is touched.
 */
export function openWorkspaceStore(deps: WorkspaceStoreDeps): WorkspaceStore {
  const store = openDocumentStore<Workspace>({
    dataDir: deps.dataDir,
    name: WORKSPACE_STORE_NAME,
    schema: WorkspaceSchema,
    version: WORKSPACE_SCHEMA_VERSION,
    migrations: workspaceMigrations,
    defaults: () => ({
      collections: [],
      environments: [],
      activeEnvironmentId: null,
      trustedCollectionIds: [],
      untrustedEnvironmentIds: [],
      deletedRequests: [],
    }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return createDebouncedDocument({
    store,
    ...(deps.saveDelayMs !== undefined ? { saveDelayMs: deps.saveDelayMs } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.onSaveError ? { onSaveError: deps.onSaveError } : {}),
  });
}

/**
 * The workspace saved in `dataDir`, read as the app would open it (migrated, schema-checked) and
 * never written: undefined when there is none. A file the app would quarantine is refused with
 * the reason (`INVALID_INPUT`) and left as it is.
 */
export function readSavedWorkspace(dataDir: string): Workspace | undefined {
  const path = join(dataDir, `${WORKSPACE_STORE_NAME}.json`);
  if (!existsSync(path)) return undefined;
  const read = readDocumentFile(path, {
    schema: WorkspaceSchema,
    version: WORKSPACE_SCHEMA_VERSION,
    migrations: workspaceMigrations,
  });
  if (!read.ok) throw new ShomeiError('INVALID_INPUT', `${path} cannot be read: ${read.reason}`);
  return read.value;
}
