import { z } from 'zod';
import { EntityIdSchema, RequestDraftSchema } from './collections';
import {
  HeaderPairSchema,
  InlineCredentialsSchema,
  ResponseSummarySchema,
  SendOptionsSchema,
  SigningSummarySchema,
} from './http';

/** A caller-chosen id that names one send, so it can be cancelled and its progress followed. */
export const RequestIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Channels of the `request` domain. */
export const requestChannels = {
  'request:cancel': {
    input: z.object({ requestId: RequestIdSchema }).strict(),
    output: z.object({ wasCancelled: z.boolean() }),
  },
  /** A slice of a large response body that was streamed to a temporary file (its `bodyId`). */
  'response:read-body': {
    input: z
      .object({
        bodyId: z.string().min(1).max(128),
        offset: z.number().int().min(0),
        length: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024),
      })
      .strict(),
    output: z.object({ base64: z.string(), offset: z.number().int(), length: z.number().int(), size: z.number().int(), isEnd: z.boolean() }),
  },
} as const;

/**
 * True when the Auth tab says "Keys typed or pasted here": main then refuses to sign without
 * `credentials` instead of falling back to any other source.
 */
export const UsesTypedKeysSchema = z.boolean().optional();

/** What every draft channel takes: the editor's request, where it was opened from, typed keys and send options. */
export const DraftInputSchema = z
  .object({
    request: RequestDraftSchema,
    savedRequestId: EntityIdSchema.optional(),
    credentials: InlineCredentialsSchema.optional(),
    usesTypedKeys: UsesTypedKeysSchema,
    options: SendOptionsSchema.optional(),
  })
  .strict();

/**
 * Sending a request as the editor holds it (with `{{variables}}`): main substitutes from the active
 * environment and, for a saved request, its collection and folders; then signs, sends, and records
 * the send in history without secrets. Typed keys, when given, are used for this send only.
 */
export const sendDraftChannels = {
  'request:send-draft': {
    input: DraftInputSchema.extend({
      requestId: RequestIdSchema,
      /** The editor tab: an unsaved request's "send anyway" (see `trust:confirm-destination`) is remembered for it. */
      tabId: RequestIdSchema.optional(),
    }).strict(),
    output: ResponseSummarySchema,
  },
  /**
   * The editor's request signed into its query string, not sent: a presigned URL to copy. It
   * carries the session token when the credentials have one — that is what a presigned URL is.
   */
  'request:presign-draft': {
    input: DraftInputSchema,
    output: z.object({ url: z.string(), expiresAt: z.string() }),
  },
  /** The editor's request signed exactly as Send would sign it, not sent: the inspector's preview (redacted). */
  'request:inspect-draft': {
    input: DraftInputSchema,
    output: z.object({ url: z.string(), headers: z.array(HeaderPairSchema), signing: SigningSummarySchema }),
  },
} as const;

/** Events of the `request` domain. */
export const requestEvents = {
  /**
   * Where a send is: `renewing-token` (an expired OAuth or Cognito token, before anything is sent), `hashing`
   * a body file from disk, `signing`, `sending`, `uploading` a body file, `receiving` the answer,
   * `done`. `bytes` of `totalBytes` (when known) for the phase.
   */
  'request:progress': z.object({
    requestId: z.string(),
    phase: z.enum(['renewing-token', 'hashing', 'signing', 'sending', 'uploading', 'receiving', 'done']),
    bytes: z.number().int().optional(),
    totalBytes: z.number().int().optional(),
  }),
} as const;
