import { z } from 'zod';
import { splitReferences } from '../../variables/references';

/** The id of a value an auth field keeps in the vault: `auth_` and random letters, so it never collides with a variable's id. */
export const AuthSecretIdSchema = z
  .string()
  .regex(/^auth_[A-Za-z0-9_-]{8,64}$/, 'An auth secret id is auth_ and 8 to 64 letters or digits');
export type AuthSecretId = z.infer<typeof AuthSecretIdSchema>;

/** True when `text` is nothing but `{{variable}}` references and blanks (or empty): safe to save as it is. */
export function isOnlyReferences(text: string): boolean {
  return splitReferences(text).every((piece) => piece.name !== undefined || piece.text.trim() === '');
}

/**
 * Where a secret auth field (a token, a password, an API key, a client secret) gets its value.
 * Saved data never holds the secret itself: either the id of a value in the vault, or text made
 * only of `{{variable}}` references (a secret variable then keeps the value in the vault too).
 * Empty `text` means "not set": the send is refused.
 */
export const SecretRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vault'), id: AuthSecretIdSchema }),
  z.object({
    kind: z.literal('variables'),
    // Security: literal text is refused here, so a saved or imported file can never carry a secret in this field.
    text: z
      .string()
      .max(4096)
      .refine(isOnlyReferences, 'Only {{variables}} may be saved here; a typed secret goes to the vault'),
  }),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

/** A secret field with nothing set. */
export const EMPTY_SECRET_REF: SecretRef = { kind: 'variables', text: '' };

/** True when the field has a value to look up (a vault id, or at least one reference). */
export function isSecretRefSet(ref: SecretRef): boolean {
  return ref.kind === 'vault' || ref.text.trim() !== '';
}
