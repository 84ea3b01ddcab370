import { z } from 'zod';
import { PayloadPolicySchema, SigningAlgorithmSchema } from '../http';

/**
 * Where the credentials of a signed request come from. Saved data names a source, never keys:
 * a Shomei credential profile, a profile of `~/.aws/config`, the process environment, the AWS
 * default provider chain, or whatever the enclosing folder or collection says (`inherit`).
 */
export const CredentialRefSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('profile'), profileId: z.string().min(1).max(256) }),
  z.object({ source: z.literal('aws-profile'), profile: z.string().min(1).max(256) }),
  z.object({ source: z.literal('env') }),
  z.object({ source: z.literal('default-chain') }),
  z.object({ source: z.literal('inherit') }),
]);
export type CredentialRef = z.infer<typeof CredentialRefSchema>;

/** AWS SigV4 auth as saved: a credential source plus signing options; never a secret. */
export const SavedAwsAuthSchema = z.object({
  type: z.literal('aws-sigv4'),
  credentialSource: CredentialRefSchema.default({ source: 'inherit' }),
  /** Free text so that `{{region}}` works; empty means "inherit or guess from the host". */
  region: z.string().max(256).default(''),
  service: z.string().max(256).default(''),
  isQuerySigned: z.boolean().default(false),
  expiresInSeconds: z.number().int().min(1).max(604_800).default(900),
  /** Absent or true: the session token is signed; false: appended after signing. */
  isSessionTokenSigned: z.boolean().optional(),
  payload: PayloadPolicySchema.optional(),
  /** Absent: SigV4. */
  algorithm: SigningAlgorithmSchema.optional(),
  /** SigV4a's region set; free text so that `{{regions}}` works; empty or absent means `*`. */
  regionSet: z.string().max(512).optional(),
});
export type SavedAwsAuth = z.infer<typeof SavedAwsAuthSchema>;

/**
 * Where the keys of a recorded send came from: the source that signed it, by reference (a profile
 * by id), or `typed` keys by their masked key id. Never a key. `inherit` only in entries recorded
 * before history kept the source that signed (schema version 1), or for a send refused before one was chosen.
 */
export const HistoryCredentialSchema = z.union([
  CredentialRefSchema,
  z.object({ source: z.literal('typed'), keyIdMasked: z.string().max(64) }),
]);
export type HistoryCredential = z.infer<typeof HistoryCredentialSchema>;

/** AWS auth as history keeps it: where credentials came from and how it was signed, never the keys. */
export const HistoryAwsAuthSchema = z.object({
  type: z.literal('aws-sigv4'),
  credentialSource: HistoryCredentialSchema,
  /** The app-wide default signed it: nothing was chosen for the request itself. */
  isAppDefault: z.boolean().optional(),
  region: z.string(),
  service: z.string(),
  isQuerySigned: z.boolean(),
  expiresInSeconds: z.number().int().min(1).max(604_800),
  isSessionTokenSigned: z.boolean(),
  payload: PayloadPolicySchema.optional(),
  algorithm: SigningAlgorithmSchema.optional(),
  regionSet: z.string().max(512).optional(),
});
