import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/channels';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';

/** What the editor knows of variables: every name the request can use, and the active environment. */
export type VariableScope = ChannelOutput<'variables:scope'>;

/**
 * The variables the request opened from `savedRequestId` (or a new request) can use, read from
 * main again when the saved request changes and whenever main says variables changed (an
 * environment switched or edited, collection or folder settings, a move, the vault). Undefined
 * until the first answer, so nothing is marked unresolved before it is known.
 */
export function useVariableScope(savedRequestId: string | undefined): VariableScope | undefined {
  const [scope, setScope] = useState<VariableScope | undefined>();
  const version = useMainChanges('variables:changed');
  useEffect(() => {
    let isCurrent = true;
    void invoke('variables:scope', savedRequestId ? { savedRequestId } : {}).then((result) => {
      if (isCurrent && result.ok) setScope(result.value);
    });
    return () => {
      isCurrent = false;
    };
  }, [savedRequestId, version]);
  return scope;
}
