import { SessionSchema, type Session } from '../../../shared/contract/session';
import {
  openDocumentStore,
  type DocumentStore,
  type Migration,
  type QuarantineNotice,
} from '../storage/document-store';

/** The file name (without `.json`) of the open-tabs document in the data folder. */
export const SESSION_STORE_NAME = 'session';

/** The schema version of the open-tabs document this code writes. */
export const SESSION_SCHEMA_VERSION = 1;

/** Upgrades of older open-tabs documents; `[n]` turns version `n - 1` into `n`. */
export const sessionMigrations: Readonly<Record<number, Migration>> = {};

/** What opening the open-tabs store needs. */
export interface SessionStoreDeps {
  dataDir: string;
  now?: () => Date;
}

/**
 * The window's open tabs and unsaved drafts ("hot exit"), so a reload, a restart or a crash loses
 * nothing. The renderer debounces its saves; each save here is written at once, atomically, so
 * an answered save is on disk. Never holds typed keys: `SessionSchema` has no field for them and
 * refuses a draft that carries one.
 */
export interface SessionStore {
  readonly path: string;
  /** Set when the file could not be read at start and was moved aside. */
  readonly notice: QuarantineNotice | undefined;
  /** The tabs of the last save; none on a first start. */
  read(): Session;
  /** Validates and replaces the kept tabs on disk. Throws `STORAGE_ERROR`; the previous file stays intact. */
  save(next: Session): { savedAt: string };
}

/** Opens `session.json` in `dataDir`; an unreadable file is quarantined and the window starts with one empty tab. */
export function openSessionStore(deps: SessionStoreDeps): SessionStore {
  const now = deps.now ?? (() => new Date());
  const store: DocumentStore<Session> = openDocumentStore<Session>({
    dataDir: deps.dataDir,
    name: SESSION_STORE_NAME,
    schema: SessionSchema,
    version: SESSION_SCHEMA_VERSION,
    migrations: sessionMigrations,
    defaults: () => ({ tabs: [], activeId: null }),
    now,
  });
  return {
    path: store.path,
    get notice() {
      return store.notice;
    },
    read: () => store.read(),
    save(next) {
      store.write(next);
      return { savedAt: now().toISOString() };
    },
  };
}
