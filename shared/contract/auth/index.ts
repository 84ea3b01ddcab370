import { z } from 'zod';
import { API_KEY_BESIDE, SavedApiKeyAuthSchema } from './api-key';
import { HistoryAwsAuthSchema, SavedAwsAuthSchema } from './aws-sigv4';
import { SavedBasicAuthSchema } from './basic';
import { SavedBearerAuthSchema } from './bearer';
import { SavedCognitoUserPoolAuthSchema } from './cognito-user-pool';
import { SavedOAuth2AuthSchema } from './oauth2';

/**
 * The one table of auth types the contract knows but AWS (whose saved and history forms differ):
 * each type's saved schema, with an API key beside it where one may ride. The saved and history
 * unions, the editor's choice and the editor's per-type drafts are derived from it. Adding a type:
 * its schema file beside this one and a line here, its core module and its window form.
 */
const OTHER_AUTH_SCHEMAS = {
  bearer: SavedBearerAuthSchema.extend(API_KEY_BESIDE),
  basic: SavedBasicAuthSchema.extend(API_KEY_BESIDE),
  'api-key': SavedApiKeyAuthSchema,
  'cognito-user-pool': SavedCognitoUserPoolAuthSchema.extend(API_KEY_BESIDE),
  oauth2: SavedOAuth2AuthSchema.extend(API_KEY_BESIDE),
} as const;
type OtherAuthSchemas = typeof OTHER_AUTH_SCHEMAS;
const OTHER_AUTH_TYPES = Object.keys(OTHER_AUTH_SCHEMAS) as Array<keyof OtherAuthSchemas>;
const otherAuthSchemas = Object.values(OTHER_AUTH_SCHEMAS) as Array<OtherAuthSchemas[keyof OtherAuthSchemas]>;

/** The auth of a saved request, folder or collection. `inherit` takes the parent's. Never holds a secret. */
export const SavedAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inherit') }),
  z.object({ type: z.literal('none') }),
  SavedAwsAuthSchema.extend(API_KEY_BESIDE),
  ...otherAuthSchemas,
]);
export type SavedAuth = z.infer<typeof SavedAuthSchema>;
/** Every auth type a request can be edited with, `none` included, in menu order. */
export const AuthChoiceSchema = z.enum(['none', 'aws-sigv4', ...OTHER_AUTH_TYPES]);

/** The saved form of each auth type but AWS (whose editor form is its own), as an editor tab keeps them. */
export const OtherAuthsSchema = z
  .object(
    Object.fromEntries(OTHER_AUTH_TYPES.map((type) => [type, OTHER_AUTH_SCHEMAS[type].optional()])) as {
      [T in keyof OtherAuthSchemas]: z.ZodOptional<OtherAuthSchemas[T]>;
    },
  )
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
  ...otherAuthSchemas,
]);
export type HistoryAuth = z.infer<typeof HistoryAuthSchema>;

export * from './api-key';
export * from './aws-sigv4';
export * from './basic';
export * from './bearer';
export * from './cognito-user-pool';
export * from './oauth2';
export * from './secret-ref';
