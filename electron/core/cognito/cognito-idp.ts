import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthFlowType,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import { withClient } from './with-client';

/** Where a user pool answers: its region, and an endpoint other than AWS's when one is set. */
export interface CognitoEndpoint {
  region: string;
  endpoint?: string | undefined;
}

/** What InitiateAuth and RespondToAuthChallenge answer, as far as Shomei reads it. */
export interface CognitoAuthAnswer {
  ChallengeName?: string | undefined;
  ChallengeParameters?: Record<string, string> | undefined;
  Session?: string | undefined;
  AuthenticationResult?:
    | { IdToken?: string | undefined; AccessToken?: string | undefined; RefreshToken?: string | undefined }
    | undefined;
}

/** The two user pool calls sign-in needs; the host fills it with the AWS SDK, tests may too. */
export interface CognitoIdpApi {
  initiateAuth(
    at: CognitoEndpoint,
    input: { ClientId: string; AuthFlow: string; AuthParameters: Record<string, string> },
  ): Promise<CognitoAuthAnswer>;
  respondToAuthChallenge(
    at: CognitoEndpoint,
    input: {
      ClientId: string;
      ChallengeName: string;
      ChallengeResponses: Record<string, string>;
      Session?: string | undefined;
    },
  ): Promise<CognitoAuthAnswer>;
}

/**
 * The user pool calls through `@aws-sdk/client-cognito-identity-provider`. Both are unsigned
 * (Cognito's `noAuth`), so the client is given no AWS credentials and reads none: nothing implicit.
 */
export function createSdkCognitoIdp(): CognitoIdpApi {
  const clientOf = (at: CognitoEndpoint) =>
    new CognitoIdentityProviderClient({
      region: at.region,
      maxAttempts: 1,
      ...(at.endpoint ? { endpoint: at.endpoint } : {}),
      credentials: () => Promise.reject(new Error('Cognito sign-in uses no AWS credentials')),
    });
  return {
    initiateAuth: (at, input) =>
      withClient(clientOf(at), (client) =>
        client.send(new InitiateAuthCommand({ ...input, AuthFlow: input.AuthFlow as AuthFlowType })),
      ),
    respondToAuthChallenge: (at, input) =>
      withClient(clientOf(at), (client) =>
        client.send(new RespondToAuthChallengeCommand({ ...input, ChallengeName: input.ChallengeName as ChallengeNameType })),
      ),
  };
}
