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
  | 'trust:confirm-destination'
  | 'trust:active-environment'
  | 'trust:trust-environment'
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
    'trust:active-environment': () => {
      const environment = core.environments.getActive();
      if (!environment || core.environments.isTrusted(environment.id)) return null;
      return {
        environmentId: environment.id,
        environmentName: environment.name,
        // Security: a secret variable's value never leaves main; its name is enough to decide.
        variables: environment.variables
          .filter((v) => v.isEnabled)
          .map((v) => ({ name: v.name, value: v.isSecret ? '' : v.value, isSecret: v.isSecret })),
      };
    },
    'trust:trust-environment': ({ environmentId }) => {
      core.environments.trust(environmentId);
      return { isTrusted: true as const };
    },
    'trust:confirm-destination': ({ savedRequestId, tabId, signedFor, sentTo }) => {
      core.destinations.confirm({ savedRequestId, tabId }, { signedFor, sentTo });
      return { isConfirmed: true as const };
    },
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
