import type { ChannelName } from '../../shared/contract/channels';
import type { Core } from '../core/create-core';
import type { Handler, Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app';
import { createAuthHandlers } from './handlers/auth';
import { createCollectionsHandlers } from './handlers/collections';
import { createCredentialsHandlers } from './handlers/credentials';
import { createEnvironmentsHandlers } from './handlers/environments';
import { createHistoryHandlers } from './handlers/history';
import { createImportHandlers } from './handlers/import';
import { createRequestHandlers } from './handlers/request';
import { createRunnerHandlers } from './handlers/runner';
import { createSessionHandlers } from './handlers/session';
import { createTrustHandlers } from './handlers/trust';

/** Calls after which a request may see other variables: each success is followed by `variables:changed`. */
const CHANGES_VARIABLES = [
  'environments:update',
  'environments:delete',
  'environments:set-active',
  'collections:update-settings',
  'collections:rename',
  'collections:move',
  'collections:delete',
  'collections:undo',
  'vault:unlock',
  'vault:lock',
  'trust:trust-collection',
  'auth:store-secrets',
] as const satisfies readonly ChannelName[];

/** Maps every channel to its core service call. A channel without a handler fails to compile. */
export function createHandlers(core: Core): Handlers {
  const handlers: Handlers = {
    ...createAppHandlers(core),
    ...createRequestHandlers(core),
    ...createCollectionsHandlers(core),
    ...createEnvironmentsHandlers(core),
    ...createHistoryHandlers(core),
    ...createImportHandlers(core),
    ...createCredentialsHandlers(core),
    ...createSessionHandlers(core),
    ...createTrustHandlers(core),
    ...createAuthHandlers(core),
    ...createRunnerHandlers(core),
  };
  for (const channel of CHANGES_VARIABLES) {
    (handlers as Record<ChannelName, Handler<ChannelName>>)[channel] = announcingVariables(
      handlers[channel] as Handler<ChannelName>,
    );
  }
  return handlers;
}

/** The handler, then the `variables:changed` event once it succeeded, so the editor re-reads what its references mean. */
function announcingVariables<K extends ChannelName>(handler: Handler<K>): Handler<K> {
  return async (input, context) => {
    const value = await handler(input, context);
    context.emit('variables:changed', {});
    return value;
  };
}
