import { EMPTY_SECRET_REF, isOnlyReferences, type SecretRef } from '../../../shared/contract/auth';
import type { ImportContext } from '../io/io-types';

/** What an importer hands an auth type's mapping: its text conversion and the secret policy. */
export interface AuthImport {
  /** Non-secret text as the importer reads it (its `{{variables}}` in Shomei's form). */
  text(value: unknown): string;
  /**
   * A secret field of the file: kept when it is only `{{variables}}`; a literal value is dropped
   * and reported (the user sets it in the Auth tab, where it goes to the vault).
   */
  secret(value: unknown, field: string): SecretRef;
  /** Reports part of the auth Shomei does not support (an OAuth grant other than client credentials). */
  unsupported(what: string, why: string): void;
  /**
   * Reports an auth of a kind no auth type maps (`type` as the file names it), unless a mapping
   * already reported what it could not take.
   */
  unknownKind(type: string): void;
}

/** A parameter of a Postman auth, as the collection file writes it. */
export interface PostmanAuthParam {
  key: string;
  value: unknown;
  type: 'string' | 'boolean' | 'any';
}

/** The policy every importer applies to auth fields, with the importer's own text conversion. */
export function createAuthImport(
  path: string,
  context: ImportContext,
  convert: (text: string) => string = (t) => t,
): AuthImport {
  const text = (value: unknown) =>
    typeof value === 'string' ? convert(value) : typeof value === 'number' ? String(value) : '';
  let hasReported = false;
  return {
    text,
    unsupported(what, why) {
      hasReported = true;
      context.drop(`${path} › auth`, what, why);
    },
    unknownKind(type) {
      if (!hasReported)
        context.drop(`${path} › auth`, `${type} auth`, 'Shomei does not send this kind of auth; its credentials were not imported');
    },
    secret(value, field) {
      const converted = text(value).trim();
      if (converted === '') return EMPTY_SECRET_REF;
      // Security: anything imported is untrusted and a literal secret never lands in a collection file.
      if (isOnlyReferences(converted)) return { kind: 'variables', text: converted };
      context.drop(
        `${path} › auth.${field}`,
        field,
        'a secret is not imported: type it in the Auth tab, where it is kept in the vault',
      );
      return EMPTY_SECRET_REF;
    },
  };
}

/** A secret field as an export writes it: its `{{references}}`, or empty (the value stays in the vault). */
export function exportedSecret(ref: SecretRef): string {
  return ref.kind === 'variables' ? ref.text : '';
}

/** A Postman auth parameter. */
export function postmanParam(key: string, value: string): PostmanAuthParam {
  return { key, value, type: 'string' };
}
