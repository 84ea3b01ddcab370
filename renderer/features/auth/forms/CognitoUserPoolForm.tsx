import { type ReactNode } from 'react';
import type { SavedCognitoUserPoolAuth } from '../../../../shared/contract/auth';
import type { AuthFormProps } from './auth-form-props';
import { AuthSecretField } from './AuthSecretField';
import { AuthTextField } from './AuthTextField';
import { CognitoSignIn } from './CognitoSignIn';

/**
 * Amazon Cognito user pool sign-in: where and who (the password and the client secret go to the
 * vault), then Sign in. Main keeps the tokens; this form sees who is signed in, which token is
 * sent and when it expires, and asks for an MFA code or a new password when Cognito does.
 */
export function CognitoUserPoolForm({
  auth,
  onChange,
  pending,
  describeReference,
  idPrefix = 'auth',
  session,
}: AuthFormProps<SavedCognitoUserPoolAuth>) {
  const id = (name: string) => `${idPrefix}-cognito-${name}`;
  const text = (name: keyof SavedCognitoUserPoolAuth, label: string, placeholder?: string): ReactNode => (
    <AuthTextField
      id={id(name)}
      label={label}
      value={auth[name] as string}
      placeholder={placeholder}
      describeReference={describeReference}
      onChange={(value) => onChange({ ...auth, [name]: value })}
    />
  );
  return (
    <>
      {text('userPoolId', 'User pool id', 'us-east-1_AbC123 or {{userPoolId}}')}
      {text('region', 'Region', '(from the pool id)')}
      {text('clientId', 'App client id')}
      <AuthSecretField
        label="Client secret"
        id={id('client-secret')}
        value={auth.clientSecretRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="(only if the app client has a secret)"
        onChange={(clientSecretRef) => onChange({ ...auth, clientSecretRef })}
      />
      {text('username', 'User name')}
      <AuthSecretField
        label="Password"
        id={id('password')}
        value={auth.passwordRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="Password or {{password}}"
        onChange={(passwordRef) => onChange({ ...auth, passwordRef })}
      />
      <label htmlFor={id('flow')}>Sign-in flow</label>
      <select
        id={id('flow')}
        value={auth.flow}
        onChange={(e) => onChange({ ...auth, flow: e.target.value as SavedCognitoUserPoolAuth['flow'] })}
      >
        <option value="USER_PASSWORD_AUTH">USER_PASSWORD_AUTH</option>
        <option value="USER_SRP_AUTH">USER_SRP_AUTH (SRP: the password is not sent)</option>
      </select>
      <label htmlFor={id('token')}>Send</label>
      <select
        id={id('token')}
        value={auth.tokenUse}
        onChange={(e) => onChange({ ...auth, tokenUse: e.target.value as SavedCognitoUserPoolAuth['tokenUse'] })}
      >
        <option value="id">ID token</option>
        <option value="access">Access token</option>
      </select>
      {text('prefix', 'Prefix', '(none: the token alone)')}
      {text('endpoint', 'Endpoint', '(AWS’s; or http://127.0.0.1:9229 for cognito-local)')}
      <p className="hint form-grid-wide">
        Sent as{' '}
        <code>
          Authorization: {auth.prefix.trim() === '' ? '' : `${auth.prefix.trim()} `}&lt;
          {auth.tokenUse === 'id' ? 'ID' : 'access'} token&gt;
        </code>
        . API Gateway&apos;s Cognito authorizer wants the token alone. The tokens stay in Shomei&apos;s main process and
        are renewed before they expire.
      </p>
      {session ? (
        <CognitoSignIn
          identity={JSON.stringify([
            auth.endpoint,
            auth.region,
            auth.userPoolId,
            auth.clientId,
            auth.username,
            auth.tokenUse,
          ])}
          session={session}
          idPrefix={idPrefix}
        />
      ) : (
        <p className="hint form-grid-wide">
          Sign in from a request&apos;s Auth tab; requests that inherit this use that sign-in.
        </p>
      )}
    </>
  );
}
