import { APPSYNC_IAM_HEADERS } from '../../../shared/appsync/appsync-realtime';
import { ShomeiError } from '../../../shared/errors';
import type { PlannedRequest } from '../requests/planned-request';
import { assertNotExpired, type CredentialResolver, type ResolvedCredentials } from '../requests/resolved-credentials';
import { signRequest } from '../signing/sign-request';

/** What an AppSync authorization object is built from: the request's auth, and resolved keys for IAM. */
export interface AppSyncAuthorizer {
  /**
   * The authorization object for a POST of `body` to `url` (the connection's `…/graphql/connect`
   * with `{}`, or a `start`'s `…/graphql` with its data): for IAM the SigV4-signed headers, for an
   * API key `{host, x-api-key}`, for a Cognito/OIDC/Lambda token `{host, Authorization}`.
   */
  authorize(url: string, body: string): Promise<Record<string, string>>;
  /** The secrets the authorization objects carry (secret key, session token, API key, token), for redaction. */
  secrets(): string[];
}

const CARRIED_HEADERS = new Set(['x-api-key', 'authorization']);

/**
 * Builds the authorizer of one subscription. IAM credentials are resolved once, here in main, and
 * expired ones are refused before anything is opened; each object is signed at the moment it is
 * sent. Security: the objects hold credentials and never leave main except to the AppSync endpoint.
 */
export async function createAppSyncAuthorizer(
  spec: PlannedRequest,
  deps: { resolveCredentials: CredentialResolver; now: () => Date },
): Promise<AppSyncAuthorizer> {
  const auth = spec.auth;
  if (auth.type === 'aws-sigv4') {
    const credentials: ResolvedCredentials = await deps.resolveCredentials(auth.credentials);
    assertNotExpired(credentials, deps.now());
    return {
      async authorize(url, body) {
        // Checked again for every `start`: temporary keys can run out while a connection stays open.
        assertNotExpired(credentials, deps.now());
        const signed = await signRequest({
          method: 'POST',
          url,
          headers: APPSYNC_IAM_HEADERS,
          body: Buffer.from(body, 'utf8'),
          region: auth.region,
          service: auth.service,
          credentials,
          signingDate: deps.now(),
          isSessionTokenSigned: auth.isSessionTokenSigned,
          algorithm: auth.algorithm,
          regionSet: auth.regionSet,
        });
        return Object.fromEntries(signed.headers);
      },
      secrets: () => [credentials.secretAccessKey, ...(credentials.sessionToken ? [credentials.sessionToken] : [])],
    };
  }
  const carried = spec.headers
    .filter(([name]) => CARRIED_HEADERS.has(name.trim().toLowerCase()))
    .map(([name, value]): [string, string] => [name.trim().toLowerCase() === 'authorization' ? 'Authorization' : 'x-api-key', value.trim()]);
  if (carried.length === 0)
    throw new ShomeiError(
      'INVALID_INPUT',
      'Not subscribed: AppSync needs authorization. Choose AWS Signature (IAM) in the Auth tab, an API key in the x-api-key header, or a Cognito, OIDC or Lambda token in the Authorization header.',
    );
  return {
    authorize: (url) => Promise.resolve({ host: new URL(url).host, ...Object.fromEntries(carried) }),
    secrets: () => [...carried.map(([, value]) => value), ...spec.secrets.values],
  };
}
