import type { ComponentType } from 'react';
import { AUTH_FORMS } from '../auth/auth-forms';
import type { AuthFormProps } from '../auth/forms/auth-form-props';
import type { OtherAuth } from '../request/request-draft';

/** The form of a non-AWS auth type from the window's table, with the settings' own ids. */
export function SettingsAuthForm({ auth, onChange, pending }: Omit<AuthFormProps<OtherAuth>, 'idPrefix'>) {
  const Form = AUTH_FORMS[auth.type].Form as ComponentType<AuthFormProps<OtherAuth>> | undefined;
  return Form ? <Form auth={auth} onChange={onChange} pending={pending} idPrefix="settings" /> : null;
}
