import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import type { CognitoEndpoint } from './cognito-idp';
import { withClient } from './with-client';

/** Temporary AWS keys Cognito Identity hands out for an identity. */
export interface IdentityKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** The two identity pool calls a credential profile needs; the host fills it with the AWS SDK. */
export interface CognitoIdentityApi {
  getId(at: CognitoEndpoint, input: { IdentityPoolId: string; Logins?: Record<string, string> | undefined }): Promise<string>;
  getCredentialsForIdentity(
    at: CognitoEndpoint,
    input: { IdentityId: string; Logins?: Record<string, string> | undefined },
  ): Promise<IdentityKeys>;
}

/** GetId and GetCredentialsForIdentity through `@aws-sdk/client-cognito-identity`; both unsigned, so no AWS credentials are read. */
export function createSdkCognitoIdentity(): CognitoIdentityApi {
  const clientOf = (at: CognitoEndpoint) =>
    new CognitoIdentityClient({
      region: at.region,
      maxAttempts: 1,
      ...(at.endpoint ? { endpoint: at.endpoint } : {}),
      credentials: () => Promise.reject(new Error('Cognito Identity calls use no AWS credentials')),
    });
  const using = <T>(at: CognitoEndpoint, call: (client: CognitoIdentityClient) => Promise<T>): Promise<T> =>
    withClient(clientOf(at), call);
  return {
    getId: (at, input) =>
      using(at, async (client) => {
        const { IdentityId } = await client.send(new GetIdCommand(input));
        if (!IdentityId) throw new Error('Cognito Identity answered GetId without an identity id');
        return IdentityId;
      }),
    getCredentialsForIdentity: (at, input) =>
      using(at, async (client) => {
        const { Credentials: c } = await client.send(new GetCredentialsForIdentityCommand(input));
        if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken || !c.Expiration)
          throw new Error('Cognito Identity answered without complete credentials');
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      }),
  };
}
