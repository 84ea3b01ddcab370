import { z } from 'zod';
import { API_KEY_BESIDE, SavedApiKeyAuthSchema } from './api-key';
import { HistoryAwsAuthSchema, SavedAwsAuthSchema } from './aws-sigv4';
import { SavedBasicAuthSchema } from './basic';
import { SavedBearerAuthSchema } from './bearer';

// The one table of auth types the contract knows. Adding a type: its schema file beside this
// one, a line here (saved and history), its core module and its window form.

/** The auth of a saved request, folder or collection. `inherit` takes the parent's. Never holds a secret. */
export const SavedAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inherit') }),
  z.object({ type: z.literal('none') }),
  SavedAwsAuthSchema.extend(API_KEY_BESIDE),
  SavedBearerAuthSchema.extend(API_KEY_BESIDE),
  SavedBasicAuthSchema.extend(API_KEY_BESIDE),
  SavedApiKeyAuthSchema,
]);
export type SavedAuth = z.infer<typeof SavedAuthSchema>;
/** Every auth type a request can be edited with, `none` included, in menu order. */
export const AuthChoiceSchema = z.enum(['none', 'aws-sigv4', 'bearer', 'basic', 'api-key']);

/** The saved form of each auth type but AWS (whose editor form is its own), as an editor tab keeps them. */
export const OtherAuthsSchema = z
  .object({
    bearer: SavedBearerAuthSchema.extend(API_KEY_BESIDE).optional(),
    basic: SavedBasicAuthSchema.extend(API_KEY_BESIDE).optional(),
    'api-key': SavedApiKeyAuthSchema.optional(),
  })
  .strict();

/** A fresh auth of one type, every field at its default (secrets not set). */
export function defaultSavedAuth<T extends SavedAuth['type']>(type: T): SavedAuthOf<T> {
  return SavedAuthSchema.parse({ type }) as SavedAuthOf<T>;
}

/** Every auth type that sends something (not `inherit` or `none`): each has a core module and a window form. */
export type AuthType = Exclude<SavedAuth['type'], 'inherit' | 'none'>;
/** The saved auth of one type. */
export type SavedAuthOf<T extends SavedAuth['type']> = Extract<SavedAuth, { type: T }>;

/**
 * The auth of a sent request as history keeps it: where credentials came from, never the keys.
 * Types whose saved form holds only vault ids and `{{references}}` are kept as saved.
 */
export const HistoryAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  HistoryAwsAuthSchema.extend(API_KEY_BESIDE),
  SavedBearerAuthSchema.extend(API_KEY_BESIDE),
  SavedBasicAuthSchema.extend(API_KEY_BESIDE),
  SavedApiKeyAuthSchema,
]);
export type HistoryAuth = z.infer<typeof HistoryAuthSchema>;

export * from './api-key';
export * from './aws-sigv4';
export * from './basic';
export * from './bearer';
export * from './secret-ref';
