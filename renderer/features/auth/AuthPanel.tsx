import { defaultSavedAuth } from '../../../shared/contract/auth';
import { useCredentials } from '../credentials/use-credentials';
import { VaultUnlock } from '../credentials/VaultUnlock';
import type { EditorDraft } from '../request/request-draft';
import { AUTH_FORMS, AUTH_FORM_TYPES } from './auth-forms';
import { ApiKeyFields } from './forms/ApiKeyFields';
import type { AuthSessionProps } from './forms/auth-form-props';
import { storePendingSecrets } from './pending-secrets';
import { AwsSigV4Form, type AwsSigV4FormProps } from './forms/AwsSigV4Form';
import { CognitoSignIn } from './forms/CognitoSignIn';
import { OAuth2Token } from './forms/OAuth2Token';
import { OtherAuthForm } from './OtherAuthForm';
import type { PendingSecrets } from './SecretField';

/** What the Auth tab needs from the editor around it. */
export type AuthPanelProps = AwsSigV4FormProps & {
  /** The editor's request as main reads it, for a sign-in before sending (Cognito). */
  sessionInput?: AuthSessionProps['input'] | undefined;
};

/**
 * The Auth tab: the auth type, then that type's form from the window's table. Secret fields are
 * write-only; what is typed goes to the vault on the next send or save. Any type but an API key
 * alone may send an API key beside it (an API Gateway usage plan).
 */
export function AuthPanel(props: AuthPanelProps) {
  const { draft, update, describeReference, sessionInput } = props;
  const session: AuthSessionProps | undefined = sessionInput && {
    input: sessionInput,
    storeSecrets: () => storePendingSecrets(draft, update),
  };
  const pending: PendingSecrets = {
    values: draft.pendingSecrets,
    set: (id, value) => update({ type: 'pendingSecret', id, value }),
  };
  const type = draft.authType;
  // Typed secrets go to the vault on send or save: a passphrase vault must be created or unlocked first.
  const { vault } = useCredentials();
  const entry = type === 'none' ? undefined : AUTH_FORMS[type];
  return (
    <div className="form-grid">
      <label htmlFor="auth-type">Auth type</label>
      <select
        id="auth-type"
        value={type}
        onChange={(event) => update({ type: 'authType', authType: event.target.value as EditorDraft['authType'] })}
      >
        <option value="none">No auth</option>
        {AUTH_FORM_TYPES.map((value) => (
          <option key={value} value={value}>
            {AUTH_FORMS[value].label}
          </option>
        ))}
      </select>
      {type === 'none' && <p className="hint form-grid-wide">This request is sent without authentication.</p>}
      {type === 'none' && session && (
        // "No auth" of a request that inherits: its folder's or collection's Cognito sign-in is made here.
        <CognitoSignIn identity="" session={session} idPrefix="auth-inherited" isInherited />
      )}
      {type === 'none' && session && (
        // …and its folder's or collection's OAuth 2.0 token is got and forgotten here.
        <OAuth2Token identity="" session={session} isInherited />
      )}
      {type === 'aws-sigv4' && <AwsSigV4Form {...props} />}
      {type !== 'none' && type !== 'aws-sigv4' && (
        <OtherAuthForm
          type={type}
          draft={draft}
          update={update}
          pending={pending}
          describeReference={describeReference}
          session={session}
        />
      )}
      {type !== 'none' && type !== 'aws-sigv4' && vault && vault.state !== 'ready' && (
        <div className="form-grid-wide">
          <VaultUnlock vault={vault} />
        </div>
      )}
      {entry?.hasApiKeyBeside && (
        <>
          <span className="form-label">API key</span>
          <label className="radio">
            <input
              type="checkbox"
              checked={draft.apiKeyBeside !== undefined}
              onChange={(event) =>
                update({
                  type: 'apiKeyBeside',
                  apiKey: event.target.checked ? defaultApiKeyPlacement() : undefined,
                })
              }
            />{' '}
            Also send an API key (an API Gateway usage plan)
          </label>
          {draft.apiKeyBeside && (
            <ApiKeyFields
              idPrefix="auth-beside"
              placement={draft.apiKeyBeside}
              pending={pending}
              describeReference={describeReference}
              onChange={(apiKey) => update({ type: 'apiKeyBeside', apiKey })}
            />
          )}
        </>
      )}
    </div>
  );
}

function defaultApiKeyPlacement() {
  const { type: _type, ...placement } = defaultSavedAuth('api-key');
  return placement;
}
