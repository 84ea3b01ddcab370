import { useEffect, useState } from 'react';
import type { AwsProfileSummary, CredentialProfileSummary, VaultStatus } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';

/** Saved credential profiles (summaries only), the vault's state and the `~/.aws` profiles, read again whenever main says they changed. */
export function useCredentials() {
  const [profiles, setProfiles] = useState<CredentialProfileSummary[]>([]);
  const [vault, setVault] = useState<VaultStatus | undefined>();
  const [awsProfiles, setAwsProfiles] = useState<AwsProfileSummary[]>([]);
  // Main emits credentials:changed after every save, rename, delete, assume, lock and unlock.
  const version = useMainChanges('credentials:changed');

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

  return { profiles, vault, awsProfiles };
}
