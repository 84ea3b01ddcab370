import type { SavedBearerAuth } from '../../../../shared/contract/auth';
import { VariableInput } from '../../../components/VariableInput';
import { SecretField } from '../SecretField';
import type { AuthFormProps } from './auth-form-props';

/** A bearer token: the token (vault or `{{variable}}`) and the word before it. */
export function BearerForm({
  auth,
  onChange,
  pending,
  describeReference,
  idPrefix = 'auth',
}: AuthFormProps<SavedBearerAuth>) {
  return (
    <>
      <label htmlFor={`${idPrefix}-bearer-token`}>Token</label>
      <SecretField
        id={`${idPrefix}-bearer-token`}
        value={auth.tokenRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="Token or {{accessToken}}"
        onChange={(tokenRef) => onChange({ ...auth, tokenRef })}
      />
      <label htmlFor={`${idPrefix}-bearer-prefix`}>Prefix</label>
      <VariableInput
        id={`${idPrefix}-bearer-prefix`}
        value={auth.prefix}
        spellCheck={false}
        placeholder="(none: the token alone)"
        onChange={(event) => onChange({ ...auth, prefix: event.target.value })}
      />
      <p className="hint form-grid-wide">
        Sent as <code>Authorization: {auth.prefix.trim() === '' ? '' : `${auth.prefix.trim()} `}&lt;token&gt;</code>.
        Empty the prefix for API Gateway&apos;s Cognito authorizer, which wants the token alone.
      </p>
    </>
  );
}
