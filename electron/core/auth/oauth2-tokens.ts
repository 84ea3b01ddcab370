import { createHash } from 'node:crypto';
import type { SavedOAuth2Auth } from '../../../shared/contract/auth';
import type { OAuth2TokenSummary } from '../../../shared/contract/oauth2';
import { oauthFormEncode } from '../../../shared/encoding/oauth-form';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import type { HttpTransport, TransportOptions } from '../http/http-transport';
import { createTokenCache, type TokenCache } from './token-cache';

/** An OAuth 2.0 client as one send resolved it: variables substituted, the secret read. Main only. */
export interface OAuth2Client {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  extraParams: ReadonlyArray<{ name: string; value: string }>;
  clientAuthentication: SavedOAuth2Auth['clientAuthentication'];
}

/** How the token request connects: the request's TLS, CA bundle, proxy and timeout (never its connect-to). */
export type OAuth2Connection = Pick<TransportOptions, 'isTlsVerified' | 'caBundlePem' | 'proxyUrl'> & {
  timeoutMs?: number | undefined;
};

/** An access token and how to send it. Main only. */
export interface OAuth2AccessToken {
  tokenType: string;
  accessToken: string;
  /** The scope granted (the server's answer, or the one asked for when it does not say). */
  scope: string;
}

/**
 * Access tokens of OAuth 2.0 clients (client credentials grant), fetched by main through the
 * transport and kept in memory per client (token URL, client id, scope, audience, extra parameters
 * and the secret itself, hashed), renewed before they expire. Tokens and secrets never leave main:
 * the window gets `OAuth2TokenSummary`.
 */
export interface OAuth2Tokens {
  /**
   * The token a send uses: cached while fresh, renewed before it expires. `onRenewExpired` is told
   * when an expired token is being renewed ("token expired, renewing…"); a failed renewal of an
   * expired token throws with the endpoint's reason.
   */
  token(
    client: OAuth2Client,
    connection: OAuth2Connection,
    hooks?: { onRenewExpired?: () => void },
  ): Promise<OAuth2AccessToken>;
  /** Fetches a new token now (the Auth tab's "Get token") and says what was obtained. */
  obtain(client: OAuth2Client, connection: OAuth2Connection): Promise<OAuth2TokenSummary>;
  /** What is cached for the client, or null. */
  status(client: OAuth2Client): OAuth2TokenSummary | null;
  /** Drops the client's token ("Forget token"). */
  forget(client: OAuth2Client): boolean;
}

/** What the token service needs. */
export interface OAuth2TokensDeps {
  transport: HttpTransport;
  now(): Date;
}

const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** The token service; see `OAuth2Tokens`. */
export function createOAuth2Tokens(deps: OAuth2TokensDeps): OAuth2Tokens {
  const cache: TokenCache<OAuth2AccessToken> = createTokenCache({ now: deps.now });
  // Security: the key is a hash, so the secret is never kept in clear beside the token.
  const keyOf = (client: OAuth2Client) =>
    createHash('sha256')
      .update(
        JSON.stringify([
          client.tokenUrl,
          client.clientId,
          client.scope,
          client.audience,
          client.extraParams,
          client.clientAuthentication,
          client.clientSecret,
        ]),
      )
      .digest('hex');
  const granted = new Map<string, OAuth2AccessToken>();
  const fetcher = (client: OAuth2Client, connection: OAuth2Connection) => async () => {
    const token = await requestToken(deps.transport, client, connection, deps.now);
    granted.set(keyOf(client), token.value);
    return token;
  };
  const summaryOf = (client: OAuth2Client): OAuth2TokenSummary | null => {
    const key = keyOf(client);
    const status = cache.status(key);
    const token = granted.get(key);
    if (!status || !token) return null;
    return {
      obtainedAt: status.obtainedAt.toISOString(),
      ...(status.expiresAt ? { expiresAt: status.expiresAt.toISOString() } : {}),
      state: status.state,
      scope: token.scope,
      tokenType: token.tokenType,
      ...(status.renewalError ? { renewalError: status.renewalError } : {}),
    };
  };
  return {
    async token(client, connection, hooks) {
      return (await cache.get(keyOf(client), fetcher(client, connection), hooks)).value;
    },
    async obtain(client, connection) {
      await cache.renew(keyOf(client), fetcher(client, connection));
      return summaryOf(client) as OAuth2TokenSummary;
    },
    status: summaryOf,
    forget(client) {
      const key = keyOf(client);
      granted.delete(key);
      return cache.forget(key);
    },
  };
}

/** The token request of the client credentials grant (RFC 6749 §4.4.2), sent once, no redirect followed. */
async function requestToken(
  transport: HttpTransport,
  client: OAuth2Client,
  connection: OAuth2Connection,
  now: () => Date,
): Promise<{ value: OAuth2AccessToken; expiresAt?: Date | undefined }> {
  const endpoint = client.tokenUrl;
  const fields: Array<[string, string]> = [['grant_type', 'client_credentials']];
  if (client.scope.trim() !== '') fields.push(['scope', client.scope.trim()]);
  if (client.audience.trim() !== '') fields.push(['audience', client.audience.trim()]);
  for (const { name, value } of client.extraParams) if (name.trim() !== '') fields.push([name.trim(), value]);
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Accept', 'application/json'],
  ];
  if (client.clientAuthentication === 'basic') {
    // RFC 6749 §2.3.1: id and secret form-encoded, then joined and base64'd.
    const pair = `${oauthFormEncode(client.clientId)}:${oauthFormEncode(client.clientSecret)}`;
    headers.push(['Authorization', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`]);
  } else {
    fields.push(['client_id', client.clientId]);
    if (client.clientSecret !== '') fields.push(['client_secret', client.clientSecret]);
  }
  const body = Buffer.from(fields.map(([n, v]) => `${oauthFormEncode(n)}=${oauthFormEncode(v)}`).join('&'), 'utf8');
  const sentAt = now();
  let response;
  try {
    response = await transport.send(
      { method: 'POST', url: endpoint, headers, body },
      {
        timeoutMs: connection.timeoutMs ?? 30_000,
        maxBodyBytes: MAX_TOKEN_RESPONSE_BYTES,
        ...(connection.isTlsVerified === false ? { isTlsVerified: false } : {}),
        ...(connection.caBundlePem ? { caBundlePem: connection.caBundlePem } : {}),
        ...(connection.proxyUrl ? { proxyUrl: connection.proxyUrl } : {}),
      },
    );
  } catch (error) {
    if (isShomeiError(error))
      throw new ShomeiError(error.code, `The token endpoint ${endpoint} could not be reached: ${error.message}`);
    throw error;
  }
  const text = response.body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (response.status >= 300 && response.status < 400)
    // Security: the client secret is never sent on to where a redirect points.
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      `The token endpoint ${endpoint} answered ${response.status} (a redirect); Shomei does not follow redirects with a client secret. Set the token URL it points to.`,
    );
  if (answer && typeof answer.error === 'string') {
    const described =
      typeof answer.error_description === 'string' ? ` (${answer.error_description.slice(0, 300)})` : '';
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      `The token endpoint ${endpoint} refused: ${answer.error.slice(0, 100)}${described}${hintFor(answer.error)}`,
      { tokenEndpointError: answer.error.slice(0, 100) },
    );
  }
  if (!answer) {
    const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'no Content-Type';
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      `The token endpoint ${endpoint} answered ${response.status} with something that is not JSON (${type.slice(0, 100)}); is the token URL right?`,
    );
  }
  if (response.status < 200 || response.status >= 300)
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      `The token endpoint ${endpoint} answered ${response.status} ${response.statusText}`.trim(),
    );
  const accessToken = answer.access_token;
  if (typeof accessToken !== 'string' || accessToken === '' || /[\s\0]/.test(accessToken))
    throw new ShomeiError(
      'CREDENTIALS_INVALID',
      `The token endpoint ${endpoint} answered without a usable access_token`,
    );
  const rawType =
    typeof answer.token_type === 'string' && /^[\w.~+/-]{1,64}$/.test(answer.token_type) ? answer.token_type : 'Bearer';
  // RFC 6749 §7.1: the type is case-insensitive; servers that say `bearer` mean `Bearer`, which some APIs insist on.
  const tokenType = rawType.toLowerCase() === 'bearer' ? 'Bearer' : rawType;
  const lifetime = typeof answer.expires_in === 'number' ? answer.expires_in : Number(answer.expires_in);
  const expiresAt =
    Number.isFinite(lifetime) && lifetime > 0 ? new Date(sentAt.getTime() + Math.floor(lifetime) * 1000) : undefined;
  const scope = typeof answer.scope === 'string' ? answer.scope.slice(0, 4096) : client.scope.trim();
  return { value: { tokenType, accessToken, scope }, expiresAt };
}

function hintFor(error: string): string {
  switch (error) {
    case 'invalid_client':
      return ': check the client id, the client secret and how the client authenticates (Basic header or body)';
    case 'invalid_scope':
      return ': the client may not ask for this scope';
    case 'unauthorized_client':
      return ': this client may not use the client credentials grant';
    default:
      return '';
  }
}
