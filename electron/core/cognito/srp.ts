import { createHmac } from 'node:crypto';
import * as cognitoJs from 'amazon-cognito-identity-js';
// The SRP math of AWS's own Cognito library (its `AuthenticationHelper` and the BigInteger it
// takes): Cognito's SRP variant (its N, g, k and HKDF) is not a plain SRP-6a, so Shomei uses the
// implementation Cognito's clients use rather than writing its own.
import BigInteger from 'amazon-cognito-identity-js/lib/BigInteger.js';

interface BigIntegerLike {
  toString(radix: number): string;
}
interface AuthenticationHelperLike {
  getLargeAValue(callback: (error: unknown, a: BigIntegerLike) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: BigIntegerLike,
    salt: BigIntegerLike,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
}
const { AuthenticationHelper, DateHelper } = cognitoJs as unknown as {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelperLike;
  DateHelper: new () => { getNowString(): string };
};

/** One SRP sign-in in progress: SRP_A for InitiateAuth, then the PASSWORD_VERIFIER answer. */
export interface SrpSignIn {
  srpA: string;
  /** The ChallengeResponses of PASSWORD_VERIFIER for Cognito's challenge parameters. */
  answer(parameters: Readonly<Record<string, string>>, password: string): Promise<Record<string, string>>;
}

/** Starts an SRP sign-in to `userPoolId` (`us-east-1_AbC123`). */
export async function startSrpSignIn(userPoolId: string): Promise<SrpSignIn> {
  const poolName = userPoolId.split('_')[1] ?? userPoolId;
  const helper = new AuthenticationHelper(poolName);
  const largeA = await new Promise<BigIntegerLike>((resolve, reject) =>
    helper.getLargeAValue((error, a) => (error ? reject(toError(error)) : resolve(a))),
  );
  return {
    srpA: largeA.toString(16),
    async answer(parameters, password) {
      const { SALT: salt, SRP_B: srpB, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId } = parameters;
      if (!salt || !srpB || !secretBlock || !userId)
        throw new Error('Cognito’s PASSWORD_VERIFIER challenge lacks SALT, SRP_B, SECRET_BLOCK or USER_ID_FOR_SRP');
      const key = await new Promise<Uint8Array>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(userId, password, new BigInteger(srpB, 16), new BigInteger(salt, 16), (error, k) =>
          error ? reject(toError(error)) : resolve(k),
        ),
      );
      // `Wed Dec 2 21:09:33 UTC 2026`, as Cognito's library writes it.
      const timestamp = new DateHelper().getNowString();
      const signature = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp)]))
        .digest('base64');
      return {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      };
    },
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
