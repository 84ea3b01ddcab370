import { z } from 'zod';
import { EMPTY_SECRET_REF, SecretRefSchema } from './secret-ref';

/** A bearer token sent as `Authorization: <prefix> <token>`; the token is in the vault or `{{variables}}`. */
export const SavedBearerAuthSchema = z.object({
  type: z.literal('bearer'),
  tokenRef: SecretRefSchema.default(EMPTY_SECRET_REF),
  /** `Bearer` unless changed; empty sends the token alone (as API Gateway's Cognito authorizer wants). */
  prefix: z
    .string()
    .max(64)
    .regex(/^[^\r\n\0]*$/)
    .default('Bearer'),
});
export type SavedBearerAuth = z.infer<typeof SavedBearerAuthSchema>;
