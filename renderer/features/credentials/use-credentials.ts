import { useCallback, useEffect, useState } from 'react';
import type { AwsProfileSummary, CredentialProfileSummary, VaultStatus } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';

const listeners = new Set<() => void>();

/** Tells every view of the credential profiles to read them again (after a save, rename, delete). */
export function credentialsChanged(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` after every `credentialsChanged()`; returns the unsubscribe. */
export function onCredentialsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Saved credential profiles (summaries only), the vault's state and the `~/.aws` profiles. */
export function useCredentials() {
  const [profiles, setProfiles] = useState<CredentialProfileSummary[]>([]);
  const [vault, setVault] = useState<VaultStatus | undefined>();
  const [awsProfiles, setAwsProfiles] = useState<AwsProfileSummary[]>([]);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    listeners.add(refresh);
    return () => {
      listeners.delete(refresh);
    };
  }, [refresh]);

  useEffect(() => {
    let isCurrent = true;
    void Promise.all([invoke('credentials:list', {}), invoke('vault:status', {}), invoke('credentials:aws-profiles', {})]).then(([list, status, aws]) => {
      if (!isCurrent) return;
      if (list.ok) setProfiles(list.value.profiles);
      if (status.ok) setVault(status.value);
      if (aws.ok) setAwsProfiles(aws.value.profiles);
    });
    return () => {
      isCurrent = false;
    };
  }, [version]);

  return { profiles, vault, awsProfiles, refresh: credentialsChanged };
}
