import { assertSubscriptionOptions } from '../../core/appsync/subscription-service';
import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `appsync` domain: subscriptions over AppSync's real-time protocol, events as `appsync:event`. */
export function createAppSyncHandlers(core: Core): HandlersFor<'appsync:subscribe' | 'appsync:unsubscribe'> {
  return {
    'appsync:subscribe': async (
      { subscriptionId, request, savedRequestId, credentials, usesTypedKeys, options, tabId },
      context,
    ) => {
      // What a subscription cannot do is said first, before a trust or destination question it would not need.
      assertSubscriptionOptions(options);
      const spec = await core.drafts.subscriptionRequestOf({ request, savedRequestId, credentials, usesTypedKeys, options, tabId });
      return core.subscriptions.subscribe(subscriptionId, spec, (event) => context.emit('appsync:event', event));
    },
    'appsync:unsubscribe': ({ subscriptionId }) => core.subscriptions.unsubscribe(subscriptionId),
  };
}
