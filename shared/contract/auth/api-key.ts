import { z } from 'zod';
import { EMPTY_SECRET_REF, SecretRefSchema } from './secret-ref';

/** API Gateway's header for the key of a usage plan. */
export const API_GATEWAY_KEY_HEADER = 'x-api-key';

/** Where an API key goes and where its value comes from (the vault or `{{variables}}`, never the file). */
export const ApiKeyPlacementSchema = z.object({
  in: z.enum(['header', 'query']).default('header'),
  /** A header or query parameter name; `{{variables}}` allowed. */
  name: z.string().max(256).default(API_GATEWAY_KEY_HEADER),
  valueRef: SecretRefSchema.default(EMPTY_SECRET_REF),
});
export type ApiKeyPlacement = z.infer<typeof ApiKeyPlacementSchema>;

/** An API key on its own: the request's only auth. */
export const SavedApiKeyAuthSchema = ApiKeyPlacementSchema.extend({ type: z.literal('api-key') });
export type SavedApiKeyAuth = z.infer<typeof SavedApiKeyAuthSchema>;

/**
 * The field an auth type gets for an API key sent beside it (an API Gateway API with IAM or a
 * Cognito authorizer *and* a usage plan needs both): `Schema.extend(API_KEY_BESIDE)`. The key is
 * added before the request is signed.
 */
export const API_KEY_BESIDE = { apiKey: ApiKeyPlacementSchema.optional() };
