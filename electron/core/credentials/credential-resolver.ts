import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { BaseSource } from '../../../shared/contract/credentials';
import type { CredentialSource } from '../../../shared/contract/http';
import { ShomeiError, isShomeiError } from '../../../shared/errors';
import { assertNotExpired, type ResolvedCredentials } from '../requests/resolved-credentials';
import { awsConfigFiles } from './aws-profiles';
import type { CredentialStore } from './credential-store';
import type { StsApi } from './sts';
import type { CognitoIdentityApi } from '../cognito/cognito-identity';
import { sessionKey, type CognitoUserPoolSessions } from '../cognito/user-pool-sessions';
import { identityPoolRegion } from '../../../shared/contract/credentials';

/** Assumed or file-chain keys are renewed when fewer than this many milliseconds remain. */
export const RENEW_BEFORE_MS = 5 * 60_000;
/** Roles assumed from roles: deeper chains are refused (AWS allows chaining, but not loops). */
const MAX_CHAIN_DEPTH = 5;

/** What resolving needs from the host. */
export interface CredentialResolverDeps {
  store: CredentialStore;
  sts: StsApi;
  /** Cognito identity pools (GetId, GetCredentialsForIdentity) and the user pool sign-ins their logins use. */
  cognito?: { identity: CognitoIdentityApi; userPools: Pick<CognitoUserPoolSessions, 'tokenByKey'> } | undefined;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Replaceable for tests; default: the SDK's `fromIni` / `fromNodeProviderChain`. */
  providers?: {
    fromIni?: typeof fromIni;
    fromNodeProviderChain?: typeof fromNodeProviderChain;
  };
}

/** Turns every credential source into keys, in main, at send time. */
export interface CredentialResolver {
  resolve(source: CredentialSource, options?: { mfaCode?: string | undefined }): Promise<ResolvedCredentials>;
  /** Assumes the role of an AssumeRole profile now, even when cached keys are still good. */
  assumeNow(profileId: string, mfaCode?: string): Promise<ResolvedCredentials>;
}

type Cached = { credentials: ResolvedCredentials; at: number };

/**
 * Resolves keys typed in the Auth tab, saved profiles (keys, or an AssumeRole on top of another
 * source, cached encrypted and renewed five minutes before they expire), `~/.aws` profiles through
 * the SDK's `fromIni` (role chains, `credential_process`, SSO), the environment, and the default
 * chain. Every failure is a `ShomeiError` that says what to do; nothing is ever sent unsigned.
 */
export function createCredentialResolver(deps: CredentialResolverDeps): CredentialResolver {
  const iniCache = new Map<string, Cached>();
  let chainCache: Cached | undefined;
  const fromIniProvider = deps.providers?.fromIni ?? fromIni;
  const chainProvider = deps.providers?.fromNodeProviderChain ?? fromNodeProviderChain;
  const isFresh = (credentials: ResolvedCredentials) =>
    credentials.expiration !== undefined && credentials.expiration.getTime() - deps.now().getTime() > RENEW_BEFORE_MS;

  const fromSdk = (identity: AwsCredentialIdentity, label: string): ResolvedCredentials => ({
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
    ...(identity.expiration ? { expiration: identity.expiration } : {}),
    sourceLabel: label,
  });

  const resolveAwsProfile = async (profile: string, mfaCode: string | undefined): Promise<ResolvedCredentials> => {
    const cached = iniCache.get(profile);
    if (cached && isFresh(cached.credentials)) return cached.credentials;
    const files = awsConfigFiles(deps.env);
    const provider: AwsCredentialIdentityProvider = fromIniProvider({
      profile,
      filepath: files.sharedCredentialsFile,
      configFilepath: files.configFile,
      ignoreCache: true,
      mfaCodeProvider: (serial: string) => {
        if (mfaCode) return Promise.resolve(mfaCode);
        return Promise.reject(new ShomeiError('MFA_REQUIRED', `The AWS profile "${profile}" needs a code from the MFA device ${serial}`, { awsProfile: profile, mfaSerial: serial }));
      },
    });
    try {
      const credentials = fromSdk(await provider(), `~/.aws profile ${profile}`);
      if (credentials.expiration) iniCache.set(profile, { credentials, at: Date.now() });
      return credentials;
    } catch (error) {
      throw awsProfileError(profile, files, error);
    }
  };

  const resolveEnv = (): ResolvedCredentials => {
    const accessKeyId = deps.env.AWS_ACCESS_KEY_ID?.trim() ?? '';
    const secretAccessKey = deps.env.AWS_SECRET_ACCESS_KEY?.trim() ?? '';
    if (accessKeyId === '' || secretAccessKey === '') {
      throw new ShomeiError(
        'CREDENTIALS_MISSING',
        'Not sent: this request signs with the AWS credentials of the environment, and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set where Shomei runs. Set them, or choose another credential source.',
      );
    }
    const sessionToken = deps.env.AWS_SESSION_TOKEN?.trim();
    const expiry = deps.env.AWS_CREDENTIAL_EXPIRATION?.trim();
    const expiration = expiry ? new Date(expiry) : undefined;
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
      sourceLabel: 'environment variables',
    };
  };

  const resolveChain = async (): Promise<ResolvedCredentials> => {
    // The chain's first link, read from the environment the core was given (the SDK reads process.env).
    if (deps.env.AWS_ACCESS_KEY_ID && deps.env.AWS_SECRET_ACCESS_KEY) return { ...resolveEnv(), sourceLabel: 'the default credential chain (environment variables)' };
    if (chainCache && (chainCache.credentials.expiration === undefined ? Date.now() - chainCache.at < 60_000 : isFresh(chainCache.credentials))) {
      return chainCache.credentials;
    }
    try {
      const credentials = fromSdk(await chainProvider({ maxRetries: 1, timeout: 1000 })(), 'the default credential chain');
      chainCache = { credentials, at: Date.now() };
      return credentials;
    } catch (error) {
      throw new ShomeiError(
        'CREDENTIALS_MISSING',
        `Not sent: the default credential chain found nothing (environment variables, ~/.aws files, container and instance roles were tried): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const assume = async (profileId: string, depth: number, mfaCode: string | undefined, isForced: boolean): Promise<ResolvedCredentials> => {
    const profile = deps.store.summary(profileId);
    const settings = profile.assumeRole;
    if (!settings) throw new ShomeiError('INTERNAL', 'Not an AssumeRole profile');
    if (!isForced) {
      const cached = await deps.store.readKeys(profileId);
      if (cached?.expiration && cached.expiration.getTime() - deps.now().getTime() > RENEW_BEFORE_MS) {
        return { ...cached.keys, expiration: cached.expiration, sourceLabel: `role ${settings.roleArn} (profile ${profile.name}, cached)` };
      }
    }
    if (settings.mfaSerial && !mfaCode) {
      throw new ShomeiError('MFA_REQUIRED', `Assuming ${settings.roleArn} for "${profile.name}" needs a code from the MFA device ${settings.mfaSerial}`, {
        profileId,
        mfaSerial: settings.mfaSerial,
      });
    }
    const base = await resolveBase(settings.base, depth + 1, undefined);
    assertNotExpired(base, deps.now());
    const assumed = await deps.sts.assumeRole(base, settings, mfaCode);
    await deps.store.cacheAssumed(profileId, { ...assumed });
    return { ...assumed, sourceLabel: `role ${settings.roleArn} (profile ${profile.name}, assumed just now with ${base.sourceLabel ?? 'its source'})` };
  };

  /** Identity ids by pool and login: GetId once, then GetCredentialsForIdentity each time the keys are due. */
  const identityIds = new Map<string, string>();
  const cognitoKeys = async (profileId: string, isForced: boolean): Promise<ResolvedCredentials> => {
    const profile = deps.store.summary(profileId);
    const settings = profile.cognitoIdentity;
    if (!settings || !deps.cognito) throw new ShomeiError('INTERNAL', 'Not a Cognito identity pool profile');
    const label = `Cognito identity pool ${settings.identityPoolId} (profile ${profile.name}${settings.login ? `, signed in as ${settings.login.username}` : ', unauthenticated'}`;
    if (!isForced) {
      const cached = await deps.store.readKeys(profileId);
      if (cached?.expiration && cached.expiration.getTime() - deps.now().getTime() > RENEW_BEFORE_MS)
        return { ...cached.keys, expiration: cached.expiration, sourceLabel: `${label}, cached)` };
    }
    const at = { region: identityPoolRegion(settings.identityPoolId), ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
    let logins: Record<string, string> | undefined;
    if (settings.login) {
      const { login } = settings;
      // The ID token of the sign-in the user chose (renewed first if due); no sign-in, no keys.
      const idToken = await deps.cognito.userPools.tokenByKey(
        sessionKey({ ...login, endpoint: login.endpoint || undefined }),
        'id',
        `Not sent: the Cognito identity pool profile "${profile.name}" uses the sign-in of ${login.username}`,
      );
      logins = { [`cognito-idp.${login.region}.amazonaws.com/${login.userPoolId}`]: idToken };
    }
    const idKey = JSON.stringify([settings.identityPoolId, settings.endpoint ?? '', settings.login ?? null]);
    try {
      let identityId = identityIds.get(idKey);
      if (!identityId) {
        identityId = await deps.cognito.identity.getId(at, { IdentityPoolId: settings.identityPoolId, Logins: logins });
        identityIds.set(idKey, identityId);
      }
      const keys = await deps.cognito.identity.getCredentialsForIdentity(at, { IdentityId: identityId, Logins: logins });
      await deps.store.cacheAssumed(profileId, keys);
      return { ...keys, sourceLabel: `${label}, got just now)` };
    } catch (error) {
      identityIds.delete(idKey);
      if (isShomeiError(error)) throw error;
      const e = error as { name?: unknown; message?: unknown };
      throw new ShomeiError(
        e.name === 'NotAuthorizedException' ? 'CREDENTIALS_INVALID' : 'NETWORK_ERROR',
        `Not sent: the Cognito identity pool ${settings.identityPoolId} gave no credentials (${typeof e.name === 'string' ? `${e.name}: ` : ''}${typeof e.message === 'string' ? e.message.slice(0, 300) : 'no answer'})`,
        { profileId },
      );
    }
  };

  const resolveProfile = async (profileId: string, depth: number, mfaCode: string | undefined): Promise<ResolvedCredentials> => {
    if (depth > MAX_CHAIN_DEPTH) throw new ShomeiError('CREDENTIALS_INVALID', 'Roles are assumed from roles more than five deep; shorten the chain');
    const profile = deps.store.lookup(profileId);
    if (!profile) {
      throw new ShomeiError(
        'CREDENTIALS_MISSING',
        `Not sent: this request signs with the Shomei credential profile "${profileId}", which is not set up here. Create it in Credentials, or choose another credential source.`,
        { profileId },
      );
    }
    if (profile.kind === 'assume-role') return assume(profile.id, depth, mfaCode, false);
    if (profile.kind === 'cognito-identity') return cognitoKeys(profile.id, false);
    const stored = await deps.store.readKeys(profile.id);
    if (!stored) throw new ShomeiError('CREDENTIALS_MISSING', `The credential profile "${profile.name}" holds no keys yet`);
    return { ...stored.keys, ...(stored.expiration ? { expiration: stored.expiration } : {}), sourceLabel: `saved profile ${profile.name}` };
  };

  const resolveBase = (source: BaseSource, depth: number, mfaCode: string | undefined): Promise<ResolvedCredentials> => {
    switch (source.source) {
      case 'profile':
        return resolveProfile(source.profileId, depth, mfaCode);
      case 'aws-profile':
        return resolveAwsProfile(source.profile, mfaCode);
      case 'env':
        return Promise.resolve(resolveEnv());
      case 'default-chain':
        return resolveChain();
    }
  };

  return {
    async resolve(source, options = {}) {
      if (source.source === 'inline') {
        return {
          accessKeyId: source.accessKeyId,
          secretAccessKey: source.secretAccessKey,
          ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
          ...(source.expiration ? { expiration: new Date(source.expiration) } : {}),
        };
      }
      return resolveBase(source, 0, options.mfaCode);
    },
    assumeNow: (profileId, mfaCode) =>
      deps.store.summary(profileId).kind === 'cognito-identity' ? cognitoKeys(profileId, true) : assume(profileId, 0, mfaCode, true),
  };
}

/** An SDK error from `fromIni`, said for people: a missing profile, an expired SSO session, a failing process. */
function awsProfileError(profile: string, files: { configFile: string; sharedCredentialsFile: string }, error: unknown): ShomeiError {
  if (isShomeiError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/sso/i.test(message) && /(expired|invalid|refresh|not found|could not be found|aws sso login)/i.test(message)) {
    return new ShomeiError('CREDENTIALS_EXPIRED', `The SSO session of the AWS profile "${profile}" has expired or was never started. Run \`aws sso login --profile ${profile}\`, then send again. Nothing was sent.`, { awsProfile: profile });
  }
  if (/could not resolve credentials using profile|profile .* not found|not found in|could not find profile/i.test(message) || /Profile \S+ could not be found/i.test(message)) {
    return new ShomeiError('CREDENTIALS_MISSING', `The AWS profile "${profile}" is not in ${files.configFile} or ${files.sharedCredentialsFile} (or it has no credentials). Nothing was sent.`, { awsProfile: profile });
  }
  if (/credential_process|process/i.test(message)) {
    return new ShomeiError('CREDENTIALS_INVALID', `The credential_process of the AWS profile "${profile}" failed: ${message}. Nothing was sent.`, { awsProfile: profile });
  }
  return new ShomeiError('CREDENTIALS_INVALID', `The AWS profile "${profile}" could not be used: ${message}. Nothing was sent.`, { awsProfile: profile });
}
