import type { SavedOAuth2Auth } from '../../../shared/contract/auth';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import { setCredentialHeader, type AuthTypeModule } from './auth-type';
import { exportedSecret, postmanParam, type AuthImport } from './interop';
import type { OAuth2Client } from './oauth2-tokens';

/** An OAuth 2.0 client credentials auth resolved for one send or "Get token": in main only. */
export interface ResolvedOAuth2Auth {
  type: 'oauth2';
  saved: SavedOAuth2Auth;
  client: OAuth2Client;
}

const CLIENT_CREDENTIALS = 'client_credentials';

/** Imported text as one line of at most `max` characters, as the saved schema wants it. */
function line(text: string, max = 4096): string {
  return text.replace(/[\r\n\0]+/g, ' ').slice(0, max);
}

/** Reports an OAuth 2.0 grant other than client credentials; the auth is not imported. */
function unsupportedGrant(io: AuthImport, grant: string): undefined {
  io.unsupported(
    `oauth2 ${grant || '(no grant type)'} grant`,
    `not supported: ${grant || 'a grant without a type'} — Shomei gets OAuth 2.0 tokens with the client credentials grant only`,
  );
  return undefined;
}

/**
 * OAuth 2.0 client credentials: main asks the token URL for an access token (client id and secret
 * as a Basic header or in the body), keeps it until it expires, renews it before, and sends it as
 * `Authorization: <token_type> <token>`. Neither the secret nor the token reaches the window.
 */
export const oauth2Auth: AuthTypeModule<'oauth2', ResolvedOAuth2Auth> = {
  type: 'oauth2',
  async resolve(links, context) {
    const own = links[0] as (typeof links)[number];
    const { auth, from } = own;
    const tokenUrl = context.fill(auth.tokenUrl, 'auth.tokenUrl', from).trim();
    const clientId = context.fill(auth.clientId, 'auth.clientId', from).trim();
    if (tokenUrl === '') context.invalid('auth.tokenUrl', 'Set the token URL in the Auth tab', from);
    else if (!/^https?:\/\/[^\s/?#]+/i.test(tokenUrl))
      context.invalid('auth.tokenUrl', `The token URL ${tokenUrl.slice(0, 200)} is not an http(s) address`, from);
    if (clientId === '') context.invalid('auth.clientId', 'Set the OAuth client id in the Auth tab', from);
    const clientSecret = await context.secret(
      auth.clientSecretRef,
      'auth.clientSecretRef',
      'the OAuth client secret',
      from,
      // A public client (body authentication) may have no secret.
      auth.clientAuthentication === 'body',
    );
    return {
      type: 'oauth2',
      saved: auth,
      client: {
        tokenUrl,
        clientId,
        clientSecret,
        scope: context.fill(auth.scope, 'auth.scope', from).trim(),
        audience: context.fill(auth.audience, 'auth.audience', from).trim(),
        extraParams: auth.extraParams.map((p, i) => ({
          name: context.fill(p.name, `auth.extraParams[${i}].name`, from),
          value: context.fill(p.value, `auth.extraParams[${i}].value`, from),
        })),
        clientAuthentication: auth.clientAuthentication,
      },
    };
  },
  async apply(auth, target, context, refusal) {
    if (!context.oauth2) throw new ShomeiError('INTERNAL', `${refusal}: OAuth 2.0 tokens are not available here`);
    let token;
    let wasRenewingExpired = false;
    try {
      token = await context.oauth2.tokens.token(auth.client, context.oauth2.connection, {
        onRenewExpired: () => {
          wasRenewingExpired = true;
          context.oauth2?.onRenewExpired?.();
        },
      });
    } catch (error) {
      if (!isShomeiError(error)) throw error;
      const why = wasRenewingExpired ? 'the OAuth token expired and renewing it failed' : 'no OAuth token';
      throw new ShomeiError(error.code, `${refusal}: ${why}. ${error.message}`, error.details);
    }
    // Security: the client secret is never sent to the API; only the token, redacted everywhere.
    setCredentialHeader(target, 'Authorization', `${token.tokenType} ${token.accessToken}`, [
      token.accessToken,
      auth.client.clientSecret,
    ]);
  },
  toHistory: (auth) => auth.saved,
  fromHistory: (history) => history,
  summary: (auth) =>
    `OAuth 2.0 client credentials for ${auth.clientId.trim() || '(no client id)'} at ${auth.tokenUrl.trim() || '(no token URL)'}${auth.scope.trim() ? `, scope ${auth.scope.trim()}` : ''}`,
  exportNote: (auth) =>
    auth.clientSecretRef.kind === 'vault'
      ? 'Set the OAuth client secret in the Auth tab: it stays in the sender’s vault'
      : undefined,
  postman: {
    type: 'oauth2',
    read(params, io) {
      const grant = typeof params.get('grant_type') === 'string' ? (params.get('grant_type') as string) : '';
      // Postman's default grant is the authorization code.
      if ((grant || 'authorization_code') !== CLIENT_CREDENTIALS)
        return unsupportedGrant(io, grant || 'authorization_code');
      const token = params.get('accessToken');
      if (typeof token === 'string' && token.trim() !== '')
        io.unsupported(
          'oauth2 access token',
          'a token fetched in Postman is not imported: Shomei gets its own from the token URL',
        );
      const extras = Array.isArray(params.get('tokenRequestParams'))
        ? (params.get('tokenRequestParams') as unknown[])
        : [];
      const extraParams = extras.slice(0, 50).flatMap((p) => {
        if (typeof p !== 'object' || p === null) return [];
        const { key, value, enabled, send_as: sendAs } = p as Record<string, unknown>;
        if (enabled === false) return [];
        if (sendAs !== undefined && sendAs !== 'request_body') {
          io.unsupported(
            `oauth2 token request parameter ${io.text(key)}`,
            'only parameters sent in the token request body are imported',
          );
          return [];
        }
        return io.text(key).trim() === '' ? [] : [{ name: line(io.text(key), 256), value: line(io.text(value)) }];
      });
      return {
        type: 'oauth2',
        tokenUrl: line(io.text(params.get('accessTokenUrl'))),
        clientId: line(io.text(params.get('clientId')), 1024),
        clientSecretRef: io.secret(params.get('clientSecret'), 'clientSecret'),
        scope: line(io.text(params.get('scope'))),
        audience: line(io.text(params.get('audience'))),
        extraParams,
        clientAuthentication: params.get('client_authentication') === 'body' ? 'body' : 'basic',
      };
    },
    write: (auth) => [
      postmanParam('grant_type', CLIENT_CREDENTIALS),
      postmanParam('accessTokenUrl', auth.tokenUrl),
      postmanParam('clientId', auth.clientId),
      postmanParam('clientSecret', exportedSecret(auth.clientSecretRef)),
      postmanParam('scope', auth.scope),
      postmanParam('client_authentication', auth.clientAuthentication === 'body' ? 'body' : 'header'),
      postmanParam('addTokenTo', 'header'),
      ...(auth.audience ? [postmanParam('audience', auth.audience)] : []),
      ...(auth.extraParams.length > 0
        ? [
            {
              key: 'tokenRequestParams',
              value: auth.extraParams.map((p) => ({
                key: p.name,
                value: p.value,
                enabled: true,
                send_as: 'request_body',
              })),
              type: 'any' as const,
            },
          ]
        : []),
    ],
  },
  openApi(name, scheme) {
    if (scheme.type !== 'oauth2') return undefined;
    const flows =
      typeof scheme.flows === 'object' && scheme.flows !== null ? (scheme.flows as Record<string, unknown>) : {};
    const flow = flows.clientCredentials;
    if (typeof flow !== 'object' || flow === null) return undefined;
    const { tokenUrl, scopes } = flow as Record<string, unknown>;
    const scopeNames = typeof scopes === 'object' && scopes !== null ? Object.keys(scopes) : [];
    return {
      type: 'oauth2',
      tokenUrl: typeof tokenUrl === 'string' ? line(tokenUrl) : '',
      clientId: `{{${name}.clientId}}`,
      clientSecretRef: { kind: 'variables', text: `{{${name}.clientSecret}}` },
      scope: scopeNames
        .map((s) => s.replace(/[\s\0]/g, ''))
        .filter((s) => s !== '')
        .join(' ')
        .slice(0, 4096),
      audience: '',
      extraParams: [],
      clientAuthentication: 'basic',
    };
  },
  insomnia: {
    type: 'oauth2',
    read(auth, io) {
      const grant = typeof auth.grantType === 'string' ? auth.grantType : '';
      if (grant !== CLIENT_CREDENTIALS) return unsupportedGrant(io, grant);
      // Insomnia sends `resource` (RFC 8707) in the token request when set: an extra parameter here.
      const resource = line(io.text(auth.resource));
      // Insomnia's token prefix: empty is `Bearer`, NO_PREFIX the token alone.
      const prefix = typeof auth.tokenPrefix === 'string' ? auth.tokenPrefix.trim() : '';
      if (prefix !== '' && prefix.toLowerCase() !== 'bearer')
        io.unsupported(
          `oauth2 token prefix ${prefix === 'NO_PREFIX' ? '(none)' : `"${line(prefix, 64)}"`}`,
          'Shomei sends the token as the type the token endpoint names (Bearer): the auth was imported without it',
        );
      return {
        type: 'oauth2',
        tokenUrl: line(io.text(auth.accessTokenUrl)),
        clientId: line(io.text(auth.clientId), 1024),
        clientSecretRef: io.secret(auth.clientSecret, 'clientSecret'),
        scope: line(io.text(auth.scope)),
        audience: line(io.text(auth.audience)),
        extraParams: resource.trim() === '' ? [] : [{ name: 'resource', value: resource }],
        clientAuthentication: auth.credentialsInBody === true ? 'body' : 'basic',
      };
    },
  },
};
