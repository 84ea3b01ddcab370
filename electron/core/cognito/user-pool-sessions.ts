import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { CognitoSessionSummary, CognitoSignInResult } from '../../../shared/contract/cognito';
import { ShomeiError, isShomeiError } from '../../../shared/errors';
import { createTokenCache, type IssuedToken } from '../auth/token-cache';
import type { CognitoAuthAnswer, CognitoEndpoint, CognitoIdpApi } from './cognito-idp';

/** Which user of which app client of which pool: names one session. */
export interface CognitoUser extends CognitoEndpoint {
  userPoolId: string;
  clientId: string;
  username: string;
  /** The app client's secret, when it has one (SECRET_HASH). */
  clientSecret: string;
}

/** A sign-in: the user, the password (main only) and the flow. */
export interface CognitoSignIn extends CognitoUser {
  password: string;
  flow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';
}

/**
 * Cognito user pool sessions, held in main's memory only: the tokens never reach the window,
 * a data file or history. Signing in is explicit; renewal with the refresh token is not a new
 * sign-in and happens before the tokens expire, when a send needs them.
 */
export interface CognitoUserPoolSessions {
  signIn(input: CognitoSignIn): Promise<CognitoSignInResult>;
  answer(challengeId: string, response: { code?: string | undefined; newPassword?: string | undefined }): Promise<CognitoSignInResult>;
  status(user: CognitoUser): CognitoSessionSummary | null;
  signOut(user: CognitoUser): boolean;
  list(): CognitoSessionSummary[];
  /** The summary of the session named `key`, or null. */
  byKey(key: string): CognitoSessionSummary | null;
  /**
   * The chosen token of the user's session, renewed first when the token cache says it is due;
   * refused with `refusal` otherwise. `onRenewExpired` is told before expired tokens are renewed.
   */
  token(user: CognitoUser, use: 'id' | 'access', refusal: string, hooks?: RenewHooks): Promise<string>;
  /** The same, for the session named `key` (an identity pool's user-pool login). */
  tokenByKey(key: string, use: 'id' | 'access', refusal: string, hooks?: RenewHooks): Promise<string>;
}

/** Who to tell when expired tokens are being renewed (the window's "token expired, renewing…"). */
type RenewHooks = { onRenewExpired?: () => void };

/** A signed-in user: who, and the user name Cognito knows them by (USER_ID_FOR_SRP, or the token's), for SECRET_HASH on renewal. */
interface Session {
  user: CognitoUser;
  cognitoUsername: string;
}

/** What the token cache keeps for a session (main's memory only). */
interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string | undefined;
}

interface Challenge {
  user: CognitoUser;
  name: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'NEW_PASSWORD_REQUIRED';
  session?: string | undefined;
  cognitoUsername: string;
  until: number;
}

/** Cognito keeps a challenge's session for 3 minutes. */
const CHALLENGE_MS = 3 * 60_000;

export function createCognitoUserPoolSessions(deps: {
  idp: CognitoIdpApi;
  now: () => Date;
  /** Renew at most this long before the tokens expire (the token cache's default otherwise). */
  renewBeforeMs?: number;
}): CognitoUserPoolSessions {
  const sessions = new Map<string, Session>();
  // The tokens: renewed before they expire (the shared token cache's margin), one renewal at a time.
  const tokens = createTokenCache<Tokens>({ now: deps.now, ...(deps.renewBeforeMs ? { renewBeforeMs: deps.renewBeforeMs } : {}) });
  const refreshTokens = new Map<string, string>();
  const challenges = new Map<string, Challenge>();

  const summaryOf = (key: string, s: Session): CognitoSessionSummary | null => {
    const status = tokens.status(key);
    if (!status) return null;
    return {
      key,
      region: s.user.region,
      userPoolId: s.user.userPoolId,
      clientId: s.user.clientId,
      username: s.user.username,
      endpoint: s.user.endpoint ?? '',
      expiresAt: (status.expiresAt ?? deps.now()).toISOString(),
      canRenew: refreshTokens.has(key),
    };
  };
  const issued = (key: string, t: Tokens): IssuedToken<Tokens> => {
    if (t.refreshToken) refreshTokens.set(key, t.refreshToken);
    return { value: t, expiresAt: expiryOf(t.idToken, t.accessToken, deps.now()) };
  };

  /** Turns Cognito's answer into a session, a challenge for the window, or a clear refusal. */
  const settle = async (user: CognitoUser, answer: CognitoAuthAnswer, cognitoUsername: string): Promise<CognitoSignInResult> => {
    const result = answer.AuthenticationResult;
    if (result?.IdToken && result.AccessToken) {
      const key = sessionKey(user);
      const session: Session = { user, cognitoUsername: tokenUsername(result.AccessToken) ?? cognitoUsername };
      const signedIn: Tokens = { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
      refreshTokens.delete(key);
      await tokens.renew(key, () => Promise.resolve(issued(key, signedIn)));
      sessions.set(key, session);
      const summary = summaryOf(key, session);
      if (!summary) throw new ShomeiError('INTERNAL', 'The Cognito session was not kept');
      return { status: 'signed-in', session: summary };
    }
    const name = answer.ChallengeName;
    const userId = answer.ChallengeParameters?.USER_ID_FOR_SRP ?? cognitoUsername;
    if (name === 'SOFTWARE_TOKEN_MFA' || name === 'SMS_MFA' || name === 'NEW_PASSWORD_REQUIRED') {
      const now = deps.now().getTime();
      for (const [id, c] of challenges) if (c.until < now) challenges.delete(id);
      const challengeId = randomBytes(16).toString('hex');
      challenges.set(challengeId, { user, name, session: answer.Session, cognitoUsername: userId, until: now + CHALLENGE_MS });
      const destination = answer.ChallengeParameters?.CODE_DELIVERY_DESTINATION;
      return { status: 'challenge', challenge: { challengeId, challenge: name, ...(destination ? { destination } : {}) } };
    }
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      name
        ? `Cognito asks for ${name}, which Shomei does not answer yet${name === 'SELECT_MFA_TYPE' ? ': set one preferred MFA method for this user' : ''}`
        : 'Cognito answered the sign-in without tokens',
    );
  };

  /** REFRESH_TOKEN_AUTH for the session named `key` (the token cache calls it when the tokens are due). */
  const refresh = async (key: string, session: Session): Promise<IssuedToken<Tokens>> => {
    const { user } = session;
    const refreshToken = refreshTokens.get(key);
    if (!refreshToken) throw new Error('there is no refresh token');
    const answer = await deps.idp.initiateAuth(user, {
      ClientId: user.clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken, ...secretHash(user, session.cognitoUsername) },
    });
    const result = answer.AuthenticationResult;
    if (!result?.IdToken || !result.AccessToken) throw new Error('Cognito answered the renewal without tokens');
    return issued(key, { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken ?? refreshToken });
  };

  const forget = (key: string): boolean => {
    refreshTokens.delete(key);
    tokens.forget(key);
    return sessions.delete(key);
  };

  const tokenByKey = async (key: string, use: 'id' | 'access', refusal: string, hooks?: RenewHooks): Promise<string> => {
    const session = sessions.get(key);
    if (!session || !tokens.status(key))
      throw new ShomeiError('CREDENTIALS_MISSING', `${refusal}: not signed in to this Cognito user pool. Sign in in the Auth tab first.`, { missing: 'cognito-sign-in' });
    try {
      const { value } = await tokens.get(key, () => refresh(key, session), hooks);
      return use === 'id' ? value.idToken : value.accessToken;
    } catch (error) {
      // Expired and not renewed: the session is over.
      forget(key);
      throw new ShomeiError(
        'CREDENTIALS_EXPIRED',
        `${refusal}: the Cognito session of ${session.user.username} could not be renewed (${cognitoMessage(error)}). Sign in again in the Auth tab.`,
      );
    }
  };

  return {
    async signIn(input) {
      const user: CognitoUser = {
        region: input.region,
        endpoint: input.endpoint,
        userPoolId: input.userPoolId,
        clientId: input.clientId,
        username: input.username,
        clientSecret: input.clientSecret,
      };
      if (input.password === '')
        throw new ShomeiError('INVALID_INPUT', 'Not signed in: set the password in the Auth tab');
      try {
        if (input.flow === 'USER_PASSWORD_AUTH') {
          const answer = await deps.idp.initiateAuth(user, {
            ClientId: user.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: user.username, PASSWORD: input.password, ...secretHash(user, user.username) },
          });
          return await settle(user, answer, user.username);
        }
        // Cognito's SRP library (and the fetch polyfill it brings) loads at the first SRP sign-in.
        const srp = await (await import('./srp')).startSrpSignIn(user.userPoolId);
        const first = await deps.idp.initiateAuth(user, {
          ClientId: user.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: user.username, SRP_A: srp.srpA, ...secretHash(user, user.username) },
        });
        if (first.ChallengeName !== 'PASSWORD_VERIFIER') return await settle(user, first, user.username);
        const responses = await srp.answer(first.ChallengeParameters ?? {}, input.password);
        const answer = await deps.idp.respondToAuthChallenge(user, {
          ClientId: user.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: { ...responses, ...secretHash(user, responses.USERNAME ?? user.username) },
          Session: first.Session,
        });
        return await settle(user, answer, responses.USERNAME ?? user.username);
      } catch (error) {
        throw signInError(error);
      }
    },
    async answer(challengeId, response) {
      const challenge = challenges.get(challengeId);
      challenges.delete(challengeId);
      if (!challenge || challenge.until < deps.now().getTime())
        throw new ShomeiError('CREDENTIALS_EXPIRED', 'Not signed in: the sign-in waited too long for the code (Cognito allows 3 minutes). Sign in again.');
      const { user, cognitoUsername } = challenge;
      const field: Record<string, string> =
        challenge.name === 'NEW_PASSWORD_REQUIRED'
          ? { NEW_PASSWORD: response.newPassword ?? '' }
          : { [challenge.name === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'SOFTWARE_TOKEN_MFA_CODE']: response.code ?? '' };
      if (Object.values(field)[0] === '')
        throw new ShomeiError('INVALID_INPUT', challenge.name === 'NEW_PASSWORD_REQUIRED' ? 'Not signed in: type the new password' : 'Not signed in: type the MFA code');
      try {
        const answer = await deps.idp.respondToAuthChallenge(user, {
          ClientId: user.clientId,
          ChallengeName: challenge.name,
          ChallengeResponses: { USERNAME: cognitoUsername, ...field, ...secretHash(user, cognitoUsername) },
          Session: challenge.session,
        });
        return await settle(user, answer, cognitoUsername);
      } catch (error) {
        throw signInError(error);
      }
    },
    status(user) {
      const key = sessionKey(user);
      const session = sessions.get(key);
      return session ? summaryOf(key, session) : null;
    },
    signOut: (user) => forget(sessionKey(user)),
    list: () =>
      [...sessions].map(([key, s]) => summaryOf(key, s)).filter((s): s is CognitoSessionSummary => s !== null),
    byKey(key) {
      const session = sessions.get(key);
      return session ? summaryOf(key, session) : null;
    },
    token: (user, use, refusal, hooks) => tokenByKey(sessionKey(user), use, refusal, hooks),
    tokenByKey,
  };
}

/** The session's name: endpoint, region, pool, app client and user name (never a secret). */
export function sessionKey(user: Omit<CognitoUser, 'clientSecret'>): string {
  return createHash('sha256')
    .update(JSON.stringify([user.endpoint ?? '', user.region, user.userPoolId, user.clientId, user.username]))
    .digest('hex')
    .slice(0, 32);
}

/** SECRET_HASH (Base64 of HMAC-SHA256 over user name + client id, keyed by the client secret), when the client has a secret. */
function secretHash(user: CognitoUser, username: string): { SECRET_HASH?: string } {
  if (user.clientSecret === '') return {};
  return { SECRET_HASH: createHmac('sha256', user.clientSecret).update(username + user.clientId).digest('base64') };
}

function claimsOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const payload = jwt.split('.')[1];
    if (!payload) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function tokenUsername(accessToken: string): string | undefined {
  const claims = claimsOf(accessToken);
  const name = claims?.username ?? claims?.['cognito:username'];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** When the earlier of the two tokens expires (their `exp`); an hour from now when neither says. */
function expiryOf(idToken: string, accessToken: string, now: Date): Date {
  const times = [idToken, accessToken]
    .map((t) => claimsOf(t)?.exp)
    .filter((exp): exp is number => typeof exp === 'number' && Number.isFinite(exp))
    .map((exp) => exp * 1000);
  return new Date(times.length > 0 ? Math.min(...times) : now.getTime() + 3600_000);
}

function cognitoMessage(error: unknown): string {
  if (isShomeiError(error)) return error.message;
  const e = error as { name?: unknown; message?: unknown };
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message.slice(0, 300) : '';
  return name && message && !message.includes(name) ? `${name}: ${message}` : message || name || 'no answer';
}

/** A failed sign-in as the user reads it: a wrong password says so; the rest names Cognito's reason. */
function signInError(error: unknown): ShomeiError {
  if (isShomeiError(error)) return error;
  const name = (error as { name?: unknown })?.name;
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
    case 'InvalidPasswordException':
      return new ShomeiError('CREDENTIALS_INVALID', `Not signed in: wrong user name or password (${cognitoMessage(error)})`);
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return new ShomeiError('CREDENTIALS_INVALID', `Not signed in: the MFA code was not accepted (${cognitoMessage(error)}). Sign in again.`);
    case 'PasswordResetRequiredException':
      return new ShomeiError('CREDENTIALS_INVALID', 'Not signed in: Cognito requires a password reset for this user');
    case 'UserNotConfirmedException':
      return new ShomeiError('CREDENTIALS_INVALID', 'Not signed in: this user has not confirmed the sign-up yet');
    case 'ResourceNotFoundException':
      return new ShomeiError('NOT_FOUND', `Not signed in: Cognito does not know this user pool or app client (${cognitoMessage(error)})`);
    case 'InvalidParameterException':
      return new ShomeiError('INVALID_INPUT', `Not signed in: ${cognitoMessage(error)} (is this flow enabled for the app client?)`);
    default:
      return new ShomeiError('NETWORK_ERROR', `Not signed in: Cognito did not sign in (${cognitoMessage(error)})`);
  }
}
