import { z } from 'zod';
import { EntityIdSchema, RequestDraftSchema } from './collections';

/** What a Cognito user pool session looks like to the window: who, where, until when. Never a token. */
export const CognitoSessionSummarySchema = z.object({
  /** Names the session (a hash of endpoint, region, pool, app client and user name). */
  key: z.string(),
  region: z.string(),
  userPoolId: z.string(),
  clientId: z.string(),
  username: z.string(),
  /** The user pool's endpoint when it is not AWS's (cognito-local); empty otherwise. */
  endpoint: z.string(),
  /** When the ID and access tokens stop working (the earlier of the two). */
  expiresAt: z.string(),
  /** Main renews the tokens before they expire while it holds a refresh token. */
  canRenew: z.boolean(),
});
export type CognitoSessionSummary = z.infer<typeof CognitoSessionSummarySchema>;

/** A challenge Cognito answered a sign-in with; main keeps Cognito's session for it under `challengeId`. */
export const CognitoChallengeSchema = z.object({
  challengeId: z.string(),
  challenge: z.enum(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'NEW_PASSWORD_REQUIRED']),
  /** Where an SMS code was sent (`+*******1234`), as Cognito says it. */
  destination: z.string().optional(),
});
export type CognitoChallenge = z.infer<typeof CognitoChallengeSchema>;

/** A sign-in's outcome: signed in, or a challenge to answer with `cognito:answer`. */
export const CognitoSignInResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), session: CognitoSessionSummarySchema }),
  z.object({ status: z.literal('challenge'), challenge: CognitoChallengeSchema }),
]);
export type CognitoSignInResult = z.infer<typeof CognitoSignInResultSchema>;

/**
 * Which sign-in: the editor's request as it holds it (its Cognito auth, or the one it inherits) and
 * the saved request it was opened from, so collection variables and trust apply as for a send.
 */
const CognitoDraftInputSchema = z
  .object({ request: RequestDraftSchema, savedRequestId: EntityIdSchema.optional() })
  .strict();

/** Channels of the `cognito` domain. Tokens and passwords never cross: only summaries. */
export const cognitoChannels = {
  /** Signs in with the request's Cognito user pool auth (InitiateAuth; SRP when chosen). */
  'cognito:sign-in': { input: CognitoDraftInputSchema, output: CognitoSignInResultSchema },
  /** Answers a challenge: the MFA code, or a new password for NEW_PASSWORD_REQUIRED. */
  'cognito:answer': {
    input: z
      .object({
        challengeId: z.string().min(1).max(128),
        code: z
          .string()
          .trim()
          .regex(/^\d{6,8}$/, 'An MFA code is 6 to 8 digits')
          .optional(),
        newPassword: z.string().min(1).max(256).optional(),
      })
      .strict(),
    output: CognitoSignInResultSchema,
  },
  /**
   * Whether the request sends with a Cognito user pool auth (its own or inherited: `applies`), which
   * token, and the session it would send with, if signed in.
   */
  'cognito:status': {
    input: CognitoDraftInputSchema,
    output: z.object({
      applies: z.boolean(),
      tokenUse: z.enum(['id', 'access']).optional(),
      session: CognitoSessionSummarySchema.nullable(),
    }),
  },
  /** Forgets the request's Cognito session (its tokens are dropped from main). */
  'cognito:sign-out': { input: CognitoDraftInputSchema, output: z.object({ wasSignedIn: z.boolean() }) },
  /** Every Cognito session main holds (for choosing the user-pool login of an identity pool). */
  'cognito:sessions': {
    input: z.object({}).strict(),
    output: z.object({ sessions: z.array(CognitoSessionSummarySchema) }),
  },
} as const;
