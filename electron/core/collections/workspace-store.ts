import { WorkspaceSchema, type Workspace } from '../../../shared/contract/collections';
import { createDebouncedDocument, type DebouncedDocument, type Timers } from '../storage/debounced-document';
import { openDocumentStore, type Migration } from '../storage/document-store';

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
          typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string' ? [(c as { id: string }).id] : [],
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
    defaults: () => ({ collections: [], environments: [], activeEnvironmentId: null, trustedCollectionIds: [] }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return createDebouncedDocument({
    store,
    ...(deps.saveDelayMs !== undefined ? { saveDelayMs: deps.saveDelayMs } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.onSaveError ? { onSaveError: deps.onSaveError } : {}),
  });
}
