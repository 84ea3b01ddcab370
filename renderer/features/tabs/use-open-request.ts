import { useCallback } from 'react';
import type { RequestDraft } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { editorFromSaved } from '../collections/saved-draft';
import { isDirty, type useEditorTabs } from './use-editor-tabs';

/**
 * Opens a saved request or a history entry in a tab: a request already open is brought forward,
 * a fresh untouched tab is reused, else a new tab opens. A history entry sent with typed keys
 * asks for them again (they are kept nowhere).
 */
export function useOpenRequest(
  editorTabs: ReturnType<typeof useEditorTabs>,
  setSaveNote: (note: string | undefined) => void,
) {
  const { active } = editorTabs;
  const load = useCallback(
    (saved: RequestDraft, savedRequestId?: string, location?: string, typedKeyIdMasked?: string) => {
      const next = editorFromSaved(saved, savedRequestId, location);
      setSaveNote(undefined);
      if (typedKeyIdMasked !== undefined) {
        // A send from history signed with typed keys, which are kept nowhere: ask for them again.
        next.draft.aws = { ...next.draft.aws, credentialChoice: 'typed' };
        setSaveNote(`Sent with typed keys ${typedKeyIdMasked}: type or paste them again to re-send`);
      }
      // A request already open is brought forward; a fresh untouched tab is reused; else a new tab.
      const openAlready =
        savedRequestId === undefined
          ? undefined
          : editorTabs.tabs.find((tab) => tab.opened.savedRequestId === savedRequestId);
      if (openAlready) {
        editorTabs.relocate(openAlready.id, { name: next.opened.name, location: next.opened.location });
        return editorTabs.activate(openAlready.id);
      }
      const isFresh =
        !isDirty(active) &&
        active.opened.savedRequestId === undefined &&
        active.response === undefined &&
        active.draft.url === '';
      if (isFresh) editorTabs.load(next.draft, next.opened);
      else editorTabs.open(next.draft, next.opened);
    },
    [editorTabs, active, setSaveNote],
  );

  const openSaved = useCallback(
    async (id: string) => {
      const result = await invoke('collections:get-request', { id });
      if (!result.ok) return setSaveNote(result.error.message);
      const { kind: _kind, id: savedId, ...saved } = result.value.request;
      load(saved, savedId, result.value.path.join(' / '));
    },
    [load, setSaveNote],
  );

  return { load, openSaved };
}
