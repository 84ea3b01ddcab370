import { z } from 'zod';
import { AccessKeyIdSchema, AwsProfileNameSchema, CredentialSourceSchema, ExpirationSchema, RegionSchema } from './http';

/** An IAM role ARN (`arn:aws:iam::123456789012:role/Name`; gateways may leave the account out). */
export const RoleArnSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^arn:aws[a-z-]*:iam::\d{0,12}:role\/\S+$/, 'A role ARN looks like arn:aws:iam::123456789012:role/Name');

/** Where an assumed role gets the credentials that call `sts:AssumeRole`: any source but typed keys. */
export const BaseSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('profile'), profileId: z.string().min(1).max(256) }),
  z.object({ source: z.literal('aws-profile'), profile: AwsProfileNameSchema }),
  z.object({ source: z.literal('env') }),
  z.object({ source: z.literal('default-chain') }),
]);
export type BaseSource = z.infer<typeof BaseSourceSchema>;

/** The settings of an AssumeRole credential profile. None of it is secret. */
export const AssumeRoleSettingsSchema = z.object({
  base: BaseSourceSchema,
  roleArn: RoleArnSchema,
  sessionName: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[\w+=,.@-]+$/, 'A session name is letters, digits and +=,.@-_')
    .default('shomei'),
  externalId: z.string().trim().min(2).max(1224).optional(),
  durationSeconds: z.number().int().min(900).max(43_200).default(3600),
  /** When set, each AssumeRole asks the user for a fresh MFA code. */
  mfaSerial: z.string().trim().min(9).max(256).optional(),
  /** An STS endpoint other than the region's default (a VPC endpoint, a gateway in tests). */
  stsEndpoint: z
    .string()
    .trim()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#]+\/?$/i, 'An STS endpoint is https://host[:port]')
    .optional(),
  stsRegion: RegionSchema.optional(),
});
export type AssumeRoleSettings = z.infer<typeof AssumeRoleSettingsSchema>;

/**
 * The settings of a Cognito identity pool credential profile: GetId + GetCredentialsForIdentity
 * give temporary AWS keys, unauthenticated or for a user pool login (the ID token of a Cognito
 * sign-in the user made in an Auth tab, named by its pool, app client and user). None of it is secret.
 */
export const CognitoIdentitySettingsSchema = z.object({
  /** `us-east-1:1a2b3c4d-…` */
  identityPoolId: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+:[0-9a-f-]{1,64}$/i, 'An identity pool id looks like us-east-1:1a2b3c4d-5e6f-…'),
  /** A Cognito Identity endpoint other than AWS's (a gateway, a test server). */
  endpoint: z
    .string()
    .trim()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#]+\/?$/i, 'An endpoint is https://host[:port]')
    .optional(),
  /** Absent: unauthenticated (guest) access, when the pool allows it. */
  login: z
    .object({
      region: RegionSchema,
      userPoolId: z.string().trim().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'A user pool id looks like us-east-1_AbC123'),
      clientId: z.string().trim().min(1).max(256),
      username: z.string().trim().min(1).max(256),
      /** The user pool's endpoint when the sign-in used another (cognito-local). */
      endpoint: z.string().trim().max(2048).optional(),
    })
    .optional(),
});
export type CognitoIdentitySettings = z.infer<typeof CognitoIdentitySettingsSchema>;

/** The region of an identity pool: its id's prefix. */
export function identityPoolRegion(identityPoolId: string): string {
  return identityPoolId.split(':')[0] ?? '';
}

/** Keys as the user saves them; write-only (they go to main and never come back). */
export const KeysInputSchema = z.object({
  accessKeyId: AccessKeyIdSchema,
  secretAccessKey: z.string().trim().min(1, 'Fill in the secret access key').max(256),
  sessionToken: z.string().trim().max(8192).optional(),
  expiration: ExpirationSchema.optional(),
  accountId: z.string().regex(/^\d{12}$/).optional(),
});

/** What the renderer may know of a saved credential profile: never a secret. */
export const CredentialProfileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['keys', 'assume-role', 'cognito-identity']),
  /** `ASIA…WXYZ`; for an assumed role, the key currently cached (if any). */
  keyIdMasked: z.string().optional(),
  hasSessionToken: z.boolean(),
  /** When the keys (or the cached assumed keys) stop working. */
  expiration: z.string().optional(),
  accountId: z.string().optional(),
  assumeRole: AssumeRoleSettingsSchema.optional(),
  cognitoIdentity: CognitoIdentitySettingsSchema.optional(),
  updatedAt: z.string(),
  /** Set when the stored blob cannot be decrypted (tampered, or another keychain). */
  problem: z.string().optional(),
});
export type CredentialProfileSummary = z.infer<typeof CredentialProfileSummarySchema>;

/** How secrets are kept in this host, for the UI to say which protection is in force. */
export const VaultStatusSchema = z.object({
  kind: z.enum(['os-keychain', 'passphrase', 'session-only', 'test']),
  description: z.string(),
  /** `new`: a passphrase vault whose passphrase is not chosen yet. */
  state: z.enum(['ready', 'locked', 'new']),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

/** A `~/.aws` profile as listed (no keys). */
export const AwsProfileSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(['static', 'assume-role', 'sso', 'process', 'web-identity', 'other']),
  region: z.string().optional(),
  /** Which files mention it. */
  files: z.array(z.enum(['config', 'credentials'])),
});
export type AwsProfileSummary = z.infer<typeof AwsProfileSummarySchema>;

const ProfileIdSchema = z.string().min(1).max(256);
const ProfileNameSchema = z.string().trim().min(1, 'Name the profile').max(120);

/** The credential manager and the vault. Inputs may carry secrets (renderer → main); outputs never do. */
export const credentialsChannels = {
  'vault:status': { input: z.object({}).strict(), output: VaultStatusSchema },
  /** Chooses the passphrase (first time) or unlocks the vault; a wrong passphrase is refused. */
  'vault:unlock': {
    input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    output: VaultStatusSchema,
  },
  'vault:lock': { input: z.object({}).strict(), output: VaultStatusSchema },
  'credentials:list': {
    input: z.object({}).strict(),
    output: z.object({ profiles: z.array(CredentialProfileSummarySchema) }),
  },
  /**
   * Saves keys (typed, or pasted text main reads itself) or AssumeRole settings as a named
   * profile. With `id`, replaces that profile's contents (an edit); keys left out stay as they were.
   */
  'credentials:save': {
    input: z
      .object({
        id: ProfileIdSchema.optional(),
        name: ProfileNameSchema,
        keys: KeysInputSchema.optional(),
        pastedText: z.string().max(64 * 1024).optional(),
        assumeRole: AssumeRoleSettingsSchema.optional(),
        cognitoIdentity: CognitoIdentitySettingsSchema.optional(),
      })
      .strict(),
    output: CredentialProfileSummarySchema,
  },
  'credentials:rename': {
    input: z.object({ id: ProfileIdSchema, name: ProfileNameSchema }).strict(),
    output: CredentialProfileSummarySchema,
  },
  'credentials:delete': { input: z.object({ id: ProfileIdSchema }).strict(), output: z.object({}) },
  /** Assumes the role of an AssumeRole profile now (with the MFA code when it needs one), or gets a Cognito identity pool's keys now, and caches the keys. */
  'credentials:assume': {
    input: z.object({ id: ProfileIdSchema, mfaCode: z.string().regex(/^\d{6}$/, 'An MFA code is 6 digits').optional() }).strict(),
    output: CredentialProfileSummarySchema,
  },
  /** The profiles of `~/.aws/config` and `~/.aws/credentials` (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
  'credentials:aws-profiles': {
    input: z.object({}).strict(),
    output: z.object({ profiles: z.array(AwsProfileSummarySchema), configFile: z.string(), sharedCredentialsFile: z.string() }),
  },
  /** `sts:GetCallerIdentity` with the given source: who these credentials are. */
  'credentials:check-identity': {
    input: z
      .object({
        credentials: CredentialSourceSchema,
        region: RegionSchema.optional(),
        stsEndpoint: AssumeRoleSettingsSchema.shape.stsEndpoint,
      })
      .strict(),
    output: z.object({ account: z.string(), arn: z.string(), userId: z.string(), keyIdMasked: z.string() }),
  },
} as const;

/** Main's credential profiles or vault changed (saved, renamed, deleted, assumed, locked, unlocked): every view of them reads again. */
export const credentialsEvents = {
  'credentials:changed': z.object({}),
} as const;
