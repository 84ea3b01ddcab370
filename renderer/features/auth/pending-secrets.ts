import type { AppError } from '../../../shared/errors';
import { invoke } from '../../api/client';
import type { DraftAction, EditorDraft } from '../request/request-draft';

/**
 * Writes the secrets typed into auth fields to the vault (main), then drops them from the draft:
 * the window keeps only the ids. Nothing to write is a success.
 */
export async function storePendingSecrets(
  draft: Pick<EditorDraft, 'pendingSecrets'>,
  update: (action: DraftAction) => void,
): Promise<{ ok: true } | { ok: false; error: AppError }> {
  const values = Object.entries(draft.pendingSecrets)
    .filter(([, value]) => value !== '')
    .map(([id, value]) => ({ id, value }));
  if (values.length === 0) return { ok: true };
  const result = await invoke('auth:store-secrets', { values });
  if (!result.ok) return { ok: false, error: result.error };
  update({ type: 'secretsStored', ids: values.map((v) => v.id) });
  return { ok: true };
}
