import { isShomeiError } from '../../../shared/errors';
import type { Core } from '../../core/create-core';
import { describeIdentity } from '../../core/credentials/describe-identity';
import type { HandlersFor } from '../dispatcher';

type TrustChannel =
  | 'trust:settings'
  | 'trust:update-settings'
  | 'trust:allow-file'
  | 'trust:forget-file'
  | 'trust:summary'
  | 'trust:trust-collection'
  | 'request:identity-draft';

/** Handlers of the `trust` domain and of the identity line next to Send. */
export function createTrustHandlers(core: Core): HandlersFor<TrustChannel> {
  return {
    'trust:settings': () => core.trust.view(),
    'trust:update-settings': ({ defaultCredentialSource, workingDirectory }) =>
      core.trust.update({ defaultCredentialSource, workingDirectory }),
    'trust:allow-file': ({ path }) => core.trust.allowFile(path),
    'trust:forget-file': ({ path }) => core.trust.forgetFile(path),
    'trust:summary': ({ collectionId }) => core.collections.trustSummary(collectionId),
    'trust:trust-collection': ({ collectionId }) => core.collections.trust(collectionId),
    'request:identity-draft': async ({ request, savedRequestId, credentials, usesTypedKeys, options }) => {
      try {
        const chosen = await core.drafts.credentialsOf({
          request,
          savedRequestId,
          credentials,
          usesTypedKeys,
          options,
        });
        if (chosen.kind === 'unsigned') return { state: 'unsigned' };
        const identity = await describeIdentity(core.credentials, chosen.source);
        return { state: 'ready', ...identity, isAppDefault: chosen.isAppDefault };
      } catch (error) {
        // A refusal is what the line shows; anything else is the dispatcher's to report.
        if (isShomeiError(error)) return { state: 'blocked', code: error.code, message: error.message };
        throw error;
      }
    },
  };
}
