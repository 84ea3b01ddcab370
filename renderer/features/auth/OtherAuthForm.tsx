import type { ComponentType } from 'react';
import { defaultSavedAuth, type AuthType, type SavedAuthOf } from '../../../shared/contract/auth';
import type { DraftAction, OtherAuth, EditorDraft } from '../request/request-draft';
import { AUTH_FORMS } from './auth-forms';
import type { AuthFormProps, AuthSessionProps } from './forms/auth-form-props';
import type { PendingSecrets } from './SecretField';
import type { DescribeReference } from '../../components/reference-look';

/** The form of an auth type other than AWS Signature, from the window's table (`AUTH_FORMS`), on the tab's draft. */
export function OtherAuthForm<T extends Exclude<AuthType, 'aws-sigv4'>>({
  type,
  draft,
  update,
  pending,
  describeReference,
  session,
}: {
  type: T;
  session: AuthSessionProps | undefined;
  draft: EditorDraft;
  update(action: DraftAction): void;
  pending: PendingSecrets;
  describeReference: DescribeReference | undefined;
}) {
  const Form = AUTH_FORMS[type].Form as ComponentType<AuthFormProps<SavedAuthOf<T>>> | undefined;
  if (!Form) return null;
  const auth = (draft.auths[type] as SavedAuthOf<T> | undefined) ?? defaultSavedAuth(type);
  return (
    <Form
      auth={auth}
      pending={pending}
      describeReference={describeReference}
      session={session}
      onChange={(next) => update({ type: 'auth', auth: next as OtherAuth })}
    />
  );
}
