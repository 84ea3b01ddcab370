import type { Collection, SavedAuth } from '../../../shared/contract/collections';
import { EMPTY_SECRET_REF } from '../../../shared/contract/auth';
import { walkItems } from '../collections/tree';

/**
 * Security: an auth field's `{ kind: 'vault', id }` names a value in this machine's vault. In a
 * file it names one of the sender's: on the receiver's machine it would read whatever the receiver
 * keeps under that id for another request (their own token, sent where the file says), and typing
 * a new value there would overwrite it. Imports and exports keep no vault id: the field is empty
 * ("not set"), as a secret's value is. `{{variable}}` references are kept.
 *
 * Changes every auth of `collection` (its settings, its folders', its requests') in place, and
 * returns where a field was emptied (`Collection / Folder / Request`), for the import report.
 */
export function dropVaultRefs(collection: Collection): string[] {
  const emptied: string[] = [];
  const strip = (auth: SavedAuth, path: string): SavedAuth => {
    let found = false;
    const stripped = emptyVaultRefs(auth, () => (found = true)) as SavedAuth;
    if (found) emptied.push(path);
    return stripped;
  };
  collection.settings.auth = strip(collection.settings.auth, collection.name);
  walkItems(collection.items, (item, ancestors) => {
    const path = [collection.name, ...ancestors.map((a) => a.name), item.name].join(' / ');
    if (item.kind === 'folder') item.settings.auth = strip(item.settings.auth, path);
    else item.auth = strip(item.auth, path);
  });
  return emptied;
}

/** True when the auth keeps a secret in this machine's vault, in any field (an API key beside it too). */
export function holdsVaultRef(auth: SavedAuth): boolean {
  let found = false;
  emptyVaultRefs(auth, () => (found = true));
  return found;
}

function emptyVaultRefs(value: unknown, onFound: () => void): unknown {
  if (Array.isArray(value)) return value.map((entry) => emptyVaultRefs(entry, onFound));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.kind === 'vault' && typeof record.id === 'string') {
    onFound();
    return { ...EMPTY_SECRET_REF };
  }
  return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, emptyVaultRefs(field, onFound)]));
}
