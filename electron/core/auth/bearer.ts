import type { SavedBearerAuth } from '../../../shared/contract/auth';
import { ShomeiError } from '../../../shared/errors';
import { setCredentialHeader, type AuthTypeModule } from './auth-type';
import { exportedSecret, postmanParam } from './interop';

/** A bearer token resolved for one send: in main only. */
export interface ResolvedBearerAuth {
  type: 'bearer';
  saved: SavedBearerAuth;
  token: string;
}

/** A bearer token as `Authorization: Bearer <token>` (or another prefix, or none). */
export const bearerAuth: AuthTypeModule<'bearer', ResolvedBearerAuth> = {
  type: 'bearer',
  async resolve(links, context) {
    const own = links[0] as (typeof links)[number];
    const token = await context.secret(own.auth.tokenRef, 'auth.tokenRef', 'the bearer token', own.from);
    if (/\s/.test(token.trim()))
      context.invalid('auth.tokenRef', 'The bearer token contains a space or line break', own.from);
    return { type: 'bearer', saved: own.auth, token: token.trim() };
  },
  apply(auth, target, _context, refusal) {
    if (auth.token === '') throw new ShomeiError('INVALID_INPUT', `${refusal}: the bearer token is empty`);
    const prefix = auth.saved.prefix.trim();
    setCredentialHeader(target, 'Authorization', prefix === '' ? auth.token : `${prefix} ${auth.token}`, [auth.token]);
  },
  toHistory: (auth) => auth.saved,
  fromHistory: (history) => history,
  summary: (auth) =>
    `Bearer token ${auth.tokenRef.kind === 'vault' ? 'from the vault' : `from ${auth.tokenRef.text.trim()}`}`,
  exportNote: (auth) =>
    auth.tokenRef.kind === 'vault' ? 'Set the bearer token in the Auth tab: it stays in the sender’s vault' : undefined,
  postman: {
    type: 'bearer',
    read: (params, io) => ({ type: 'bearer', tokenRef: io.secret(params.get('token'), 'token'), prefix: 'Bearer' }),
    write: (auth) => [postmanParam('token', exportedSecret(auth.tokenRef))],
  },
  openApi(name, scheme) {
    const isBearer =
      scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'bearer';
    // API Gateway's Cognito authorizer (`x-amazon-apigateway-authorizer`) is the Cognito user pool type's.
    if (!isBearer) return undefined;
    return { type: 'bearer', tokenRef: { kind: 'variables', text: `{{${name}}}` }, prefix: 'Bearer' };
  },
  insomnia: {
    type: 'bearer',
    read: (auth, io) => ({
      type: 'bearer',
      tokenRef: io.secret(auth.token, 'token'),
      prefix: typeof auth.prefix === 'string' && auth.prefix.trim() !== '' ? io.text(auth.prefix) : 'Bearer',
    }),
  },
};
