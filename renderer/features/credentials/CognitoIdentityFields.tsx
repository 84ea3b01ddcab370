import { useEffect, useState } from 'react';
import type { CognitoSessionSummary } from '../../../shared/contract/cognito';
import type { CognitoIdentitySettings } from '../../../shared/contract/credentials';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';

/** The form's state of a Cognito identity pool profile; `login` is a signed-in session's key, or '' for guest access. */
export interface CognitoIdentityDraft {
  identityPoolId: string;
  endpoint: string;
  login: string;
}

export const EMPTY_COGNITO_IDENTITY: CognitoIdentityDraft = { identityPoolId: '', endpoint: '', login: '' };

const loginValue = (login: NonNullable<CognitoIdentitySettings['login']>) =>
  JSON.stringify([login.region, login.userPoolId, login.clientId, login.username, login.endpoint ?? '']);

/** The saved settings' form state. */
export function cognitoIdentityDraft(settings: CognitoIdentitySettings): CognitoIdentityDraft {
  return {
    identityPoolId: settings.identityPoolId,
    endpoint: settings.endpoint ?? '',
    login: settings.login ? loginValue(settings.login) : '',
  };
}

/** The settings to save from the form's state. */
export function cognitoIdentitySettings(draft: CognitoIdentityDraft): CognitoIdentitySettings {
  const [region = '', userPoolId = '', clientId = '', username = '', endpoint = ''] =
    draft.login === '' ? [] : (JSON.parse(draft.login) as string[]);
  return {
    identityPoolId: draft.identityPoolId.trim(),
    ...(draft.endpoint.trim() ? { endpoint: draft.endpoint.trim() } : {}),
    ...(draft.login === '' ? {} : { login: { region, userPoolId, clientId, username, ...(endpoint ? { endpoint } : {}) } }),
  };
}

/**
 * A Cognito identity pool as a credential source: the pool, and whose login — guest access, or a
 * Cognito user pool sign-in made in an Auth tab (its ID token goes in the Logins map). Chosen
 * explicitly; nothing is used implicitly.
 */
export function CognitoIdentityFields({
  value,
  onChange,
}: {
  value: CognitoIdentityDraft;
  onChange(next: CognitoIdentityDraft): void;
}) {
  const [sessions, setSessions] = useState<CognitoSessionSummary[]>([]);
  const revision = useMainChanges('credentials:changed');
  useEffect(() => {
    void invoke('cognito:sessions', {}).then((result) => {
      if (result.ok) setSessions(result.value.sessions);
    });
  }, [revision]);
  const options = sessions.map((s) => ({
    value: loginValue({ region: s.region, userPoolId: s.userPoolId, clientId: s.clientId, username: s.username, endpoint: s.endpoint }),
    label: `${s.username} in ${s.userPoolId}`,
  }));
  // A saved login whose sign-in is not there now stays chosen (sends are refused until it is).
  if (value.login !== '' && !options.some((o) => o.value === value.login)) {
    const [, pool = '', , user = ''] = JSON.parse(value.login) as string[];
    options.push({ value: value.login, label: `${user} in ${pool} (not signed in now)` });
  }
  return (
    <>
      <label htmlFor="cognito-identity-pool">Identity pool id</label>
      <input
        id="cognito-identity-pool"
        spellCheck={false}
        value={value.identityPoolId}
        placeholder="us-east-1:1a2b3c4d-…"
        onChange={(event) => onChange({ ...value, identityPoolId: event.target.value })}
      />
      <label htmlFor="cognito-identity-login">Login</label>
      <select
        id="cognito-identity-login"
        value={value.login}
        onChange={(event) => onChange({ ...value, login: event.target.value })}
      >
        <option value="">Unauthenticated (guest access)</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            User pool sign-in: {o.label}
          </option>
        ))}
      </select>
      <label htmlFor="cognito-identity-endpoint">Endpoint</label>
      <input
        id="cognito-identity-endpoint"
        spellCheck={false}
        value={value.endpoint}
        placeholder="default for the pool's region (optional)"
        onChange={(event) => onChange({ ...value, endpoint: event.target.value })}
      />
      <p className="hint form-grid-wide">
        GetId and GetCredentialsForIdentity give temporary keys, got again five minutes before they expire. A user pool
        login uses the ID token of that sign-in (sign in with a Cognito user pool auth in a request&apos;s Auth tab).
      </p>
    </>
  );
}
