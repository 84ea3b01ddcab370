import type { SavedAuth } from '../../../../shared/contract/auth';
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
}
