import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `request` domain. */
export function createRequestHandlers(core: Core): HandlersFor<'request:send' | 'request:cancel' | 'response:read-body'> {
  return {
    'request:send': ({ requestId, request }, context) =>
      core.requests.send(requestId, request, (progress) => context.emit('request:progress', progress)),
    'request:cancel': ({ requestId }) => ({ wasCancelled: core.requests.cancel(requestId) }),
    'response:read-body': ({ bodyId, offset, length }) => core.requests.readBody(bodyId, offset, length),
  };
}
