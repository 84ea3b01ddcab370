import { z } from 'zod';
import { EMPTY_SECRET_REF, SecretRefSchema } from './secret-ref';

/** HTTP Basic: a user name (text, `{{variables}}` allowed) and a password in the vault or `{{variables}}`. */
export const SavedBasicAuthSchema = z.object({
  type: z.literal('basic'),
  username: z.string().max(1024).default(''),
  passwordRef: SecretRefSchema.default(EMPTY_SECRET_REF),
});
export type SavedBasicAuth = z.infer<typeof SavedBasicAuthSchema>;
