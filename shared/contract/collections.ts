import { z } from 'zod';
import { HistoryAuthSchema, SavedAuthSchema } from './auth';
import { CaptureSchema, CheckSchema } from './checks';
import { KeyValueRowSchema, SendOptionsSchema } from './http';
import { SavedWebSocketSchema } from './websocket-message';

// Saved data is what the user typed, `{{variables}}` included, so fields such as the URL or the
// region are free text here; they are checked after substitution, right before signing.

/** An id of a saved thing (collection, folder, request, environment, variable, history entry). */
export const EntityIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'An id is letters, digits, `-` and `_`');
export type EntityId = z.infer<typeof EntityIdSchema>;

/** A display name of a collection, folder, request or environment. */
export const ItemNameSchema = z.string().trim().min(1, 'Give it a name').max(256);

/**
 * One variable of a collection, folder or environment. When `isSecret`, `value` is always empty
 * in saved data: the real value lives in the `SecretValueStore` (the vault) under the variable's id.
 */
export const VariableSchema = z.object({
  id: EntityIdSchema,
  name: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^{}\r\n]+$/, 'A variable name may not contain braces or line breaks'),
  value: z
    .string()
    .max(1024 * 1024)
    .default(''),
  isEnabled: z.boolean().default(true),
  isSecret: z.boolean().default(false),
});
export type Variable = z.infer<typeof VariableSchema>;

// Auth schemas live in ./auth (one file per type); re-exported here where they always were.
export {
  CredentialRefSchema,
  HistoryAuthSchema,
  SavedAuthSchema,
  SavedAwsAuthSchema,
  type CredentialRef,
  type HistoryAuth,
  type SavedAuth,
  type SavedAwsAuth,
} from './auth';

/** How a text body should be shown and which Content-Type it implies. */
/** `graphql`: the text is the JSON body of a GraphQL POST (`{query, variables, operationName}`), shown as its parts. */
export const TextLanguageSchema = z.enum(['json', 'xml', 'raw', 'graphql']);
export type TextLanguage = z.infer<typeof TextLanguageSchema>;

/** One part of a multipart body: a text field or a file read at send time. */
export const MultipartPartSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    name: z.string().max(64 * 1024),
    value: z.string().max(1024 * 1024),
    contentType: z.string().max(1024).optional(),
    isEnabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('file'),
    name: z.string().max(64 * 1024),
    /** A path on the machine that sends; the bytes are never stored. */
    filePath: z.string().max(4096),
    contentType: z.string().max(1024).optional(),
    isEnabled: z.boolean().default(true),
  }),
]);
export type MultipartPart = z.infer<typeof MultipartPartSchema>;

/** The body of a saved request. File bodies keep a path, never the bytes. */
export const SavedBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('text'),
    language: TextLanguageSchema.default('raw'),
    text: z.string().max(50 * 1024 * 1024),
    contentType: z.string().max(1024).optional(),
  }),
  z.object({ kind: z.literal('form-urlencoded'), rows: z.array(KeyValueRowSchema).max(1000) }),
  z.object({ kind: z.literal('multipart'), parts: z.array(MultipartPartSchema).max(1000) }),
  z.object({ kind: z.literal('binary'), filePath: z.string().max(4096), contentType: z.string().max(1024).optional() }),
]);
export type SavedBody = z.infer<typeof SavedBodySchema>;

/** Settings a collection or folder hands down to what it contains, unless they override. */
export const InheritedSettingsSchema = z.object({
  auth: SavedAuthSchema.default({ type: 'inherit' }),
  /** Added to every request below; a request header of the same name wins. */
  headers: z.array(KeyValueRowSchema).max(500).default([]),
  variables: z.array(VariableSchema).max(5000).default([]),
});
export type InheritedSettings = z.infer<typeof InheritedSettingsSchema>;

/** Settings with nothing set: auth inherited, no headers, no variables. */
export function emptySettings(): InheritedSettings {
  return { auth: { type: 'inherit' }, headers: [], variables: [] };
}

/** A proxy URL without its `user:password@`, which saved data never holds. */
export function withoutProxyCredentials(proxyUrl: string): string {
  return proxyUrl.replace(/^(https?:\/\/)[^/?#]*@/i, '$1');
}

const sendOption = SendOptionsSchema.shape;

/**
 * A request's own send options: the fields and limits of `SendOptionsSchema`, each optional and
 * without a default. A field is saved only where the request differs from the window's defaults;
 * one left out follows those defaults when the request is opened.
 */
export const SavedSendOptionsSchema = z.object({
  timeoutMs: sendOption.timeoutMs.unwrap().optional(),
  isFollowingRedirects: sendOption.isFollowingRedirects.unwrap().optional(),
  maxRedirects: sendOption.maxRedirects.unwrap().optional(),
  /** Security: false only by the user's choice for this request; the Options tab warns whenever it is shown. */
  isTlsVerified: sendOption.isTlsVerified.unwrap().optional(),
  caBundlePem: sendOption.caBundlePem,
  // Security: a proxy's user name and password are stripped whenever this is parsed (saving,
  // loading, importing), so no saved file ever holds them.
  proxyUrl: sendOption.proxyUrl.unwrap().transform(withoutProxyCredentials).optional(),
  connectTo: sendOption.connectTo,
});
export type SavedSendOptions = z.infer<typeof SavedSendOptionsSchema>;

/**
 * A saved request. `url` is the address without its query string; the query lives in `params`
 * (each row as typed, enabled or not) and is appended in order when the request is resolved.
 */
export const SavedRequestSchema = z.object({
  kind: z.literal('request'),
  id: EntityIdSchema,
  name: ItemNameSchema,
  description: z
    .string()
    .max(64 * 1024)
    .optional(),
  method: z.string().min(1).max(32),
  url: z.string().max(64 * 1024),
  params: z.array(KeyValueRowSchema).max(1000).default([]),
  headers: z.array(KeyValueRowSchema).max(500).default([]),
  body: SavedBodySchema.default({ kind: 'none' }),
  auth: SavedAuthSchema.default({ type: 'inherit' }),
  /** Absent when every send option is the window's default (and in files written before options were saved). */
  options: SavedSendOptionsSchema.optional(),
  /** Declarative tests of the response (the Tests tab); absent when there are none. */
  checks: z.array(CheckSchema).max(200).optional(),
  /** Variables set from the response for the requests that follow; absent when there are none. */
  captures: z.array(CaptureSchema).max(100).optional(),
  /**
   * Present on a WebSocket request (a `ws://`/`wss://` URL, connected rather than sent): its saved
   * messages. Absent on HTTP requests, so files written before WebSocket requests read unchanged.
   */
  websocket: SavedWebSocketSchema.optional(),
});
export type SavedRequest = z.infer<typeof SavedRequestSchema>;

/** A folder: settings for what it holds, and requests and folders in the user's order. */
export const FolderSchema = z.object({
  kind: z.literal('folder'),
  id: EntityIdSchema,
  name: ItemNameSchema,
  description: z
    .string()
    .max(64 * 1024)
    .optional(),
  settings: InheritedSettingsSchema.default(emptySettings),
  get items(): z.ZodDefault<z.ZodArray<typeof CollectionItemSchema>> {
    return z.array(CollectionItemSchema).default([]);
  },
});
export type Folder = z.infer<typeof FolderSchema>;

/** A request or a folder: anything that sits in a collection or folder. */
export const CollectionItemSchema = z.discriminatedUnion('kind', [SavedRequestSchema, FolderSchema]);
export type CollectionItem = z.infer<typeof CollectionItemSchema>;

/** A collection: the root of a tree of folders and requests, with its own settings. */
export const CollectionSchema = z.object({
  id: EntityIdSchema,
  name: ItemNameSchema,
  description: z
    .string()
    .max(64 * 1024)
    .optional(),
  settings: InheritedSettingsSchema.default(emptySettings),
  items: z.array(CollectionItemSchema).default([]),
});
export type Collection = z.infer<typeof CollectionSchema>;

/** An environment such as dev or prod: variables that apply while it is active. */
export const EnvironmentSchema = z.object({
  id: EntityIdSchema,
  name: ItemNameSchema,
  variables: z.array(VariableSchema).max(5000).default([]),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

/** A deleted request's name, and the collection it was in. */
export const DeletedRequestSchema = z.object({
  requestId: EntityIdSchema,
  name: z.string(),
  collectionId: EntityIdSchema,
  collectionName: z.string(),
});
export type DeletedRequest = z.infer<typeof DeletedRequestSchema>;

/** Everything the sidebar shows: collections, environments and which environment is active. */
export const WorkspaceSchema = z.object({
  collections: z.array(CollectionSchema).default([]),
  environments: z.array(EnvironmentSchema).default([]),
  activeEnvironmentId: EntityIdSchema.nullable().default(null),
  /**
   * Collections the user trusts: made in the app, or imported and then trusted. Security: a
   * collection not listed (every import, whatever its file says) reads no file, uses no
   * connect-to, no `Host` override on a signed request, and no credentials.
   */
  trustedCollectionIds: z.array(EntityIdSchema).default([]),
  /**
   * Environments imported and not trusted yet (an environment made in the app is never listed).
   * Security: a listed environment's values choose no host, header, file or credential in a send.
   */
  untrustedEnvironmentIds: z.array(EntityIdSchema).default([]),
  /**
   * Where the requests deleted lately were, newest last (`deleted-origins.ts`). Security: a tab
   * left open on a deleted request is the user's own only if its collection was trusted; this
   * tells, after a restart too.
   */
  deletedRequests: z.array(DeletedRequestSchema).default([]),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** One send, as recorded: the resolved request without secrets and a summary of what came back. */
export const HistoryEntrySchema = z.object({
  id: EntityIdSchema,
  at: z.string(),
  request: z.object({
    method: z.string(),
    /** After substitution; signature and token query parameters removed. */
    url: z.string(),
    /** After substitution; `Authorization`, `X-Amz-Security-Token` and secret-variable values redacted. */
    headers: z.array(z.tuple([z.string(), z.string()])),
    body: SavedBodySchema,
    /** Set when a long text body was cut to its first 64 KiB to keep history small. */
    isBodyTruncated: z.boolean().optional(),
    auth: HistoryAuthSchema,
    /** The send options used (timeout, redirects, TLS, CA bundle, proxy without its password, connect-to); absent before schema version 2. */
    options: SavedSendOptionsSchema.optional(),
  }),
  response: z
    .object({
      status: z.number().int(),
      statusText: z.string(),
      durationMs: z.number(),
      sizeBytes: z.number().int(),
      contentType: z.string().optional(),
    })
    .optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /**
   * The saved request this send came from, when there was one, and whether its collection was
   * trusted when it was sent (absent in entries recorded before Shomei kept it: not known).
   */
  origin: z
    .object({ collectionId: EntityIdSchema, requestId: EntityIdSchema, wasTrusted: z.boolean().optional() })
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** What one import dropped, and why, for the report the user reads. */
export const DroppedItemSchema = z.object({
  /** Where in the source it was, e.g. `Orders / Create order › auth.secretKey`. */
  path: z.string(),
  what: z.string(),
  why: z.string(),
});
export type DroppedItem = z.infer<typeof DroppedItemSchema>;

/** The report every import returns next to what it built. */
export const ImportReportSchema = z.object({
  /** Requests imported. */
  imported: z.number().int(),
  dropped: z.array(DroppedItemSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** A request as the editor sends it to be saved: everything but its kind and id. */
export const RequestDraftSchema = SavedRequestSchema.omit({ kind: true, id: true });
export type RequestDraft = z.infer<typeof RequestDraftSchema>;
export type RequestDraftInput = z.input<typeof RequestDraftSchema>;

/** One visible row of the sidebar tree. The UI renders only the rows on screen. */
export const TreeRowSchema = z.object({
  id: EntityIdSchema,
  kind: z.enum(['collection', 'folder', 'request']),
  collectionId: EntityIdSchema,
  depth: z.number().int(),
  name: z.string(),
  method: z.string().optional(),
  url: z.string().optional(),
  hasChildren: z.boolean(),
  isExpanded: z.boolean(),
  /** True when the row itself matched the filter (not only shown as an ancestor). */
  isMatch: z.boolean(),
});
export type TreeRow = z.infer<typeof TreeRowSchema>;
