import type { ResolvedOAuth2Auth } from '../../core/auth/oauth2';
import type { OAuth2Connection } from '../../core/auth/oauth2-tokens';
import type { Core } from '../../core/create-core';
import type { RequestDraft } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `oauth2` domain: get a token now, its status, forget it. Only summaries go back. */
export function createOAuth2Handlers(
  core: Core,
): HandlersFor<'oauth2:get-token' | 'oauth2:status' | 'oauth2:forget-token'> {
  const oauth2AuthOf = async (
    input: { request: RequestDraft; savedRequestId?: string | undefined },
    refusal: string,
  ): Promise<ResolvedOAuth2Auth> => {
    // Trust and variables apply as for a send: an untrusted collection's client secret is not used.
    const auth = await core.drafts.authOf(input, refusal);
    if (auth.type !== 'oauth2')
      throw new ShomeiError('INVALID_INPUT', `${refusal}: this request's auth is not OAuth 2.0 client credentials`);
    return auth;
  };
  // The request's own saved TLS, CA and proxy options apply to its token request.
  const connectionOf = (request: RequestDraft): OAuth2Connection => ({
    ...(request.options?.isTlsVerified === false ? { isTlsVerified: false } : {}),
    ...(request.options?.caBundlePem ? { caBundlePem: request.options.caBundlePem } : {}),
    ...(request.options?.proxyUrl ? { proxyUrl: request.options.proxyUrl } : {}),
    ...(request.options?.timeoutMs ? { timeoutMs: request.options.timeoutMs } : {}),
  });
  return {
    'oauth2:get-token': async (input) =>
      core.oauth2.obtain((await oauth2AuthOf(input, 'No token')).client, connectionOf(input.request)),
    'oauth2:status': async (input) => {
      const auth = await core.drafts.authOf(input, 'No status');
      return auth.type === 'oauth2'
        ? { applies: true, held: core.oauth2.status(auth.client) }
        : { applies: false, held: null };
    },
    'oauth2:forget-token': async (input) => ({
      wasHeld: core.oauth2.forget((await oauth2AuthOf(input, 'Not forgotten')).client),
    }),
  };
}
