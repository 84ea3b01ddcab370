import { z } from 'zod';
import { EMPTY_SECRET_REF, SecretRefSchema } from './secret-ref';

const OneLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\r\n\0]*$/, 'One line only')
    .default('');

/**
 * Amazon Cognito user pool sign-in. The window saves where to sign in and who; the password and
 * the app client's secret are vault ids or `{{variables}}`. Signing in is a separate, explicit step
 * (`cognito:sign-in`): main keeps the tokens in memory and sends the chosen one as
 * `Authorization: <prefix> <token>` (no prefix by default, as API Gateway's Cognito authorizer wants).
 */
export const SavedCognitoUserPoolAuthSchema = z.object({
  type: z.literal('cognito-user-pool'),
  /** `us-east-1`; empty takes it from the pool id (`us-east-1_AbC123`). */
  region: OneLine(64),
  userPoolId: OneLine(128),
  clientId: OneLine(256),
  /** Only for app clients that have a secret: SECRET_HASH is computed from it in main. */
  clientSecretRef: SecretRefSchema.default(EMPTY_SECRET_REF),
  username: OneLine(256),
  passwordRef: SecretRefSchema.default(EMPTY_SECRET_REF),
  /** USER_PASSWORD_AUTH, or SRP (the password never leaves main, even to Cognito) where the app client requires it. */
  flow: z.enum(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH']).default('USER_PASSWORD_AUTH'),
  /** Which token is sent: the ID token (API Gateway's Cognito authorizer) or the access token (scopes). */
  tokenUse: z.enum(['id', 'access']).default('id'),
  prefix: OneLine(64),
  /** A Cognito endpoint other than AWS's (cognito-local, a VPC endpoint); empty is AWS's. */
  endpoint: z
    .string()
    .max(2048)
    .regex(/^(|https?:\/\/[^\s/?#]+\/?)$/i, 'An endpoint is http(s)://host[:port]')
    .default(''),
});
export type SavedCognitoUserPoolAuth = z.infer<typeof SavedCognitoUserPoolAuthSchema>;

/** The region a user pool lives in: the one set, else the pool id's prefix (`eu-west-1_…`). */
export function cognitoRegionOf(region: string, userPoolId: string): string {
  const set = region.trim();
  if (set !== '') return set;
  const match = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/.exec(userPoolId.trim());
  return match?.[1] ?? '';
}
