import { API_GATEWAY_KEY_HEADER, type ApiKeyPlacement, type SavedApiKeyAuth } from '../../../../shared/contract/auth';
import { VariableInput } from '../../../components/VariableInput';
import { SecretField } from '../SecretField';
import type { AuthFormProps } from './auth-form-props';

/** Where an API key goes (header or query, its name) and its value (vault or `{{variable}}`). */
export function ApiKeyFields({
  placement: auth,
  onChange,
  pending,
  describeReference,
  idPrefix = 'auth',
}: Omit<AuthFormProps<SavedApiKeyAuth>, 'auth' | 'onChange'> & {
  placement: ApiKeyPlacement;
  onChange(placement: ApiKeyPlacement): void;
}) {
  const set = (patch: Partial<ApiKeyPlacement>) => onChange({ ...auth, ...patch });
  return (
    <>
      <label htmlFor={`${idPrefix}-api-key-in`}>Send the key in</label>
      <div className="inline-row">
        <select
          id={`${idPrefix}-api-key-in`}
          value={auth.in}
          onChange={(event) => set({ in: event.target.value as ApiKeyPlacement['in'] })}
        >
          <option value="header">Header</option>
          <option value="query">Query parameter</option>
        </select>
        <button type="button" onClick={() => set({ in: 'header', name: API_GATEWAY_KEY_HEADER })}>
          API Gateway (x-api-key)
        </button>
      </div>
      <label htmlFor={`${idPrefix}-api-key-name`}>Key name</label>
      <VariableInput
        id={`${idPrefix}-api-key-name`}
        value={auth.name}
        spellCheck={false}
        describeReference={describeReference}
        onChange={(event) => set({ name: event.target.value })}
      />
      <label htmlFor={`${idPrefix}-api-key-value`}>Key value</label>
      <SecretField
        id={`${idPrefix}-api-key-value`}
        value={auth.valueRef}
        pending={pending}
        describeReference={describeReference}
        placeholder="Key or {{apiKey}}"
        onChange={(valueRef) => set({ valueRef })}
      />
    </>
  );
}
