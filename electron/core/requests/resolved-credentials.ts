import type { CredentialSource } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { SigningCredentials } from '../signing/sign-request';

/** Credentials resolved for one send, with their expiry when known. */
export interface ResolvedCredentials extends SigningCredentials {
  expiration?: Date | undefined;
  /** Where they came from, for the timeline ("saved profile dev", "~/.aws profile prod"). */
  sourceLabel?: string | undefined;
}

/** Turns a credential source into keys, in main, at send time. */
export type CredentialResolver = (source: CredentialSource) => Promise<ResolvedCredentials>;

/** Resolves only keys typed into the Auth tab. The credentials service replaces it with every source. */
export const resolveInlineCredentials: CredentialResolver = (source) => {
  if (source.source !== 'inline') {
    return Promise.reject(new ShomeiError('CREDENTIALS_MISSING', 'This credential source is not available'));
  }
  return Promise.resolve({
    accessKeyId: source.accessKeyId,
    secretAccessKey: source.secretAccessKey,
    ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
  });
};

/** `ASIAXXXXXXXXXXXXWXYZ` → `ASIA…WXYZ`. */
export function maskKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** Refuses expired credentials before anything is sent, saying when and how to renew. */
export function assertNotExpired(credentials: ResolvedCredentials, now: Date): void {
  if (credentials.expiration && credentials.expiration.getTime() <= now.getTime()) {
    const minutes = Math.max(1, Math.round((now.getTime() - credentials.expiration.getTime()) / 60_000));
    throw new ShomeiError(
      'CREDENTIALS_EXPIRED',
      `These credentials expired at ${credentials.expiration.toISOString()} (${minutes} minute${minutes === 1 ? '' : 's'} ago). Nothing was sent. Paste fresh ones or renew them (for example with aws sts assume-role or aws sso login).`,
      { expiredAt: credentials.expiration.toISOString() },
    );
  }
}
