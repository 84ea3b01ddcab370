import type { ReactNode } from 'react';
import type { OAuth2ExtraParam, SavedOAuth2Auth } from '../../../../shared/contract/auth';
import { VariableInput } from '../../../components/VariableInput';
import type { AuthFormProps } from './auth-form-props';
import { AuthSecretField } from './AuthSecretField';
import { AuthTextField } from './AuthTextField';
import { OAuth2Token } from './OAuth2Token';

type TextField = 'tokenUrl' | 'clientId' | 'scope' | 'audience';

/**
 * OAuth 2.0 client credentials: the token URL, the client (its secret goes to the vault), scope
 * and audience, how the client authenticates; then Get token. Main fetches and keeps the token;
 * this form sees only that one is held, its scope and when it expires.
 */
export function OAuth2Form({
  auth,
  onChange,
  pending,
  describeReference,
  idPrefix = 'auth',
  session,
}: AuthFormProps<SavedOAuth2Auth>) {
  const id = (name: string) => `${idPrefix}-oauth2-${name}`;
  const text = (name: TextField, label: string, placeholder?: string): ReactNode => (
    <AuthTextField
      id={id(name)}
      label={label}
      value={auth[name]}
      placeholder={placeholder}
      describeReference={describeReference}
      onChange={(value) => onChange({ ...auth, [name]: value })}
    />
  );
  const setExtra = (index: number, next: OAuth2ExtraParam | undefined) =>
    onChange({
      ...auth,
      extraParams: next
        ? auth.extraParams.map((p, i) => (i === index ? next : p))
        : auth.extraParams.filter((_p, i) => i !== index),
    });
  return (
    <>
      {text('tokenUrl', 'Token URL', 'https://auth.example.com/oauth2/token')}
      {text('clientId', 'Client id')}
      <AuthSecretField
        label="Client secret"
        id={id('client-secret')}
        value={auth.clientSecretRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="Secret or {{clientSecret}}"
        onChange={(clientSecretRef) => onChange({ ...auth, clientSecretRef })}
      />
      {text('scope', 'Scope', '(the client’s default) e.g. orders/read')}
      {text('audience', 'Audience', '(optional)')}
      <label htmlFor={id('client-auth')}>Client authentication</label>
      <select
        id={id('client-auth')}
        value={auth.clientAuthentication}
        onChange={(e) =>
          onChange({ ...auth, clientAuthentication: e.target.value as SavedOAuth2Auth['clientAuthentication'] })
        }
      >
        <option value="basic">Basic auth header (Cognito, most servers)</option>
        <option value="body">Client id and secret in the body</option>
      </select>
      <span className="form-grid-wide">
        Extra token request parameters{' '}
        <button
          type="button"
          onClick={() => onChange({ ...auth, extraParams: [...auth.extraParams, { name: '', value: '' }] })}
        >
          Add parameter
        </button>
      </span>
      {auth.extraParams.map((param, index) => (
        <span key={index} className="form-grid-wide">
          <VariableInput
            aria-label={`Parameter ${index + 1} name`}
            value={param.name}
            spellCheck={false}
            placeholder="name"
            onChange={(event) => setExtra(index, { ...param, name: event.target.value })}
          />{' '}
          <VariableInput
            aria-label={`Parameter ${index + 1} value`}
            value={param.value}
            spellCheck={false}
            describeReference={describeReference}
            placeholder="value (not a secret)"
            onChange={(event) => setExtra(index, { ...param, value: event.target.value })}
          />{' '}
          <button type="button" aria-label={`Remove parameter ${index + 1}`} onClick={() => setExtra(index, undefined)}>
            Remove
          </button>
        </span>
      ))}
      <p className="hint form-grid-wide">
        Shomei asks the token URL for a token (client credentials grant), keeps it in its main process until it expires,
        renews it before, and sends it as <code>Authorization: Bearer &lt;token&gt;</code> (the type the server names).
        The secret and the token never reach this window.
      </p>
      {session ? (
        <OAuth2Token identity={JSON.stringify(auth)} session={session} />
      ) : (
        <p className="hint form-grid-wide">
          Get a token from a request&apos;s Auth tab; requests that inherit this share it.
        </p>
      )}
    </>
  );
}
