import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract/credentials';
import { ExpiryCountdown } from '../credentials/ExpiryCountdown';
import { PasteCredentials } from '../credentials/PasteCredentials';
import { VaultUnlock } from '../credentials/VaultUnlock';
import type { AwsAuthDraft } from '../request/request-draft';

/** Keys typed or pasted into the request, with *Save as profile…* to move them into the vault. */
export function TypedKeysFields({
  keys,
  vault,
  aws,
  onSaveAsProfile,
}: {
  keys: Pick<AwsAuthDraft, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>;
  vault: VaultStatus | undefined;
  aws(patch: Partial<AwsAuthDraft>): void;
  onSaveAsProfile(): void;
}) {
  // The vault is needed only to save the keys as a profile: its passphrase prompt appears when
  // that is asked for (and the naming follows once it is open), instead of pushing the form down
  // for everyone who just sends.
  const [isVaultAsked, setIsVaultAsked] = useState(false);
  const isVaultReady = !vault || vault.state === 'ready';
  return (
    <>
      <span className="form-label">Paste</span>
      <PasteCredentials
        onParsed={(value) =>
          aws({
            accessKeyId: value.accessKeyId,
            secretAccessKey: value.secretAccessKey,
            sessionToken: value.sessionToken ?? '',
            expiration: value.expiration?.toISOString() ?? '',
          })
        }
      />
      <label htmlFor="aws-access-key-id">Access key ID</label>
      <input
        id="aws-access-key-id"
        value={keys.accessKeyId}
        autoComplete="off"
        spellCheck={false}
        placeholder="AKIA… or ASIA…"
        onChange={(event) => aws({ accessKeyId: event.target.value })}
      />
      <label htmlFor="aws-secret-access-key">Secret access key</label>
      <input
        id="aws-secret-access-key"
        type="password"
        value={keys.secretAccessKey}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => aws({ secretAccessKey: event.target.value })}
      />
      <label htmlFor="aws-session-token">Session token</label>
      <input
        id="aws-session-token"
        type="password"
        value={keys.sessionToken}
        autoComplete="off"
        spellCheck={false}
        placeholder="Only for temporary credentials"
        onChange={(event) =>
          aws({ sessionToken: event.target.value, ...(event.target.value === '' ? { expiration: '' } : {}) })
        }
      />
      {keys.expiration && (
        <>
          <span className="form-label">Expiry</span>
          <ExpiryCountdown expiration={keys.expiration} />
        </>
      )}
      <span />
      <div className="inline-row">
        <button
          type="button"
          disabled={keys.accessKeyId.trim() === '' || keys.secretAccessKey.trim() === ''}
          onClick={() => (isVaultReady ? onSaveAsProfile() : setIsVaultAsked(true))}
        >
          Save as profile…
        </button>
        <span className="hint" data-testid="typed-keys-not-kept">
          Typed keys are not kept: a reload or restart clears them (your other edits come back).
        </span>
      </div>
      {isVaultAsked && !isVaultReady && (
        <div className="form-grid-wide">
          <VaultUnlock
            vault={vault}
            onReady={() => {
              setIsVaultAsked(false);
              onSaveAsProfile();
            }}
          />
        </div>
      )}
    </>
  );
}
