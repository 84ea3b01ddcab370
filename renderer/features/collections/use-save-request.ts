import { useCallback, useState } from 'react';
import type { RequestDraft } from '../../../shared/contract/collections';
import type { ContainerSummary } from '../../../shared/contract/collections-channels';
import { invoke } from '../../api/client';
import { storePendingSecrets } from '../auth/pending-secrets';
import type { DraftAction, EditorDraft } from '../request/request-draft';
import { savedFromEditor, typedCredentials, type OpenedRequest } from './saved-draft';

/** What saving the active tab reads and changes in the window. */
export interface SaveRequestDeps {
  draft: EditorDraft;
  opened: OpenedRequest;
  /** The tab: an unsaved tab's "send anyway" answers go with the request it becomes. */
  tabId: string;
  update(action: DraftAction): void;
  setOpened(opened: OpenedRequest): void;
  markClean(): void;
  setSaveNote: (note: string | undefined | ((note: string | undefined) => string)) => void;
  /** Folders and collections to show open after a save, where the request now is. */
  setReveal(ids: string[]): void;
  /** Save of a request never saved: ask for its name and place (Save as). */
  askForName(): void;
}

/**
 * Save and Save as for the active tab: pending secrets go to the vault first, typed keys are
 * offered to be kept as an encrypted profile (a saved request never holds keys), and the tab
 * becomes the saved request, clean.
 */
export function useSaveRequest({
  draft,
  opened,
  tabId,
  update,
  setOpened,
  markClean,
  setSaveNote,
  setReveal,
  askForName,
}: SaveRequestDeps) {
  /** A save waiting for the answer to "keep the typed keys?". */
  const [keepingKeys, setKeepingKeys] = useState<{
    request: RequestDraft;
    write: (request: RequestDraft) => Promise<void>;
  }>();
  /**
   * Saves `request` with `write`, first offering to keep typed keys as an encrypted profile that
   * the saved request references (a saved request never holds keys).
   */
  const persist = useCallback(
    async (request: RequestDraft, write: (request: RequestDraft) => Promise<void>) => {
      if (request.auth.type === 'aws-sigv4' && typedCredentials(draft)) setKeepingKeys({ request, write });
      else await write(request);
    },
    [draft],
  );
  const keptKeys = useCallback(
    async (profileId: string, profileName: string) => {
      if (!keepingKeys || keepingKeys.request.auth.type !== 'aws-sigv4') return;
      setKeepingKeys(undefined);
      // From now on the editor holds only the profile's id: the typed secrets are dropped.
      update({
        type: 'aws',
        patch: {
          credentialChoice: 'profile',
          profileId,
          accessKeyId: '',
          secretAccessKey: '',
          sessionToken: '',
          expiration: '',
        },
      });
      await keepingKeys.write({
        ...keepingKeys.request,
        auth: { ...keepingKeys.request.auth, credentialSource: { source: 'profile', profileId } },
      });
      setSaveNote((note) => `${note ?? 'Saved'}; it signs with the profile “${profileName}” (kept encrypted)`);
    },
    [keepingKeys, update, setSaveNote],
  );

  const saveAs = useCallback(
    async (name: string, target: ContainerSummary | undefined) => {
      const stored = await storePendingSecrets(draft, update);
      if (!stored.ok) return setSaveNote(stored.error.message);
      await persist({ ...savedFromEditor(draft, opened, 'save'), name }, async (request) => {
        const result = await invoke('collections:save-request', {
          request,
          // An unsaved tab's "send anyway" answers go with the request it becomes; a copy names its original.
          ...(opened.savedRequestId ? { copiedFrom: opened.savedRequestId } : { tabId }),
          ...(target
            ? {
                placement: {
                  collectionId: target.collectionId,
                  parentId: target.id === target.collectionId ? null : target.id,
                },
              }
            : {}),
        });
        if (!result.ok) return setSaveNote(result.error.message);
        setOpened({
          ...opened,
          name,
          savedRequestId: result.value.id,
          location: target?.path,
          savedAuth: request.auth,
        });
        markClean();
        setSaveNote(`Saved “${name}”`);
        setReveal(target ? [target.collectionId, target.id] : [result.value.collectionId]);
      });
    },
    [draft, opened, setOpened, markClean, persist, update, tabId, setSaveNote, setReveal],
  );

  const save = useCallback(async () => {
    const savedRequestId = opened.savedRequestId;
    if (!savedRequestId) return askForName();
    const stored = await storePendingSecrets(draft, update);
    if (!stored.ok) return setSaveNote(stored.error.message);
    await persist(savedFromEditor(draft, opened, 'save'), async (request) => {
      const result = await invoke('collections:save-request', { id: savedRequestId, request });
      if (!result.ok) return setSaveNote(result.error.message);
      setOpened({ ...opened, savedAuth: request.auth });
      markClean();
      setSaveNote(`Saved “${opened.name}”`);
    });
  }, [draft, opened, setOpened, markClean, persist, update, askForName, setSaveNote]);

  const cancelKeepingKeys = useCallback(() => setKeepingKeys(undefined), []);
  /** Saves as asked, without keeping the typed keys. */
  const saveWithoutKeys = useCallback(async () => {
    if (!keepingKeys) return;
    setKeepingKeys(undefined);
    await keepingKeys.write(keepingKeys.request);
  }, [keepingKeys]);

  return { save, saveAs, keepingKeys, keptKeys, cancelKeepingKeys, saveWithoutKeys };
}
