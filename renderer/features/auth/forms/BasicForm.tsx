import type { SavedBasicAuth } from '../../../../shared/contract/auth';
import { VariableInput } from '../../../components/VariableInput';
import { SecretField } from '../SecretField';
import type { AuthFormProps } from './auth-form-props';

/** HTTP Basic: a user name and a password (vault or `{{variable}}`). */
export function BasicForm({
  auth,
  onChange,
  pending,
  describeReference,
  idPrefix = 'auth',
}: AuthFormProps<SavedBasicAuth>) {
  return (
    <>
      <label htmlFor={`${idPrefix}-basic-username`}>User name</label>
      <VariableInput
        id={`${idPrefix}-basic-username`}
        value={auth.username}
        autoComplete="off"
        spellCheck={false}
        describeReference={describeReference}
        onChange={(event) => onChange({ ...auth, username: event.target.value })}
      />
      <label htmlFor={`${idPrefix}-basic-password`}>Password</label>
      <SecretField
        id={`${idPrefix}-basic-password`}
        value={auth.passwordRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="Password or {{password}}"
        onChange={(passwordRef) => onChange({ ...auth, passwordRef })}
      />
    </>
  );
}
