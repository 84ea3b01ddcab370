import { z } from 'zod';
import {
  CollectionSchema,
  EntityIdSchema,
  EnvironmentSchema,
  HistoryEntrySchema,
  ImportReportSchema,
  InheritedSettingsSchema,
  ItemNameSchema,
  RequestDraftSchema,
  SavedRequestSchema,
  TreeRowSchema,
  VariableSchema,
} from './collections';
import { RequestIdSchema } from './request';

const Empty = z.object({}).strict();

/** Every format the import dialog offers; `auto` detects it. */
export const ImportFormatSchema = z.enum(['shomei', 'postman', 'postman-environment', 'insomnia', 'curl', 'openapi', 'har', 'bruno']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** A note an export carries: what the receiver must set up (a credential profile) or will miss. */
export const ExportNoteSchema = z.object({ path: z.string(), message: z.string() });

/** A folder or collection that can receive a request, for "Save as" and "Move to". */
export const ContainerSummarySchema = z.object({
  id: EntityIdSchema,
  collectionId: EntityIdSchema,
  /** `Collection / Folder / Subfolder`. */
  path: z.string(),
  depth: z.number().int(),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

/** A variable as the environment editor sends it; a secret one may carry a new value once. */
export const VariableInputSchema = VariableSchema.extend({ id: EntityIdSchema.optional() });

/** A store file that could not be read at start and was moved aside (never deleted). */
export const StoreNoticeSchema = z.object({
  store: z.string(),
  movedTo: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type StoreNotice = z.infer<typeof StoreNoticeSchema>;

/** Channels of the `collections` domain. */
export const collectionsChannels = {
  'collections:notices': { input: Empty, output: z.array(StoreNoticeSchema) },
  'collections:list': { input: Empty, output: z.array(z.object({ id: EntityIdSchema, name: z.string() })) },
  'collections:rows': {
    input: z
      .object({
        filter: z.string().max(500).optional(),
        expandedIds: z.array(EntityIdSchema).max(20_000).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(2000).default(200),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(TreeRowSchema) }),
  },
  'collections:containers': { input: Empty, output: z.array(ContainerSummarySchema) },
  'collections:get': { input: z.object({ id: EntityIdSchema }).strict(), output: CollectionSchema },
  'collections:get-request': {
    input: z.object({ id: EntityIdSchema }).strict(),
    output: z.object({ collectionId: EntityIdSchema, path: z.array(z.string()), request: SavedRequestSchema }),
  },
  'collections:create-collection': {
    input: z.object({ name: ItemNameSchema }).strict(),
    output: z.object({ id: EntityIdSchema }),
  },
  'collections:create-folder': {
    input: z
      .object({ collectionId: EntityIdSchema, parentId: EntityIdSchema.nullish(), name: ItemNameSchema })
      .strict(),
    output: z.object({ id: EntityIdSchema }),
  },
  'collections:save-request': {
    input: z
      .object({
        /** Update this saved request; absent: create one at `placement`. */
        id: EntityIdSchema.optional(),
        placement: z.object({ collectionId: EntityIdSchema, parentId: EntityIdSchema.nullish() }).optional(),
        request: RequestDraftSchema,
        /** The unsaved editor tab a new request is saved from: its "send anyway" answers become the request's. */
        tabId: RequestIdSchema.optional(),
        /** The saved request the tab was opened from, when a new one is saved from it ("Save as"). */
        copiedFrom: EntityIdSchema.optional(),
      })
      .strict(),
    output: z.object({ id: EntityIdSchema, collectionId: EntityIdSchema }),
  },
  'collections:rename': { input: z.object({ id: EntityIdSchema, name: ItemNameSchema }).strict(), output: Empty },
  'collections:duplicate': {
    input: z.object({ id: EntityIdSchema }).strict(),
    output: z.object({ id: EntityIdSchema }),
  },
  'collections:move': {
    input: z
      .object({
        id: EntityIdSchema,
        collectionId: EntityIdSchema,
        parentId: EntityIdSchema.nullish(),
        index: z.number().int().min(0).optional(),
      })
      .strict(),
    output: Empty,
  },
  'collections:delete': {
    input: z.object({ id: EntityIdSchema }).strict(),
    output: z.object({ undoToken: EntityIdSchema, name: z.string() }),
  },
  'collections:undo': {
    input: z.object({ undoToken: EntityIdSchema }).strict(),
    output: z.object({ id: EntityIdSchema }),
  },
  'collections:get-settings': {
    input: z.object({ id: EntityIdSchema }).strict(),
    output: z.object({ kind: z.enum(['collection', 'folder']), name: z.string(), settings: InheritedSettingsSchema }),
  },
  'collections:update-settings': {
    input: z.object({ id: EntityIdSchema, settings: InheritedSettingsSchema.partial() }).strict(),
    output: InheritedSettingsSchema,
  },
  'collections:export': {
    input: z.object({ id: EntityIdSchema, format: z.enum(['shomei', 'postman']) }).strict(),
    output: z.object({ fileName: z.string(), text: z.string(), notes: z.array(ExportNoteSchema) }),
  },
  'collections:export-curl': {
    input: z.object({ id: EntityIdSchema }).strict(),
    output: z.object({ text: z.string(), notes: z.array(ExportNoteSchema) }),
  },
} as const;

/** Channels of the `environments` domain. Secret values go in, never come out. */
export const environmentsChannels = {
  'environments:list': {
    input: Empty,
    output: z.object({ environments: z.array(EnvironmentSchema), activeEnvironmentId: EntityIdSchema.nullable() }),
  },
  'environments:create': {
    input: z.object({ name: ItemNameSchema, variables: z.array(VariableInputSchema).max(5000).optional() }).strict(),
    output: EnvironmentSchema,
  },
  'environments:update': {
    input: z
      .object({
        id: EntityIdSchema,
        name: ItemNameSchema.optional(),
        variables: z.array(VariableInputSchema).max(5000).optional(),
      })
      .strict(),
    output: EnvironmentSchema,
  },
  'environments:delete': { input: z.object({ id: EntityIdSchema }).strict(), output: Empty },
  'environments:set-active': { input: z.object({ id: EntityIdSchema.nullable() }).strict(), output: Empty },
} as const;

/** A name a request can use in `{{…}}`, as the editor highlights it. Never carries a secret's value. */
export const VisibleVariableSchema = z
  .object({
    name: z.string(),
    /** True when a send would fill it: same precedence, secrets, nested references and loops as the send. */
    isResolved: z.boolean(),
    source: z.enum(['collection', 'environment', 'folder', 'run', 'built-in']),
    /** The collection's, environment's or folder's name; `Shomei` for a built-in. */
    sourceName: z.string(),
    isSecret: z.boolean(),
    /** A non-secret's value as defined (references not expanded, cut short), or what a built-in stands for. */
    preview: z.string().optional(),
    /** Why it is not resolved, as a sentence that names it. */
    problem: z.string().optional(),
  })
  // Security: a secret's value never crosses, even if a handler put it in the preview by mistake.
  .refine((variable) => !variable.isSecret || variable.preview === undefined, 'A secret has no preview');
export type VisibleVariable = z.infer<typeof VisibleVariableSchema>;

/** Channels of the `variables` domain: what the editor needs to mark `{{references}}` before a send. */
export const variablesChannels = {
  /** Every variable the request (opened from `savedRequestId`, if any) can use, with the active environment's name. */
  'variables:scope': {
    input: z.object({ savedRequestId: EntityIdSchema.optional() }).strict(),
    output: z.object({ environmentName: z.string().nullable(), variables: z.array(VisibleVariableSchema) }),
  },
} as const;

/** Events of the `variables` domain. */
export const variablesEvents = {
  /** What requests see of variables may have changed: an environment switched or edited, collection or folder settings, a move, the vault. */
  'variables:changed': z.object({}),
} as const;

/** Main's collections changed (saved, moved, renamed, deleted, imported, settings, trust): the sidebar reads them again. */
export const collectionsEvents = {
  'collections:changed': z.object({}),
} as const;

/** Main's history changed (a send was recorded, entries deleted or cleared, retention changed). */
export const historyEvents = {
  'history:changed': z.object({}),
} as const;

/** Channels of the `history` domain. */
export const historyChannels = {
  'history:list': {
    input: z
      .object({ query: z.string().max(500).optional(), limit: z.number().int().min(1).max(5000).optional() })
      .strict(),
    output: z.array(HistoryEntrySchema),
  },
  'history:reopen': { input: z.object({ id: EntityIdSchema }).strict(), output: RequestDraftSchema },
  'history:delete': { input: z.object({ id: EntityIdSchema }).strict(), output: Empty },
  'history:clear': { input: Empty, output: Empty },
  'history:retention': {
    input: z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    output: z.object({ limit: z.number().int() }),
  },
} as const;

/** Channels of the `import` domain. A failed import changes nothing. */
export const importChannels = {
  'import:run': {
    input: z
      .object({
        text: z
          .string()
          .min(1, 'Paste or choose something to import')
          .max(50 * 1024 * 1024),
        format: ImportFormatSchema.optional(),
      })
      .strict(),
    output: z.object({
      format: ImportFormatSchema,
      collectionId: EntityIdSchema.optional(),
      collectionName: z.string().optional(),
      environmentNames: z.array(z.string()),
      report: ImportReportSchema,
    }),
  },
} as const;

