import { cognitoRegionOf, type SavedCognitoUserPoolAuth } from '../../../shared/contract/auth';
import { ShomeiError } from '../../../shared/errors';
import type { CognitoUser } from '../cognito/user-pool-sessions';
import { setCredentialHeader, type AuthTypeModule } from './auth-type';

/** The variable a format without Cognito sign-in sends instead of the token. */
function tokenVariable(auth: SavedCognitoUserPoolAuth): string {
  return auth.tokenUse === 'id' ? 'cognitoIdToken' : 'cognitoAccessToken';
}

/** The Authorization value such a format gets: the variable, `Bearer` before it when that was the prefix. */
function cognitoExportHeader(auth: SavedCognitoUserPoolAuth): string {
  return `${auth.prefix.trim().toLowerCase() === 'bearer' ? 'Bearer ' : ''}{{${tokenVariable(auth)}}}`;
}

/** A Cognito user pool auth resolved for one send or sign-in: in main only. */
export interface ResolvedCognitoUserPoolAuth {
  type: 'cognito-user-pool';
  saved: SavedCognitoUserPoolAuth;
  user: CognitoUser;
  /** Read only to sign in; a send uses the session's token. */
  password: string;
}

/**
 * Cognito user pool sign-in: the token of the session the user signed in with (Auth tab), renewed
 * with the refresh token before it expires, as `Authorization: <token>` (or a chosen prefix).
 */
export const cognitoUserPoolAuth: AuthTypeModule<'cognito-user-pool', ResolvedCognitoUserPoolAuth> = {
  type: 'cognito-user-pool',
  async resolve(links, context) {
    const own = links[0] as (typeof links)[number];
    const { auth, from } = own;
    const userPoolId = context.fill(auth.userPoolId, 'auth.userPoolId', from).trim();
    const region = cognitoRegionOf(context.fill(auth.region, 'auth.region', from), userPoolId);
    const clientId = context.fill(auth.clientId, 'auth.clientId', from).trim();
    const username = context.fill(auth.username, 'auth.username', from).trim();
    const endpoint = context.fill(auth.endpoint, 'auth.endpoint', from).trim();
    if (!/^[\w-]+_[0-9A-Za-z]+$/.test(userPoolId))
      context.invalid('auth.userPoolId', 'Set the user pool id (like us-east-1_AbC123) in the Auth tab', from);
    if (region === '') context.invalid('auth.region', 'Set the user pool’s region in the Auth tab', from);
    if (clientId === '') context.invalid('auth.clientId', 'Set the app client id in the Auth tab', from);
    if (username === '') context.invalid('auth.username', 'Set the Cognito user name in the Auth tab', from);
    if (endpoint !== '' && !/^https?:\/\/[^\s/?#]+\/?$/i.test(endpoint))
      context.invalid('auth.endpoint', 'The Cognito endpoint is http(s)://host[:port]', from);
    const clientSecret = await context.secret(auth.clientSecretRef, 'auth.clientSecretRef', 'the app client secret', from, true);
    const password = await context.secret(auth.passwordRef, 'auth.passwordRef', 'the Cognito password', from, true);
    return {
      type: 'cognito-user-pool',
      saved: auth,
      user: { region, ...(endpoint ? { endpoint } : {}), userPoolId, clientId, username, clientSecret },
      password,
    };
  },
  async apply(auth, target, context, refusal) {
    if (!context.cognito) throw new ShomeiError('INTERNAL', `${refusal}: Cognito sign-in is not available here`);
    const token = await context.cognito.token(auth.user, auth.saved.tokenUse, refusal);
    const prefix = auth.saved.prefix.trim();
    setCredentialHeader(target, 'Authorization', prefix === '' ? token : `${prefix} ${token}`, [token]);
  },
  toHistory: (auth) => auth.saved,
  fromHistory: (history) => history,
  summary: (auth) =>
    `Cognito user pool ${auth.userPoolId.trim() || '(no pool)'} as ${auth.username.trim() || '(no user)'}, ${auth.tokenUse === 'id' ? 'ID' : 'access'} token`,
  exportNote: (auth) =>
    `Sign in to the Cognito user pool ${auth.userPoolId.trim() || ''} in the Auth tab: the tokens stay in the sender’s Shomei. Postman has no Cognito sign-in: it gets Authorization: ${cognitoExportHeader(auth)}, set {{${tokenVariable(auth)}}} there`.replace('  ', ' '),
  exportAs(auth) {
    const tokenRef = { kind: 'variables' as const, text: `{{${tokenVariable(auth)}}}` };
    return auth.prefix.trim().toLowerCase() === 'bearer'
      ? { type: 'bearer', tokenRef, prefix: 'Bearer' }
      : { type: 'api-key', in: 'header', name: 'Authorization', valueRef: tokenRef };
  },
  openApi(_name, scheme) {
    const authorizer = scheme['x-amazon-apigateway-authorizer'];
    if (typeof authorizer !== 'object' || authorizer === null) return undefined;
    const { type, providerARNs } = authorizer as Record<string, unknown>;
    if (type !== 'cognito_user_pools') return undefined;
    // arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123
    const arn = Array.isArray(providerARNs) ? providerARNs.find((a): a is string => typeof a === 'string') : undefined;
    const match = arn ? /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d*:userpool\/([\w-]+_[0-9A-Za-z]+)$/.exec(arn) : null;
    return {
      type: 'cognito-user-pool',
      region: match?.[1] ?? '',
      userPoolId: match?.[2] ?? '',
      clientId: '',
      clientSecretRef: { kind: 'variables', text: '' },
      username: '',
      passwordRef: { kind: 'variables', text: '' },
      flow: 'USER_PASSWORD_AUTH',
      tokenUse: 'id',
      prefix: '',
      endpoint: '',
    };
  },
};
