import { z } from 'zod';
import { DraftInputSchema, RequestIdSchema } from './request';

// AppSync real-time subscriptions: main owns the WebSocket and signs `connection_init` and each
// `start`; the window sees only events. No credential, signature or token crosses to the window.

/** A caller-chosen id that names one subscription (like a send's `requestId`). */
export const SubscriptionIdSchema = RequestIdSchema;

/** The largest piece of one message an event carries; `size` is always the whole message's. */
export const SUBSCRIPTION_PREVIEW_BYTES = 64 * 1024;

/** One thing that happened to a subscription, for the window's log. Never carries a credential. */
export const SubscriptionEventSchema = z.object({
  subscriptionId: z.string(),
  /** Order of events of this subscription, from 0. */
  seq: z.number().int(),
  at: z.string(),
  /**
   * `connected`: AppSync acknowledged `connection_init`; `subscribed`: it acknowledged the `start`;
   * `data`: a published event (`text` is its JSON payload); `error`: AppSync's error, or a dead
   * connection (no keep-alive in time); `complete`: AppSync ended the subscription; `closed`: the socket closed.
   */
  kind: z.enum(['connected', 'subscribed', 'data', 'error', 'complete', 'closed']),
  text: z.string().optional(),
  /** Bytes of the whole message. */
  size: z.number().int().optional(),
  isTruncated: z.boolean().optional(),
});
export type SubscriptionEvent = z.infer<typeof SubscriptionEventSchema>;

/** Channels of the `appsync` domain. */
export const appsyncChannels = {
  /**
   * Subscribes with the editor's GraphQL request (a `subscription` operation to an AppSync API):
   * resolved, trust-checked and given credentials exactly as a send; the connection URL's header
   * and the `start` signed (IAM) or carrying the API key or token. Resolves once AppSync
   * acknowledged the `start`; a refusal is `SUBSCRIPTION_REFUSED` naming AppSync's errors. Events follow.
   */
  'appsync:subscribe': {
    input: DraftInputSchema.extend({
      subscriptionId: SubscriptionIdSchema,
      /** The editor tab: an unsaved request's "connect anyway" (see `trust:confirm-destination`) is remembered for it. */
      tabId: RequestIdSchema.optional(),
    }).strict(),
    output: z.object({
      subscriptionId: z.string(),
      /** The real-time endpoint connected to, without its query (which holds the signed header). */
      realtimeUrl: z.string(),
      /** How long AppSync may stay silent before the connection counts as dead. */
      connectionTimeoutMs: z.number().int(),
    }),
  },
  /** Sends `stop`, waits for AppSync's `complete` (briefly) and closes; `wasActive` false when there was none. */
  'appsync:unsubscribe': {
    input: z.object({ subscriptionId: SubscriptionIdSchema }).strict(),
    output: z.object({ wasActive: z.boolean() }),
  },
} as const;

/** Events of the `appsync` domain. */
export const appsyncEvents = {
  'appsync:event': SubscriptionEventSchema,
} as const;
