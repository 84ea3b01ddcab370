import { z } from 'zod';
import { EntityIdSchema } from './collections';
import { sendDraftChannels } from './request';

/**
 * A credential source the user may turn on for requests that choose none: the AWS default chain
 * or the environment's keys. Off (`null`) until the user turns it on.
 */
export const DefaultCredentialSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('default-chain') }),
  z.object({ source: z.literal('env') }),
]);
export type DefaultCredentialSource = z.infer<typeof DefaultCredentialSourceSchema>;

/** App-wide trust settings as the window sees them. None of it is secret. */
export const TrustSettingsViewSchema = z.object({
  /** Used only where a request, its folders and its collection choose no credentials; null: such a send is refused. */
  defaultCredentialSource: DefaultCredentialSourceSchema.nullable(),
  /** Body and multipart files are read only inside this folder (its real path), unless allowed one by one. */
  workingDirectory: z.string(),
  /** True while the working directory is the built-in one (not chosen by the user). */
  isWorkingDirectoryDefault: z.boolean(),
  /** Files outside the working directory the user allowed explicitly (real paths). */
  allowedFiles: z.array(z.string()),
});
export type TrustSettingsView = z.infer<typeof TrustSettingsViewSchema>;

/** What trusting an imported collection would allow, for the banner that offers it. */
export const TrustSummarySchema = z.object({
  collectionId: EntityIdSchema,
  collectionName: z.string(),
  isTrusted: z.boolean(),
  /** Hosts its requests send to (as written, `{{variables}}` unexpanded). */
  hosts: z.array(z.string()),
  /** Local files its bodies and multipart parts read. */
  files: z.array(z.string()),
  /** Credential sources it names (`Shomei profile …`, `~/.aws profile …`, `environment variables`, `the default chain`). */
  credentialSources: z.array(z.string()),
  /** Connect-to overrides and `Host` headers: where bytes would go other than the URL's host. */
  connectTo: z.array(z.string()),
  hostHeaders: z.array(z.string()),
  /** `{{variables}}` its requests take from the user's environment (referenced, not defined by the collection), by name. */
  environmentVariables: z.array(z.string()).default([]),
  /**
   * How its requests change the connection that carries a signature: certificate checks turned
   * off, certificate authorities of its own, a proxy — each with the host it applies to.
   */
  connections: z.array(z.string()).default([]),
});
export type TrustSummary = z.infer<typeof TrustSummarySchema>;

/** Details of a `CONFIRMATION_NEEDED` refusal whose signature would go elsewhere than its signed host. */
export const DestinationAskSchema = z.object({
  confirm: z.literal('destination'),
  signedFor: z.string(),
  sentTo: z.string(),
  reasons: z.array(z.string()),
  /** False in a run, or for a draft sent without a saved request or tab to remember the answer for. */
  canConfirm: z.boolean(),
});
export type DestinationAsk = z.infer<typeof DestinationAskSchema>;

/** Channels of the `trust` domain: app-wide trust settings and trusting imported collections. */
export const trustChannels = {
  'trust:settings': { input: z.object({}).strict(), output: TrustSettingsViewSchema },
  'trust:update-settings': {
    input: z
      .object({
        defaultCredentialSource: DefaultCredentialSourceSchema.nullable().optional(),
        /** An absolute folder; null goes back to the built-in one. */
        workingDirectory: z.string().min(1).max(4096).nullable().optional(),
      })
      .strict(),
    output: TrustSettingsViewSchema,
  },
  /** Allows one file outside the working directory, by the user's explicit choice. */
  'trust:allow-file': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: TrustSettingsViewSchema,
  },
  'trust:forget-file': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: TrustSettingsViewSchema,
  },
  /** What trusting a collection would allow; `isTrusted` says whether it already is. */
  'trust:summary': { input: z.object({ collectionId: EntityIdSchema }).strict(), output: TrustSummarySchema },
  /**
   * "Send anyway" for a send refused with `CONFIRMATION_NEEDED` (`details.confirm: 'destination'`):
   * the request (saved, or its tab) may send its signature for `signedFor` to `sentTo`. Main accepts
   * only a pair it asked about; another destination asks again.
   */
  'trust:confirm-destination': {
    input: z
      .object({
        savedRequestId: EntityIdSchema.optional(),
        tabId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/).optional(),
        signedFor: z.string().min(1).max(1000),
        sentTo: z.string().min(1).max(2000),
      })
      .strict(),
    output: z.object({ isConfirmed: z.literal(true) }),
  },
  /**
   * The active environment when it was imported and is not trusted yet (null otherwise), with what
   * trusting it would let it choose: its variables' names and, for non-secret ones, their values.
   */
  'trust:active-environment': {
    input: z.object({}).strict(),
    output: z
      .object({
        environmentId: EntityIdSchema,
        environmentName: z.string(),
        variables: z.array(z.object({ name: z.string(), value: z.string(), isSecret: z.boolean() })),
      })
      .nullable(),
  },
  /** The user trusts an imported environment: its values may choose hosts, headers, files and credentials. */
  'trust:trust-environment': {
    input: z.object({ environmentId: EntityIdSchema }).strict(),
    output: z.object({ isTrusted: z.literal(true) }),
  },
  /** The user trusts an imported collection: its files, connect-to, Host headers and credentials may be used. */
  'trust:trust-collection': { input: z.object({ collectionId: EntityIdSchema }).strict(), output: TrustSummarySchema },
} as const;

/**
 * The identity a request will sign with, resolved in main before sending: where the keys come
 * from, the key id masked, the account and the expiry when known. Never a secret.
 */
export const SendIdentitySchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    /** `keys typed here`, `saved profile dev`, `role arn:… (profile ops)`, `the default credential chain`, … */
    source: z.string(),
    /** True when the source is the app-wide default, not the request's own choice. */
    isAppDefault: z.boolean(),
    keyIdMasked: z.string().optional(),
    accountId: z.string().optional(),
    expiresAt: z.string().optional(),
  }),
  /** No signature: the request does not sign (`none`). */
  z.object({ state: z.literal('unsigned') }),
  /** The send would be refused: the message says what to choose. */
  z.object({ state: z.literal('blocked'), code: z.string(), message: z.string() }),
]);
export type SendIdentity = z.infer<typeof SendIdentitySchema>;

/** Channels of the send path that only describe: the identity next to Send. */
export const identityChannels = {
  /** The identity the editor's request would sign with, resolved now (no STS call); or why it would be refused. */
  'request:identity-draft': {
    input: sendDraftChannels['request:inspect-draft'].input,
    output: SendIdentitySchema,
  },
} as const;
