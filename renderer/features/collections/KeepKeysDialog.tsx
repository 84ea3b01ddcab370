import { useState } from 'react';
import type { InlineCredentials } from '../../../shared/contract/http';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { VaultUnlock } from '../credentials/VaultUnlock';
import { useCredentials } from '../credentials/use-credentials';

interface KeepKeysDialogProps {
  /** The keys typed in the Auth tab. They go to main once, to be encrypted; never into the saved request. */
  keys: InlineCredentials;
  requestName: string;
  /** The keys were kept as the profile `profileId`: save the request referencing it. */
  onKept(profileId: string, profileName: string): void;
  /** Save the request without the keys. */
  onWithout(): void;
  onClose(): void;
}

/**
 * Saving a request that signs with typed keys: a saved request never holds keys, so this offers
 * (first, as the default) to keep them as an encrypted credential profile that the request then
 * references by id, and says plainly what saving without them means.
 */
export function KeepKeysDialog({ keys, requestName, onKept, onWithout, onClose }: KeepKeysDialogProps) {
  const { vault } = useCredentials();
  const [name, setName] = useState(`${requestName} keys`.slice(0, 128));
  const [problem, setProblem] = useState<string | undefined>();
  const [isKeeping, setIsKeeping] = useState(false);
  const isVaultReady = vault?.state === 'ready';

  const keep = async () => {
    setIsKeeping(true);
    const { source: _source, ...typed } = keys;
    const result = await invoke('credentials:save', { name: name.trim(), keys: typed });
    setIsKeeping(false);
    if (!result.ok) return setProblem(result.error.message);
    onKept(result.value.id, result.value.name);
  };

  return (
    <Dialog title="Keep the typed keys?" onClose={onClose}>
      <p className="hint">
        This request signs with keys typed in its Auth tab. A saved request never holds keys, so Shomei can keep them
        for it as an encrypted credential profile: the request is saved with a reference to that profile and, reopened
        after a restart, signs with the same identity.
      </p>
      {!isVaultReady && <VaultUnlock vault={vault} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (isVaultReady && name.trim() !== '') void keep();
        }}
      >
        <label className="field">
          <span>Profile name</span>
          <input aria-label="Profile name" value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        {problem && (
          <p role="alert" className="warning">
            {problem}
          </p>
        )}
        <p className="hint">
          Save without the keys instead, and they are kept nowhere: once this tab is closed or Shomei restarts, the
          saved request signs with what its collection or folder sets, or Send asks you to choose credentials.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" onClick={onWithout}>
            Save without the keys
          </button>
          <button type="submit" className="primary" disabled={!isVaultReady || name.trim() === '' || isKeeping}>
            Keep keys and save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
