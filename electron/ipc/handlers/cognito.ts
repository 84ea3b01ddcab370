import type { ResolvedCognitoUserPoolAuth } from '../../core/auth/cognito-user-pool';
import type { Core } from '../../core/create-core';
import type { RequestDraft } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `cognito` domain: sign in, answer a challenge, status, sign out. Only summaries go back. */
export function createCognitoHandlers(
  core: Core,
): HandlersFor<'cognito:sign-in' | 'cognito:answer' | 'cognito:status' | 'cognito:sign-out' | 'cognito:sessions'> {
  const cognitoAuthOf = async (
    input: { request: RequestDraft; savedRequestId?: string | undefined },
    refusal: string,
  ): Promise<ResolvedCognitoUserPoolAuth> => {
    const auth = await core.drafts.authOf(input, refusal);
    if (auth.type !== 'cognito-user-pool')
      throw new ShomeiError('INVALID_INPUT', `${refusal}: this request's auth is not a Cognito user pool sign-in`);
    return auth;
  };
  return {
    'cognito:sign-in': async (input) => {
      const auth = await cognitoAuthOf(input, 'Not signed in');
      return core.cognito.signIn({ ...auth.user, password: auth.password, flow: auth.saved.flow });
    },
    'cognito:answer': ({ challengeId, code, newPassword }) => core.cognito.answer(challengeId, { code, newPassword }),
    'cognito:status': async (input) => {
      const auth = await core.drafts.authOf(input, 'No status');
      if (auth.type !== 'cognito-user-pool') return { applies: false, session: null };
      return { applies: true, tokenUse: auth.saved.tokenUse, session: core.cognito.status(auth.user) };
    },
    'cognito:sign-out': async (input) => ({ wasSignedIn: core.cognito.signOut((await cognitoAuthOf(input, 'Not signed out')).user) }),
    'cognito:sessions': () => ({ sessions: core.cognito.list() }),
  };
}
