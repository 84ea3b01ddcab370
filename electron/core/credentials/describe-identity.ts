import type { CredentialSource } from '../../../shared/contract/http';
import type { SendIdentity } from '../../../shared/contract/trust';
import { maskKeyId } from '../requests/resolved-credentials';
import type { CredentialResolver } from './credential-resolver';
import type { CredentialStore } from './credential-store';

/** What describing an identity reads. */
export interface DescribeIdentityDeps {
  store: CredentialStore;
  resolver: CredentialResolver;
}

/**
 * The identity a credential source stands for, as the line next to Send shows it: never a
 * secret. Saved profiles are described from their summary (an AssumeRole profile is not assumed
 * just to be described); `~/.aws` profiles, the environment and the default chain are resolved
 * (the resolver caches what expires). A source that cannot be used throws its `ShomeiError`.
 */
export async function describeIdentity(
  deps: DescribeIdentityDeps,
  source: CredentialSource,
): Promise<Omit<Extract<SendIdentity, { state: 'ready' }>, 'isAppDefault' | 'state'>> {
  if (source.source === 'inline') {
    return {
      source: 'keys typed here',
      keyIdMasked: maskKeyId(source.accessKeyId),
      ...(source.expiration ? { expiresAt: source.expiration } : {}),
    };
  }
  if (source.source === 'profile') {
    const profile = deps.store.lookup(source.profileId);
    if (!profile) await deps.resolver.resolve(source); // throws the resolver's "not set up here"
    const summary = deps.store.summary(source.profileId);
    const roleAccount = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(summary.assumeRole?.roleArn ?? '')?.[1];
    const accountId = summary.accountId ?? roleAccount;
    return {
      source: summary.assumeRole
        ? `role ${summary.assumeRole.roleArn} (profile ${summary.name})`
        : `saved profile ${summary.name}`,
      ...(summary.keyIdMasked ? { keyIdMasked: summary.keyIdMasked } : {}),
      ...(accountId ? { accountId } : {}),
      ...(summary.expiration ? { expiresAt: summary.expiration } : {}),
    };
  }
  const resolved = await deps.resolver.resolve(source);
  return {
    source: resolved.sourceLabel ?? source.source,
    keyIdMasked: maskKeyId(resolved.accessKeyId),
    ...(resolved.expiration ? { expiresAt: resolved.expiration.toISOString() } : {}),
  };
}
