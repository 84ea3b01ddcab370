import { useEffect, useState } from 'react';
import type { SavedAuth } from '../../../shared/contract/auth';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';
import { inheritedAuthOf } from './code-request';

/**
 * The auth a saved request inherits from its folders or collection (saved forms: no secret), read
 * from main while `isInheriting`, and again when a collection changes; undefined otherwise.
 */
export function useInheritedAuth(
  savedRequestId: string | undefined,
  isInheriting: boolean,
): { auth: SavedAuth; from: string } | undefined {
  // Kept with the request it was read for, so another tab's answer is never shown for this one.
  const [inherited, setInherited] = useState<{ id: string; value?: { auth: SavedAuth; from: string } }>();
  const revision = useMainChanges('collections:changed');
  useEffect(() => {
    let isCurrent = true;
    if (!savedRequestId || !isInheriting) return;
    void (async () => {
      const located = await invoke('collections:get-request', { id: savedRequestId });
      const collection = located.ok ? await invoke('collections:get', { id: located.value.collectionId }) : located;
      if (isCurrent)
        setInherited({
          id: savedRequestId,
          ...(collection.ok ? { value: inheritedAuthOf(collection.value, savedRequestId) } : {}),
        });
    })();
    return () => {
      isCurrent = false;
    };
  }, [savedRequestId, isInheriting, revision]);
  return isInheriting && savedRequestId !== undefined && inherited?.id === savedRequestId ? inherited.value : undefined;
}
