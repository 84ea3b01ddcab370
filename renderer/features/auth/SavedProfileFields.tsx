import type { CredentialProfileSummary, VaultStatus } from '../../../shared/contract/credentials';
import { ExpiryCountdown } from '../credentials/ExpiryCountdown';
import { VaultUnlock } from '../credentials/VaultUnlock';
import type { AwsAuthDraft } from '../request/request-draft';

/** A saved credential profile chosen by id: the window knows only its summary. */
export function SavedProfileFields({
  profileId,
  profiles,
  vault,
  aws,
}: {
  profileId: string;
  profiles: readonly CredentialProfileSummary[];
  vault: VaultStatus | undefined;
  aws(patch: Partial<AwsAuthDraft>): void;
}) {
  const profile = profiles.find((p) => p.id === profileId);
  return (
    <>
      <label htmlFor="aws-profile-id">Profile</label>
      <select id="aws-profile-id" value={profileId} onChange={(event) => aws({ profileId: event.target.value })}>
        <option value="">Choose a saved profile…</option>
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ·{' '}
            {p.kind === 'assume-role'
              ? `assumes ${p.assumeRole?.roleArn ?? 'a role'}`
              : p.kind === 'cognito-identity'
                ? `identity pool ${p.cognitoIdentity?.identityPoolId ?? ''}`
                : (p.keyIdMasked ?? '')}
          </option>
        ))}
        {profileId !== '' && !profile && <option value={profileId}>{profileId} (not set up here)</option>}
      </select>
      {profile?.expiration && (
        <>
          <span className="form-label">Expiry</span>
          <ExpiryCountdown
            expiration={profile.expiration}
            renewHint={
              profile.kind === 'assume-role'
                ? 'Shomei assumes the role again on the next send'
                : profile.kind === 'cognito-identity'
                  ? 'Shomei gets keys from the identity pool again on the next send'
                : 'paste fresh keys into this profile'
            }
          />
        </>
      )}
      {vault && vault.state !== 'ready' && (
        <div className="form-grid-wide">
          <VaultUnlock vault={vault} />
        </div>
      )}
    </>
  );
}
