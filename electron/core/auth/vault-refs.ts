import type { Collection, InheritedSettings, SavedAuth } from '../../../shared/contract/collections';
import { EMPTY_SECRET_REF } from '../../../shared/contract/auth';
import { walkItems } from '../collections/tree';

/**
 * Security: an auth field's `{ kind: 'vault', id }` names a value in this machine's vault. In a
 * file it names one of the sender's: on the receiver's machine it would read whatever the receiver
 * keeps under that id for another request (their own token, sent where the file says), and typing
 * a new value there would overwrite it. Imports and exports keep no vault id: the field is empty
 * ("not set"), as a secret's value is. `{{variable}}` references are kept.
 */
export function withoutVaultRefs<T extends SavedAuth>(auth: T): T {
  return emptyVaultRefs(auth) as T;
}

/** Every auth of a collection (its settings, its folders', its requests') without vault ids; the collection is changed in place. */
export function dropVaultRefs(collection: Collection): Collection {
  const settings = (s: InheritedSettings) => (s.auth = withoutVaultRefs(s.auth));
  settings(collection.settings);
  walkItems(collection.items, (item) => {
    if (item.kind === 'folder') settings(item.settings);
    else item.auth = withoutVaultRefs(item.auth);
  });
  return collection;
}

function emptyVaultRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(emptyVaultRefs);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.kind === 'vault' && typeof record.id === 'string') return { ...EMPTY_SECRET_REF };
  return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, emptyVaultRefs(field)]));
}
