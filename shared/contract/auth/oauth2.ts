import { z } from 'zod';
import { EMPTY_SECRET_REF, SecretRefSchema } from './secret-ref';

const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\r\n\0]*$/, 'One line, no line breaks');

/** A parameter added to the token request's form body (`resource=…`, a vendor's own). Not a secret. */
export const OAuth2ExtraParamSchema = z.object({
  name: oneLine(256),
  value: oneLine(4096),
});
export type OAuth2ExtraParam = z.infer<typeof OAuth2ExtraParamSchema>;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): main asks the token URL for an access token with
 * the client id and secret, keeps it in memory until it expires (renewed before), and sends it as
 * `Authorization: <token_type> <token>`. The client secret is in the vault or `{{variables}}`.
 * `{{variables}}` in every field.
 */
export const SavedOAuth2AuthSchema = z.object({
  type: z.literal('oauth2'),
  tokenUrl: oneLine(4096).default(''),
  clientId: oneLine(1024).default(''),
  clientSecretRef: SecretRefSchema.default(EMPTY_SECRET_REF),
  /** Space-separated scopes; empty asks for the client's default. */
  scope: oneLine(4096).default(''),
  /** Sent as `audience` when set (Auth0 and others ask for it). */
  audience: oneLine(4096).default(''),
  extraParams: z.array(OAuth2ExtraParamSchema).max(50).default([]),
  /** How the client proves itself: an `Authorization: Basic` header (RFC 6749's preferred way; Cognito's) or `client_id`/`client_secret` in the body. */
  clientAuthentication: z.enum(['basic', 'body']).default('basic'),
});
export type SavedOAuth2Auth = z.infer<typeof SavedOAuth2AuthSchema>;
