import type { SavedOAuth2Auth } from '../../../../shared/contract/auth';
import { invoke } from '../../../api/client';
import { ExpiryCountdown } from '../../credentials/ExpiryCountdown';
import type { AuthFormProps } from './auth-form-props';
import { AuthError } from './AuthError';
import { useAuthSession } from './use-auth-session';

/**
 * Get token / Forget token and the countdown of the OAuth 2.0 client a request sends with (its own,
 * or the one it inherits: then shown only when it applies). `identity` changes with the client's
 * fields, so the status is read again.
 */
export function OAuth2Token({
  identity,
  session,
  isInherited = false,
}: {
  identity: string;
  session: NonNullable<AuthFormProps<SavedOAuth2Auth>['session']>;
  isInherited?: boolean;
}) {
  // A send may fetch or renew the token, a collection's auth may change: read again after them.
  const step = useAuthSession(session, () => invoke('oauth2:status', session.input()), identity, [
    'credentials:changed',
    'history:changed',
    'collections:changed',
    'variables:changed',
  ]);
  const { status, setStatus } = step;
  if (isInherited && !(status?.applies ?? false)) return null;
  const token = status?.held ?? null;
  const getToken = async () => {
    const held = await step.run(() => invoke('oauth2:get-token', session.input()), true);
    if (held) setStatus({ applies: true, held });
  };
  const forget = async () => {
    await step.run(() => invoke('oauth2:forget-token', session.input()));
    setStatus((current) => current && { ...current, held: null });
  };
  return (
    <div className="form-grid-wide" data-testid="oauth2-token">
      {token ? (
        <p role="status">
          Token obtained ({token.tokenType}
          {token.scope ? `, scope ${token.scope}` : ''}).{' '}
          {token.expiresAt ? (
            <ExpiryCountdown
              expiration={token.expiresAt}
              testId="oauth2-expiry"
              whenExpired="Shomei gets a new one at the next send."
            />
          ) : (
            'The server gave no lifetime.'
          )}{' '}
          <button type="button" disabled={step.isBusy} onClick={() => void getToken()}>
            Get new token
          </button>{' '}
          <button type="button" onClick={() => void forget()}>
            Forget token
          </button>
        </p>
      ) : (
        <p>
          No token yet: Send gets one, or{' '}
          <button type="button" disabled={step.isBusy} onClick={() => void getToken()}>
            Get token
          </button>
        </p>
      )}
      {token?.renewalError && <p className="hint">Renewing early failed: {token.renewalError}</p>}
      <AuthError error={step.error} />
    </div>
  );
}
