import type { SavedBasicAuth } from '../../../shared/contract/auth';
import { ShomeiError } from '../../../shared/errors';
import { setCredentialHeader, type AuthTypeModule } from './auth-type';
import { exportedSecret, postmanParam } from './interop';

/** Basic auth resolved for one send: in main only. */
export interface ResolvedBasicAuth {
  type: 'basic';
  saved: SavedBasicAuth;
  username: string;
  password: string;
}

/** HTTP Basic (RFC 7617): `Authorization: Basic base64(user:password)`, UTF-8. */
export const basicAuth: AuthTypeModule<'basic', ResolvedBasicAuth> = {
  type: 'basic',
  async resolve(links, context) {
    const own = links[0] as (typeof links)[number];
    const username = context.fill(own.auth.username, 'auth.username', own.from);
    if (username.includes(':')) context.invalid('auth.username', 'A Basic user name may not contain a colon', own.from);
    const password = await context.secret(own.auth.passwordRef, 'auth.passwordRef', 'the password', own.from, true);
    return { type: 'basic', saved: own.auth, username, password };
  },
  apply(auth, target, _context, refusal) {
    if (auth.username === '') throw new ShomeiError('INVALID_INPUT', `${refusal}: fill in the Basic user name`);
    const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
    setCredentialHeader(target, 'Authorization', `Basic ${encoded}`, [auth.password, encoded]);
  },
  toHistory: (auth) => auth.saved,
  fromHistory: (history) => history,
  summary: (auth) => `Basic auth as ${auth.username || '(no user name)'}`,
  exportNote: (auth) =>
    auth.passwordRef.kind === 'vault'
      ? 'Set the Basic password in the Auth tab: it stays in the sender’s vault'
      : undefined,
  postman: {
    type: 'basic',
    read: (params, io) => ({
      type: 'basic',
      username: io.text(params.get('username')),
      passwordRef: io.secret(params.get('password'), 'password'),
    }),
    write: (auth) => [
      postmanParam('username', auth.username),
      postmanParam('password', exportedSecret(auth.passwordRef)),
    ],
  },
  openApi: (name, scheme) =>
    scheme.type === 'http' && typeof scheme.scheme === 'string' && scheme.scheme.toLowerCase() === 'basic'
      ? {
          type: 'basic',
          username: `{{${name}.username}}`,
          passwordRef: { kind: 'variables', text: `{{${name}.password}}` },
        }
      : undefined,
  insomnia: {
    type: 'basic',
    read(auth, io) {
      if (auth.useISO88591 === true)
        io.unsupported(
          'basic auth in ISO-8859-1',
          'Shomei encodes the user name and password as UTF-8: a name or password with characters beyond ASCII is sent differently',
        );
      return {
        type: 'basic',
        username: io.text(auth.username),
        passwordRef: io.secret(auth.password, 'password'),
      };
    },
  },
};
