import { z } from 'zod';
import { ApiKeyPlacementSchema, AuthChoiceSchema, OtherAuthsSchema } from './auth';
import { CaptureSchema, CheckSchema } from './checks';
import { EntityIdSchema, SavedAuthSchema, SavedBodySchema, withoutProxyCredentials } from './collections';
import { OutgoingMessageSchema, SavedMessageSchema } from './websocket-message';

// The open tabs as the editor holds them, kept by main so that a reload, a restart or a crash
// loses nothing ("hot exit"). Security: a draft here never holds typed keys — the Auth tab's
// access key, secret, session token and expiry are not part of this schema, and `.strict()`
// refuses a draft that carries them, so they cannot reach the file even by mistake; a proxy's
// user name and password are dropped from its URL.

const Text = (max: number) => z.string().max(max);
// Numbers are kept as typed (the editor checks them when sending): a draft is never refused for them.
const Row = z.object({ name: Text(64 * 1024), value: Text(1024 * 1024), isEnabled: z.boolean() }).strict();

/** The Auth tab's AWS Signature fields, without the typed keys. */
export const KeptAwsAuthSchema = z
  .object({
    credentialChoice: z.enum(['typed', 'inherit', 'profile', 'aws-profile', 'env', 'default-chain']),
    profileId: Text(256),
    awsProfile: Text(256),
    region: Text(256),
    service: Text(256),
    isScopeOverridden: z.boolean(),
    isQuerySigned: z.boolean(),
    expiresInSeconds: z.number(),
    payload: z.enum(['default', 'signed', 'unsigned']),
    isSessionTokenSigned: z.boolean(),
    // Kept before SigV4a existed: such a session reopens signing with SigV4.
    algorithm: z.enum(['sigv4', 'sigv4a']).default('sigv4'),
    regionSet: Text(256).default(''),
  })
  .strict();

/** The Options tab as edited. */
export const KeptSendOptionsSchema = z
  .object({
    timeoutSeconds: z.number(),
    isFollowingRedirects: z.boolean(),
    maxRedirects: z.number(),
    isTlsVerified: z.boolean(),
    caBundlePem: Text(1024 * 1024),
    // Security: a proxy's user name and password are stripped here, as from saved requests.
    proxyUrl: Text(4096).transform(withoutProxyCredentials),
    connectTo: Text(4096),
  })
  .strict();

/** Everything the editor holds for one request, except typed keys. */
export const KeptDraftSchema = z
  .object({
    method: Text(32),
    url: Text(64 * 1024),
    params: z.array(Row).max(1000),
    headers: z.array(Row).max(500),
    bodyKind: z.enum(['none', 'json', 'text', 'xml', 'form', 'multipart', 'binary', 'graphql']),
    bodyText: Text(50 * 1024 * 1024),
    formRows: z.array(Row).max(1000),
    parts: z.array(Row.extend({ kind: z.enum(['text', 'file']), contentType: Text(1024) }).strict()).max(1000),
    binaryPath: Text(4096),
    binaryContentType: Text(1024),
    // Sessions kept before GraphQL bodies existed have none.
    graphql: z
      .object({ query: Text(50 * 1024 * 1024), variables: Text(50 * 1024 * 1024), operationName: Text(1024) })
      .strict()
      .default({ query: '', variables: '', operationName: '' }),
    authType: AuthChoiceSchema,
    aws: KeptAwsAuthSchema,
    // The other auth types in their saved form: vault ids and `{{references}}`, never a secret.
    // Security: values typed into secret fields (`pendingSecrets`) are not part of this schema.
    // Tabs kept before these auth types existed have none.
    auths: OtherAuthsSchema.default({}),
    apiKeyBeside: ApiKeyPlacementSchema.optional(),
    options: KeptSendOptionsSchema,
    // Kept before the Tests tab existed: such a tab reopens with none.
    checks: z.array(CheckSchema).max(200).default([]),
    captures: z.array(CaptureSchema).max(100).default([]),
    // A WebSocket tab: its message box and saved messages (no socket: a reopened tab connects again).
    websocket: z
      .object({ message: OutgoingMessageSchema.strict(), saved: z.array(SavedMessageSchema.strict()).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type KeptDraft = z.infer<typeof KeptDraftSchema>;

/** What the editor knows about the saved request a tab shows. */
export const KeptOpenedSchema = z
  .object({
    savedRequestId: EntityIdSchema.optional(),
    name: Text(256),
    description: Text(64 * 1024).optional(),
    location: Text(64 * 1024).optional(),
    savedAuth: SavedAuthSchema,
    preservedBody: SavedBodySchema.optional(),
  })
  .strict();

/** One open tab: its draft, the draft as last opened or saved (for the unsaved-changes dot), and its origin. */
export const KeptTabSchema = z
  .object({
    id: Text(128),
    draft: KeptDraftSchema,
    cleanDraft: KeptDraftSchema,
    opened: KeptOpenedSchema,
  })
  .strict();
export type KeptTab = z.infer<typeof KeptTabSchema>;

/** The window's open tabs, in order, and which one is active. Empty when nothing was kept yet. */
export const SessionSchema = z
  .object({
    tabs: z.array(KeptTabSchema).max(500),
    activeId: Text(128).nullable(),
  })
  .strict();
export type Session = z.infer<typeof SessionSchema>;

/** Channels of the `session` domain. */
export const sessionChannels = {
  /** The tabs kept at the last save (none on a first start). */
  'session:read': { input: z.object({}).strict(), output: SessionSchema },
  /** Replaces the kept tabs; answers once they are on disk. */
  'session:save': { input: SessionSchema, output: z.object({ savedAt: z.string() }) },
} as const;
