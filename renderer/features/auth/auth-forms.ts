import type { ComponentType } from 'react';
import type { AuthType, SavedAuthOf } from '../../../shared/contract/auth';
import { ApiKeyForm } from './forms/ApiKeyForm';
import type { AuthFormProps } from './forms/auth-form-props';
import { BasicForm } from './forms/BasicForm';
import { BearerForm } from './forms/BearerForm';
import { CognitoUserPoolForm } from './forms/CognitoUserPoolForm';
import { OAuth2Form } from './forms/OAuth2Form';

/** How the window shows one auth type: its name in the menu, the tab's badge, and its form. */
export interface AuthFormEntry<T extends AuthType> {
  label: string;
  badge: string;
  /** Whether an API key may be sent beside it (API Gateway usage plans). */
  hasApiKeyBeside: boolean;
  /** Undefined for AWS, whose form is bound to the editor (presign, preview, typed keys). */
  Form?: ComponentType<AuthFormProps<SavedAuthOf<T>>>;
}

// The one table of auth types in the window, in menu order. Adding a type: its form in forms/ and a line here.
export const AUTH_FORMS: { [T in AuthType]: AuthFormEntry<T> } = {
  'aws-sigv4': { label: 'AWS Signature', badge: 'SigV4', hasApiKeyBeside: true },
  bearer: { label: 'Bearer token', badge: 'Bearer', hasApiKeyBeside: true, Form: BearerForm },
  basic: { label: 'Basic auth', badge: 'Basic', hasApiKeyBeside: true, Form: BasicForm },
  'api-key': { label: 'API key', badge: 'Key', hasApiKeyBeside: false, Form: ApiKeyForm },
  'cognito-user-pool': { label: 'Cognito user pool', badge: 'Cognito', hasApiKeyBeside: true, Form: CognitoUserPoolForm },
  oauth2: { label: 'OAuth 2.0 client credentials', badge: 'OAuth', hasApiKeyBeside: true, Form: OAuth2Form },
};

/** The auth types in menu order. */
export const AUTH_FORM_TYPES = Object.keys(AUTH_FORMS) as AuthType[];
