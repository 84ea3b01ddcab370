import { z } from 'zod';
import { EntityIdSchema, RequestDraftSchema } from './collections';

/** What the window learns of an OAuth 2.0 access token main holds: when, until when, what scope. Never the token. */
export const OAuth2TokenSummarySchema = z.object({
  obtainedAt: z.string(),
  /** Absent when the token endpoint gave no `expires_in`. */
  expiresAt: z.string().optional(),
  /** `renew-soon`: within the margin before expiry, renewed at the next send. */
  state: z.enum(['fresh', 'renew-soon', 'expired']),
  scope: z.string(),
  tokenType: z.string(),
  /** Why the last early renewal failed (the old token, still valid, was used). */
  renewalError: z.string().optional(),
});
export type OAuth2TokenSummary = z.infer<typeof OAuth2TokenSummarySchema>;

/**
 * Which client: the editor's request as it holds it (its OAuth 2.0 auth, or the one it inherits)
 * and the saved request it was opened from, so collection variables and trust apply as for a send.
 */
const OAuth2DraftInputSchema = z
  .object({ request: RequestDraftSchema, savedRequestId: EntityIdSchema.optional() })
  .strict();

/** Channels of the `oauth2` domain. Client secrets and tokens never cross: only summaries. */
export const oauth2Channels = {
  /** Asks the token URL for a new token now (the request's TLS and proxy options apply). */
  'oauth2:get-token': { input: OAuth2DraftInputSchema, output: OAuth2TokenSummarySchema },
  /**
   * Whether the request sends with OAuth 2.0 client credentials (its own or inherited: `applies`),
   * and the token it would send with, if main holds one.
   */
  'oauth2:status': {
    input: OAuth2DraftInputSchema,
    output: z.object({ applies: z.boolean(), held: OAuth2TokenSummarySchema.nullable() }),
  },
  /** Drops the request's token from main; the next send asks for a new one. */
  'oauth2:forget-token': { input: OAuth2DraftInputSchema, output: z.object({ wasHeld: z.boolean() }) },
} as const;
