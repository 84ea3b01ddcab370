import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';
import { LockIcon } from '../../components/LockIcon';

/**
 * Says how secrets are protected here, and unlocks a passphrase vault (or creates it, the first
 * time). The passphrase goes to main and is never kept in the renderer. `onReady` runs once the
 * vault has been unlocked or created here.
 */
export function VaultUnlock({ vault, onReady }: { vault: VaultStatus | undefined; onReady?(): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  if (!vault) return null;
  if (vault.state === 'ready') {
    return (
      <p className="hint vault-line" data-testid="vault-status">
        <LockIcon /> {vault.description}
        {vault.kind === 'passphrase' && (
          <button type="button" className="link" onClick={() => void invoke('vault:lock', {})}>
            Lock
          </button>
        )}
      </p>
    );
  }
  const isNew = vault.state === 'new';
  return (
    <form
      className="vault-unlock"
      onSubmit={(event) => {
        event.preventDefault();
        void invoke('vault:unlock', { passphrase }).then((result) => {
          setPassphrase('');
          if (result.ok) {
            setMessage(undefined);
            onReady?.();
          } else setMessage(result.error.message);
        });
      }}
    >
      <p className="hint" data-testid="vault-status">
        {isNew
          ? 'Choose a passphrase for the vault: saved credentials are encrypted with it (scrypt + AES-256-GCM). It is never stored; Shomei cannot recover it.'
          : 'The vault is locked. Type its passphrase to use saved credentials.'}
      </p>
      <label className="field">
        <span>Vault passphrase</span>
        <input
          type="password"
          aria-label="Vault passphrase"
          autoComplete={isNew ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={passphrase.length === 0}>
        {isNew ? 'Create vault' : 'Unlock'}
      </button>
      {message && (
        <p role="alert" className="warning">
          {message}
        </p>
      )}
    </form>
  );
}
