import { WorkspaceSchema, type Workspace } from '../../../shared/contract/collections';
import { createDebouncedDocument, type DebouncedDocument, type Timers } from '../storage/debounced-document';
import { openDocumentStore, type Migration } from '../storage/document-store';

/** The file name (without `.json`) of the workspace document in the data folder. */
export const WORKSPACE_STORE_NAME = 'workspace';

/** The schema version of the workspace document this code writes. */
export const WORKSPACE_SCHEMA_VERSION = 1;

/** Upgrades of older workspace documents; `[n]` turns version `n - 1` into `n`. */
export const workspaceMigrations: Readonly<Record<number, Migration>> = {};

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
    defaults: () => ({ collections: [], environments: [], activeEnvironmentId: null }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return createDebouncedDocument({
    store,
    ...(deps.saveDelayMs !== undefined ? { saveDelayMs: deps.saveDelayMs } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.onSaveError ? { onSaveError: deps.onSaveError } : {}),
  });
}
