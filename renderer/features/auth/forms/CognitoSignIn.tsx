import { useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract/channels';
import type { CognitoChallenge, CognitoSignInResult } from '../../../../shared/contract/cognito';
import { invoke } from '../../../api/client';
import { ExpiryCountdown } from '../../credentials/ExpiryCountdown';
import type { AuthSessionProps } from './auth-form-props';
import { AuthError } from './AuthError';
import { useAuthSession } from './use-auth-session';

/**
 * Sign in / Sign out and the status of the Cognito user pool auth a request sends with (its own,
 * or the one it inherits: then shown only when it applies). `identity` changes when the sign-in's
 * fields do, so the status is read again.
 */
export function CognitoSignIn({
  identity,
  session,
  idPrefix,
  isInherited = false,
}: {
  identity: string;
  session: AuthSessionProps;
  idPrefix: string;
  isInherited?: boolean;
}) {
  // A sign-in or sign-out anywhere, or a collection's auth changed, reads the status again.
  const step = useAuthSession(session, () => invoke('cognito:status', session.input()), identity, [
    'credentials:changed',
    'collections:changed',
    'variables:changed',
  ]);
  const { status, setStatus } = step;
  const [challenge, setChallenge] = useState<CognitoChallenge | undefined>();
  const [answer, setAnswer] = useState('');
  if (isInherited && !(status?.applies ?? false)) return null;
  const signedIn = status?.session ?? null;
  const settle = (result: CognitoSignInResult | undefined) => {
    setAnswer('');
    setChallenge(result?.status === 'challenge' ? result.challenge : undefined);
    if (result?.status === 'signed-in') {
      const session = result.session;
      setStatus((current) => ({ applies: true, tokenUse: current?.tokenUse, session }));
    }
  };
  const signIn = async () => settle(await step.run(() => invoke('cognito:sign-in', session.input()), true));
  const respond = async () => {
    if (!challenge) return;
    const input: ChannelInput<'cognito:answer'> =
      challenge.challenge === 'NEW_PASSWORD_REQUIRED'
        ? { challengeId: challenge.challengeId, newPassword: answer }
        : { challengeId: challenge.challengeId, code: answer.trim() };
    settle(await step.run(() => invoke('cognito:answer', input)));
  };
  const signOut = async () => {
    await step.run(() => invoke('cognito:sign-out', session.input()));
    setStatus((current) => current && { ...current, session: null });
  };
  const answerId = `${idPrefix}-cognito-answer`;
  return (
    <div className="form-grid-wide" data-testid="cognito-sign-in">
      {signedIn ? (
        <p role="status">
          Signed in as <strong>{signedIn.username}</strong>, sending the{' '}
          {status?.tokenUse === 'access' ? 'access' : 'ID'} token
          {isInherited ? ' (the Cognito sign-in this request inherits)' : ''}.{' '}
          <ExpiryCountdown
            expiration={signedIn.expiresAt}
            testId="cognito-expiry"
            {...(signedIn.canRenew
              ? { whenExpired: 'Shomei renews the tokens with the refresh token at the next send.' }
              : { renewHint: 'sign in again' })}
          />{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      ) : (
        !challenge && (
          <p>
            {isInherited ? 'This request inherits a Cognito user pool sign-in: not signed in.' : 'Not signed in.'}{' '}
            <button type="button" disabled={step.isBusy} onClick={() => void signIn()}>
              Sign in
            </button>
          </p>
        )
      )}
      {challenge && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void respond();
          }}
        >
          <label htmlFor={answerId}>
            {challenge.challenge === 'NEW_PASSWORD_REQUIRED'
              ? 'Cognito requires a new password for this user'
              : challenge.challenge === 'SMS_MFA'
                ? `MFA code sent by SMS${challenge.destination ? ` to ${challenge.destination}` : ''}`
                : 'MFA code from your authenticator app'}
          </label>{' '}
          <input
            id={answerId}
            type={challenge.challenge === 'NEW_PASSWORD_REQUIRED' ? 'password' : 'text'}
            inputMode={challenge.challenge === 'NEW_PASSWORD_REQUIRED' ? undefined : 'numeric'}
            autoComplete={challenge.challenge === 'NEW_PASSWORD_REQUIRED' ? 'new-password' : 'one-time-code'}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
          />{' '}
          <button type="submit" disabled={step.isBusy || answer.trim() === ''}>
            {challenge.challenge === 'NEW_PASSWORD_REQUIRED' ? 'Set password and sign in' : 'Verify'}
          </button>{' '}
          <button type="button" onClick={() => setChallenge(undefined)}>
            Cancel
          </button>
        </form>
      )}
      <AuthError error={step.error} />
    </div>
  );
}
