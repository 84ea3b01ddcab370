import { z } from 'zod';
import {
  HistoryEntrySchema,
  SavedSendOptionsSchema,
  type HistoryAuth,
  type HistoryEntry,
  type RequestDraft,
  type SavedBody,
} from '../../../shared/contract/collections';
import type { HistoryCredential } from '../../../shared/contract/auth';
import type { CredentialSource, SendOptionsInput } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { authFromHistory, authToHistory, type ResolvedAuth } from '../auth/registry';
import { newEntityId } from '../collections/new-id';
import { splitQuery } from '../collections/url-query';
import { createDebouncedDocument, type DebouncedDocument, type Timers } from '../storage/debounced-document';
import { maskKeyId } from '../requests/resolved-credentials';
import { openDocumentStore, type Migration } from '../storage/document-store';

/** The history document: newest entry first, and how many to keep. */
export const HistoryDocumentSchema = z.object({
  retention: z.number().int().min(1).max(100_000).default(500),
  entries: z.array(HistoryEntrySchema).default([]),
});
export type HistoryDocument = z.infer<typeof HistoryDocumentSchema>;

/** The file name (without `.json`) of the history document. */
export const HISTORY_STORE_NAME = 'history';

/** The schema version of the history document this code writes. */
export const HISTORY_SCHEMA_VERSION = 2;

/** Upgrades of older history documents; `[n]` turns version `n - 1` into `n`. */
export const historyMigrations: Readonly<Record<number, Migration>> = {
  // Version 2 records how a send was signed (expiry, session token) and its options. Version 1
  // kept neither; its entries get the values version 1 reopened them with (900 s, token signed)
  // and no options (the window's defaults).
  2: (data) => {
    const v1 = (typeof data === 'object' && data !== null ? data : {}) as { entries?: unknown };
    const entries = Array.isArray(v1.entries)
      ? v1.entries.map((entry: unknown) => {
          const request = (entry as { request?: { auth?: { type?: unknown } } } | null)?.request;
          if (request?.auth?.type !== 'aws-sigv4') return entry;
          return {
            ...(entry as object),
            request: { ...request, auth: { expiresInSeconds: 900, isSessionTokenSigned: true, ...request.auth } },
          };
        })
      : v1.entries;
    return { ...v1, entries };
  },
};

/** Default number of entries kept. */
export const DEFAULT_HISTORY_RETENTION = 500;

/** What one send left behind, before it is made safe to keep. */
export interface SendRecord {
  /** The draft as it was resolved for the send (see `resolveRequest`): variables in, inherited headers applied. */
  request: RequestDraft;
  /** The auth it resolved to. */
  auth: ResolvedAuth;
  /** Values of secret variables used in this send; replaced by `••••` wherever they appear. */
  secretValues?: readonly string[] | undefined;
  response?: HistoryEntry['response'];
  error?: { code: string; message: string } | undefined;
  origin?: HistoryEntry['origin'];
  /** The source that signed it (typed keys are kept only as their masked key id), and whether it was the app-wide default. */
  credentials?: { source: CredentialSource; isAppDefault: boolean } | undefined;
  /** The send options it went with. */
  options?: SendOptionsInput | undefined;
  /** Secret variables' values → their names: history shows `{{name}}` where one was used. */
  secretNames?: ReadonlyMap<string, string> | undefined;
}

/** What the history service needs. */
export interface HistoryServiceDeps {
  dataDir: string;
  saveDelayMs?: number;
  timers?: Timers;
  now?: () => Date;
  newId?: () => string;
  onSaveError?: (error: unknown) => void;
  /**
   * The collection a send came from, by id: its name and whether it is trusted now; undefined
   * when it is gone. Without it, an entry from a collection is reopened only when it was trusted.
   */
  collectionOf?: (collectionId: string) => { name: string; isTrusted: boolean } | undefined;
}

/**
 * Every send, recorded without secrets (no `Authorization`, session token, signature or secret
 * variable value), newest first, trimmed to the retention limit. Search, reopen as a request
 * draft, delete, clear.
 */
export interface HistoryService {
  readonly document: DebouncedDocument<HistoryDocument>;
  record(send: SendRecord): HistoryEntry;
  /** Newest first; `query` matches method, URL and status words, all of them. */
  list(options?: { query?: string | undefined; limit?: number | undefined }): HistoryEntry[];
  get(id: string): HistoryEntry;
  /**
   * The entry as an editable request draft (headers and params as rows). Refuses (`UNTRUSTED`) an
   * entry sent from a collection that is not trusted: reopened, it would be a new request of the
   * user's, sent and signed with the user's keys without the collection's trust check.
   */
  reopen(id: string): RequestDraft;
  remove(id: string): void;
  clear(): void;
  getRetention(): number;
  setRetention(limit: number): void;
  flush(): void;
}

const REDACTED = '••••';
/** Text bodies longer than this are cut in history (the saved request keeps the whole body). */
const MAX_HISTORY_BODY_CHARS = 64 * 1024;
// Security: these carry credentials or signatures and are never written to history.
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'proxy-authorization', 'cookie']);
const SECRET_QUERY = new Set(['x-amz-signature', 'x-amz-security-token', 'x-amz-credential']);

/** Opens the history document in `dataDir` and builds the service. */
export function createHistoryService(deps: HistoryServiceDeps): HistoryService {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? newEntityId;
  const document = createDebouncedDocument({
    store: openDocumentStore<HistoryDocument>({
      dataDir: deps.dataDir,
      name: HISTORY_STORE_NAME,
      schema: HistoryDocumentSchema,
      version: HISTORY_SCHEMA_VERSION,
      migrations: historyMigrations,
      defaults: () => ({ retention: DEFAULT_HISTORY_RETENTION, entries: [] }),
      now,
    }),
    saveDelayMs: deps.saveDelayMs ?? 500,
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.onSaveError ? { onSaveError: deps.onSaveError } : {}),
  });

  const get = (id: string): HistoryEntry => {
    const found = document.read().entries.find((e) => e.id === id);
    if (!found) throw new ShomeiError('NOT_FOUND', 'That history entry is gone');
    return found;
  };

  return {
    document,
    record(send) {
      const entry = toHistoryEntry(send, newId(), now());
      document.change((doc) => {
        doc.entries.unshift(entry);
        if (doc.entries.length > doc.retention) doc.entries.length = doc.retention;
      });
      return entry;
    },
    list(options = {}) {
      const words = (options.query ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const out: HistoryEntry[] = [];
      for (const entry of document.read().entries) {
        if (out.length >= limit) break;
        const haystack =
          `${entry.request.method} ${entry.request.url} ${entry.response?.status ?? ''} ${entry.error?.code ?? ''}`.toLowerCase();
        if (words.every((w) => haystack.includes(w))) out.push(entry);
      }
      return out;
    },
    get,
    reopen(id) {
      const entry = get(id);
      assertReopenable(entry, deps.collectionOf);
      const [base, query] = splitQuery(entry.request.url);
      return {
        name: `${entry.request.method} ${base}`.slice(0, 256),
        method: entry.request.method,
        url: base,
        params: query,
        headers: entry.request.headers
          // Headers the signer and transport add, and redacted credentials, are not part of what the user typed.
          .filter(
            ([name]) =>
              !/^(host|content-length|authorization|x-amz-date|x-amz-content-sha256|x-amz-security-token)$/i.test(name),
          )
          .map(([name, value]) => ({ name, value, isEnabled: true })),
        body: entry.request.body,
        auth: authFromHistory(entry.request.auth),
        ...(entry.request.options ? { options: entry.request.options } : {}),
      };
    },
    remove(id) {
      get(id);
      document.change((doc) => {
        doc.entries = doc.entries.filter((e) => e.id !== id);
      });
    },
    clear() {
      document.change((doc) => {
        doc.entries = [];
      });
    },
    getRetention: () => document.read().retention,
    setRetention(limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
        throw new ShomeiError('INVALID_INPUT', 'Keep between 1 and 100,000 history entries');
      }
      document.change((doc) => {
        doc.retention = limit;
        if (doc.entries.length > limit) doc.entries.length = limit;
      });
    },
    flush: () => document.flush(),
  };
}

/** Makes a send safe to keep: secret headers, signature query parameters and secret variable values are redacted. */
export function toHistoryEntry(send: SendRecord, id: string, at: Date): HistoryEntry {
  const secrets = (send.secretValues ?? []).filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const labelOf = (secret: string): string => {
    const name = send.secretNames?.get(secret);
    return name === undefined ? REDACTED : `{{${name}}}`;
  };
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join(labelOf(secret)), text);
  const { request } = send;
  const [base, query] = splitQuery(request.url);
  const safeQuery = query.map((row) => (SECRET_QUERY.has(row.name.toLowerCase()) ? { ...row, value: REDACTED } : row));
  const url = scrub(safeQuery.length > 0 ? `${base}?${safeQuery.map((r) => `${r.name}=${r.value}`).join('&')}` : base);
  const headers = request.headers
    .filter((row) => row.isEnabled)
    .map(({ name, value }): [string, string] => [name, SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : scrub(value)]);
  const auth = withSigningSource(authToHistory(send.auth), send.credentials);
  // Parsing strips what a saved request never keeps (a proxy's user name and password).
  const options = send.options === undefined ? undefined : SavedSendOptionsSchema.safeParse(send.options);
  let body = scrubBody(request.body, scrub);
  let isBodyTruncated = false;
  if (body.kind === 'text' && body.text.length > MAX_HISTORY_BODY_CHARS) {
    body = { ...body, text: body.text.slice(0, MAX_HISTORY_BODY_CHARS) };
    isBodyTruncated = true;
  }
  const entry: HistoryEntry = {
    id,
    at: at.toISOString(),
    request: {
      method: request.method,
      url,
      headers,
      body,
      ...(isBodyTruncated ? { isBodyTruncated } : {}),
      auth,
      ...(options?.success ? { options: options.data } : {}),
    },
  };
  if (send.response) entry.response = send.response;
  if (send.error) entry.error = { code: send.error.code, message: scrub(send.error.message) };
  if (send.origin) entry.origin = send.origin;
  return HistoryEntrySchema.parse(entry);
}

/**
 * Security: an imported collection's request is untrusted until the user trusts the collection
 * (no credentials, no secret variables, no local files). History keeps what it tried to send —
 * its URL, its Host and connect-to, its auth — and a reopened entry is a new request of the
 * user's, which the trust check no longer covers. So an entry from a collection not trusted now
 * (or, once it is gone, not trusted when it was sent) is not reopened.
 */
function assertReopenable(entry: HistoryEntry, collectionOf: HistoryServiceDeps['collectionOf']): void {
  const origin = entry.origin;
  if (origin === undefined) return;
  const collection = collectionOf?.(origin.collectionId);
  if (collection?.isTrusted ?? origin.wasTrusted === true) return;
  throw new ShomeiError(
    'UNTRUSTED',
    collection
      ? `Not reopened: this was sent from the collection "${collection.name}", which was imported and is not trusted yet. Open the request from the collection (the banner above it shows what it does), or trust the collection first.`
      : 'Not reopened: this was sent from an imported collection that was not trusted and is gone now; reopened, what it tried to send would go out as your own request.',
    { collectionId: origin.collectionId },
  );
}

/** A source as history keeps it: by reference; typed keys by their masked id only. Security: never a key. */
function recordedSource(source: CredentialSource | undefined): HistoryCredential | undefined {
  if (source === undefined) return undefined;
  if (source.source === 'inline') return { source: 'typed', keyIdMasked: maskKeyId(source.accessKeyId) };
  return source;
}

/** The recorded AWS auth with the source that actually signed: typed keys or the app-wide default. */
function withSigningSource(auth: HistoryAuth, credentials: SendRecord['credentials']): HistoryAuth {
  const source = recordedSource(credentials?.source);
  if (auth.type !== 'aws-sigv4' || source === undefined) return auth;
  return { ...auth, credentialSource: source, ...(credentials?.isAppDefault ? { isAppDefault: true } : {}) };
}

function scrubBody(body: SavedBody, scrub: (text: string) => string): SavedBody {
  switch (body.kind) {
    case 'text':
      return { ...body, text: scrub(body.text) };
    case 'form-urlencoded':
      return { ...body, rows: body.rows.map((r) => ({ ...r, value: scrub(r.value) })) };
    case 'multipart':
      return { ...body, parts: body.parts.map((p) => (p.kind === 'text' ? { ...p, value: scrub(p.value) } : p)) };
    default:
      return body;
  }
}
