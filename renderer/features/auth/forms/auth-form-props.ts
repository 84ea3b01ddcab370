import type { SavedAuth } from '../../../../shared/contract/auth';
import type { ChannelInput } from '../../../../shared/contract/channels';
import type { AppError } from '../../../../shared/errors';
import type { DescribeReference } from '../../../components/reference-look';
import type { PendingSecrets } from '../SecretField';

/** What every auth form gets: its saved auth (refs only), a way to change it, and the typed secrets pending. */
export interface AuthFormProps<A extends SavedAuth> {
  auth: A;
  onChange(auth: A): void;
  pending: PendingSecrets;
  describeReference?: DescribeReference | undefined;
  /** Prefix of the fields' element ids, so two forms can share a page. */
  idPrefix?: string | undefined;
  /**
   * For a type that signs in before sending (Cognito): the editor's request as main reads it, and
   * a way to write the typed secrets to the vault first. Absent outside a request's Auth tab.
   */
  session?: AuthSessionProps | undefined;
}

/** What a sign-in step needs from the editor around the form. */
export interface AuthSessionProps {
  input(): ChannelInput<'cognito:sign-in'>;
  storeSecrets(): Promise<{ ok: true } | { ok: false; error: AppError }>;
}
