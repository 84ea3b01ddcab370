import type { ChannelName, EventName } from '../../shared/contract/channels';
import type { Core } from '../core/create-core';
import type { Handler, Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app';
import { createAppSyncHandlers } from './handlers/appsync';
import { createAuthHandlers } from './handlers/auth';
import { createCognitoHandlers } from './handlers/cognito';
import { createOAuth2Handlers } from './handlers/oauth2';
import { createCollectionsHandlers } from './handlers/collections';
import { createCredentialsHandlers } from './handlers/credentials';
import { createEnvironmentsHandlers } from './handlers/environments';
import { createHistoryHandlers } from './handlers/history';
import { createImportHandlers } from './handlers/import';
import { createRequestHandlers } from './handlers/request';
import { createRunnerHandlers } from './handlers/runner';
import { createSessionHandlers } from './handlers/session';
import { createTrustHandlers } from './handlers/trust';
import { createWebSocketHandlers } from './handlers/websocket';

/**
 * Which calls change which of main's data: after each one succeeds, the event is emitted, so every
 * view of that data reads it again. (One way the window learns of changes; no view keeps a counter.)
 */
const ANNOUNCED_ON_SUCCESS = {
  // A request may see other variables.
  'variables:changed': [
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
    'trust:trust-environment',
    'auth:store-secrets',
    'import:run',
  ],
  'collections:changed': [
    'collections:create-collection',
    'collections:create-folder',
    'collections:save-request',
    'collections:rename',
    'collections:duplicate',
    'collections:move',
    'collections:delete',
    'collections:undo',
    'collections:update-settings',
    'import:run',
    'trust:trust-collection',
  ],
  'history:changed': ['history:delete', 'history:clear'],
  'credentials:changed': [
    'credentials:save',
    'credentials:rename',
    'credentials:delete',
    'vault:unlock',
    'vault:lock',
    'cognito:sign-out',
    'oauth2:forget-token',
  ],
} as const satisfies Partial<Record<EventName, readonly ChannelName[]>>;

/** Calls after which the event is emitted whether they succeeded or not (a failed send is recorded in history too). */
const ANNOUNCED_WHEN_SETTLED = {
  'history:changed': ['request:send-draft'],
  // Assuming a role (or checking an AssumeRole profile's identity) caches fresh keys, or asks for MFA.
  'credentials:changed': ['credentials:assume', 'credentials:check-identity', 'cognito:sign-in', 'cognito:answer', 'oauth2:get-token'],
} as const satisfies Partial<Record<EventName, readonly ChannelName[]>>;

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
    ...createCognitoHandlers(core),
    ...createOAuth2Handlers(core),
    ...createRunnerHandlers(core),
    ...createAppSyncHandlers(core),
    ...createWebSocketHandlers(core),
  };
  const table = handlers as Record<ChannelName, Handler<ChannelName>>;
  for (const [event, names] of Object.entries(ANNOUNCED_ON_SUCCESS) as Array<[EventName, readonly ChannelName[]]>) {
    for (const channel of names) table[channel] = announcing(table[channel], event, false);
  }
  for (const [event, names] of Object.entries(ANNOUNCED_WHEN_SETTLED) as Array<[EventName, readonly ChannelName[]]>) {
    for (const channel of names) table[channel] = announcing(table[channel], event, true);
  }
  return handlers;
}

/** The handler, then `event` once it succeeded (or, with `isAlways`, once it settled). */
function announcing<K extends ChannelName>(handler: Handler<K>, event: EventName, isAlways: boolean): Handler<K> {
  return async (input, context) => {
    try {
      const value = await handler(input, context);
      context.emit(event, {});
      return value;
    } catch (error) {
      if (isAlways) context.emit(event, {});
      throw error;
    }
  };
}
