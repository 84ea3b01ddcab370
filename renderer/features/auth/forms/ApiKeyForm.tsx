import type { SavedApiKeyAuth } from '../../../../shared/contract/auth';
import { ApiKeyFields } from './ApiKeyFields';
import type { AuthFormProps } from './auth-form-props';

/** An API key as the request's only auth. */
export function ApiKeyForm({ auth, onChange, ...rest }: AuthFormProps<SavedApiKeyAuth>) {
  return <ApiKeyFields {...rest} placement={auth} onChange={(placement) => onChange({ ...auth, ...placement })} />;
}
