import { invoke } from '../../api/client';
import type { CredentialProfileSummary } from '../../../shared/contract/credentials';
import { ExpiryCountdown } from './ExpiryCountdown';

/**
 * Every saved credential profile as its summary (masked key, token, live expiry, account; never a
 * secret), with its actions: check the identity, assume or get keys now, edit, rename, delete.
 */
export function CredentialProfilesTable({
  profiles,
  onCheck,
  onAssume,
  onEdit,
  onRename,
  onError,
}: {
  profiles: readonly CredentialProfileSummary[];
  onCheck(profile: CredentialProfileSummary): void;
  onAssume(profile: CredentialProfileSummary): void;
  onEdit(profile: CredentialProfileSummary): void;
  onRename(profile: CredentialProfileSummary): void;
  onError(message: string): void;
}) {
  return (
    <table className="credentials-table" aria-label="Saved credential profiles">
      <thead>
        <tr>
          <th>Name</th>
          <th>Key</th>
          <th>Token</th>
          <th>Expiry</th>
          <th>Account</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {profiles.length === 0 && (
          <tr>
            <td colSpan={6} className="hint">
              No saved credentials yet.
            </td>
          </tr>
        )}
        {profiles.map((profile) => (
          <tr key={profile.id} data-testid="credential-row">
            <td>
              {profile.name}
              {profile.assumeRole && <div className="hint">assumes {profile.assumeRole.roleArn}</div>}
              {profile.cognitoIdentity && (
                <div className="hint">
                  identity pool {profile.cognitoIdentity.identityPoolId}
                  {profile.cognitoIdentity.login ? `, as ${profile.cognitoIdentity.login.username}` : ', guest'}
                </div>
              )}
              {profile.problem && <div className="warning">{profile.problem}</div>}
            </td>
            <td>
              <code>{profile.keyIdMasked ?? '—'}</code>
            </td>
            <td>{profile.hasSessionToken ? 'yes' : 'no'}</td>
            <td>
              {profile.expiration ? (
                <ExpiryCountdown expiration={profile.expiration} />
              ) : profile.kind === 'keys' ? (
                // Temporary keys pasted without their expiry: unknown, not "never".
                profile.hasSessionToken ? (
                  'not given'
                ) : (
                  'never'
                )
              ) : (
                '—'
              )}
            </td>
            <td>{profile.accountId ?? ''}</td>
            <td className="row-actions">
              <button type="button" onClick={() => onCheck(profile)}>
                Check identity
              </button>
              {profile.kind === 'assume-role' && (
                <button type="button" onClick={() => onAssume(profile)}>
                  Assume now
                </button>
              )}
              {profile.kind === 'cognito-identity' && (
                <button type="button" onClick={() => onAssume(profile)}>
                  Get keys now
                </button>
              )}
              <button type="button" onClick={() => onEdit(profile)}>
                Edit
              </button>
              <button type="button" onClick={() => onRename(profile)}>
                Rename
              </button>
              <button
                type="button"
                aria-label={`Delete ${profile.name}`}
                onClick={() =>
                  void invoke('credentials:delete', { id: profile.id }).then((result) => {
                    if (!result.ok) onError(result.error.message);
                  })
                }
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
