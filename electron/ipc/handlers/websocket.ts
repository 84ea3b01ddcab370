import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `websocket` domain: main owns the socket; what happens on it reaches the window as `websocket:event`. */
export function createWebSocketHandlers(
  core: Core,
): HandlersFor<'websocket:connect' | 'websocket:send' | 'websocket:disconnect'> {
  return {
    'websocket:connect': async (
      { connectionId, request, savedRequestId, credentials, usesTypedKeys, options, tabId },
      context,
    ) => {
      const open = await core.drafts.handshake({ request, savedRequestId, credentials, usesTypedKeys, options, tabId });
      await core.websockets.connect(connectionId, open, (event) => context.emit('websocket:event', event));
      return { connectionId, url: open.redact(open.url), signedIn: open.signedIn };
    },
    'websocket:send': ({ connectionId, message }) => core.websockets.send(connectionId, message),
    'websocket:disconnect': ({ connectionId, code, reason }) => ({
      wasOpen: core.websockets.disconnect(connectionId, code, reason),
    }),
  };
}
