import type { Collection, CollectionItem, SavedAuth } from '../../../shared/contract/collections';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import type { DraftSender } from '../collections/draft-sender';
import { planRun } from '../runner/run-collection';
import type { CognitoUserPoolSessions } from './user-pool-sessions';

/** What signing in for a run needs: the draft sender's auth resolution and the user pool sessions. */
export interface SignInForRunDeps {
  drafts: Pick<DraftSender, 'authOf'>;
  cognito: Pick<CognitoUserPoolSessions, 'status' | 'signIn'>;
}

/**
 * Signs in once to each Cognito user pool the requests of the run send with (each request's own
 * auth or the one it inherits, the password from its `{{variables}}`), as a run has no Auth tab to
 * sign in from; says who was signed in. `folderPath` is the run's `--folder`: only the requests
 * that run are signed in for. A request whose auth cannot be resolved is left to its own step,
 * which reports why. Throws when Cognito asks for what a run cannot answer (an MFA code, a new
 * password) or refuses the password: the run would send nothing with that sign-in.
 */
export async function signInForRun(
  deps: SignInForRunDeps,
  collection: Collection,
  folderPath: readonly string[] = [],
): Promise<string[]> {
  if (!usesCognito(collection)) return [];
  const signedIn: string[] = [];
  for (const { request } of planRun(collection, folderPath)) {
    const { kind: _kind, id, ...draft } = request;
    let auth;
    try {
      auth = await deps.drafts.authOf({ request: draft, savedRequestId: id }, 'Not signed in');
    } catch (error) {
      if (isShomeiError(error)) continue;
      throw error;
    }
    if (auth.type !== 'cognito-user-pool' || deps.cognito.status(auth.user)) continue;
    const who = `${auth.user.username} (user pool ${auth.user.userPoolId})`;
    let result;
    try {
      result = await deps.cognito.signIn({ ...auth.user, password: auth.password, flow: auth.saved.flow });
    } catch (error) {
      if (isShomeiError(error))
        throw new ShomeiError(
          error.code,
          `${request.name}: ${error.message.replace(/ in the Auth tab/, ' with --env')}`,
        );
      throw error;
    }
    if (result.status === 'challenge')
      throw new ShomeiError(
        'CREDENTIALS_MISSING',
        `${request.name}: Cognito asks ${who} for ${result.challenge.challenge === 'NEW_PASSWORD_REQUIRED' ? 'a new password' : 'an MFA code'}, which a run cannot answer: use a user without MFA for CI, or sign in from the app`,
      );
    signedIn.push(who);
  }
  return signedIn;
}

function usesCognito(collection: Collection): boolean {
  const isCognito = (auth: SavedAuth) => auth.type === 'cognito-user-pool';
  const visit = (items: readonly CollectionItem[]): boolean =>
    items.some((item) =>
      item.kind === 'request' ? isCognito(item.auth) : isCognito(item.settings.auth) || visit(item.items),
    );
  return isCognito(collection.settings.auth) || visit(collection.items);
}
