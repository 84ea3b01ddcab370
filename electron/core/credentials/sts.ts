import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import type { AssumeRoleSettings } from '../../../shared/contract/credentials';
import { ShomeiError } from '../../../shared/errors';
import type { ResolvedCredentials } from '../requests/resolved-credentials';

/** Who a set of credentials belongs to. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** The STS calls the credentials service makes; injected so tests can count or replace them. */
export interface StsApi {
  assumeRole(base: ResolvedCredentials, settings: AssumeRoleSettings, mfaCode?: string): Promise<ResolvedCredentials & { accountId?: string | undefined }>;
  getCallerIdentity(credentials: ResolvedCredentials, options: { region?: string | undefined; endpoint?: string | undefined }): Promise<CallerIdentity>;
}

/** The AWS SDK's STS client, loaded at the first STS call (it is large, and most runs never call STS). */
const loadSdk = () => import('@aws-sdk/client-sts');

async function client(credentials: ResolvedCredentials, region: string | undefined, endpoint: string | undefined): Promise<STSClient> {
  const { STSClient } = await loadSdk();
  const config: STSClientConfig = {
    region: region ?? 'us-east-1',
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: 2,
    ...(endpoint ? { endpoint } : {}),
  };
  return new STSClient(config);
}

/** What went wrong in an STS call, said for people; never echoes a key. */
function stsError(action: string, error: unknown): ShomeiError {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const detail = e.message && e.message !== 'UnknownError' ? e.message : (e.name ?? 'unknown error');
  if (status === 403 || /AccessDenied|InvalidClientTokenId|SignatureDoesNotMatch/.test(e.name ?? '')) {
    return new ShomeiError('CREDENTIALS_INVALID', `${action} was refused by STS (${e.name ?? status}): ${detail}`);
  }
  if (/ExpiredToken/.test(e.name ?? '')) {
    return new ShomeiError('CREDENTIALS_EXPIRED', `${action} failed: the credentials used for it have expired. Renew them and try again.`);
  }
  if (status === undefined) return new ShomeiError('NETWORK_ERROR', `${action} could not reach STS: ${detail}`);
  return new ShomeiError('CREDENTIALS_INVALID', `${action} failed (HTTP ${status}, ${e.name ?? 'error'}): ${detail}`);
}

/** The real STS over the AWS SDK (or any STS-compatible endpoint). */
export function createSdkStsApi(): StsApi {
  return {
    async assumeRole(base, settings, mfaCode) {
      const { AssumeRoleCommand } = await loadSdk();
      const sts = await client(base, settings.stsRegion, settings.stsEndpoint);
      try {
        const answer = await sts.send(
          new AssumeRoleCommand({
            RoleArn: settings.roleArn,
            RoleSessionName: settings.sessionName,
            DurationSeconds: settings.durationSeconds,
            ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
            ...(settings.mfaSerial ? { SerialNumber: settings.mfaSerial, TokenCode: mfaCode } : {}),
          }),
        );
        const keys = answer.Credentials;
        if (!keys?.AccessKeyId || !keys.SecretAccessKey) throw new ShomeiError('CREDENTIALS_INVALID', 'STS answered AssumeRole without credentials');
        const accountId = /^arn:aws[a-z-]*:sts::(\d{12}):/.exec(answer.AssumedRoleUser?.Arn ?? '')?.[1];
        return {
          accessKeyId: keys.AccessKeyId,
          secretAccessKey: keys.SecretAccessKey,
          ...(keys.SessionToken ? { sessionToken: keys.SessionToken } : {}),
          ...(keys.Expiration ? { expiration: keys.Expiration } : {}),
          ...(accountId ? { accountId } : {}),
        };
      } catch (error) {
        if (error instanceof ShomeiError) throw error;
        throw stsError(`Assuming ${settings.roleArn}`, error);
      } finally {
        sts.destroy();
      }
    },
    async getCallerIdentity(credentials, options) {
      const { GetCallerIdentityCommand } = await loadSdk();
      const sts = await client(credentials, options.region, options.endpoint);
      try {
        const answer = await sts.send(new GetCallerIdentityCommand({}));
        return { account: answer.Account ?? '', arn: answer.Arn ?? '', userId: answer.UserId ?? '' };
      } catch (error) {
        throw stsError('Checking the identity', error);
      } finally {
        sts.destroy();
      }
    },
  };
}
