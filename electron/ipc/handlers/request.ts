import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `request` domain: sending the editor's drafts (and previews, presigned URLs), cancelling, reading large bodies. */
export function createRequestHandlers(
  core: Core,
): HandlersFor<
  | 'request:send-draft'
  | 'request:presign-draft'
  | 'request:inspect-draft'
  | 'request:cancel'
  | 'response:read-body'
> {
  return {
    'request:send-draft': ({ requestId, tabId, request, savedRequestId, credentials, usesTypedKeys, options }, context) =>
      core.drafts.send({ requestId, tabId, request, savedRequestId, credentials, usesTypedKeys, options }, (progress) =>
        context.emit('request:progress', progress),
      ),
    'request:presign-draft': ({ request, savedRequestId, credentials, usesTypedKeys, options }) =>
      core.drafts.presign({ request, savedRequestId, credentials, usesTypedKeys, options }),
    'request:inspect-draft': ({ request, savedRequestId, credentials, usesTypedKeys, options }) =>
      core.drafts.inspect({ request, savedRequestId, credentials, usesTypedKeys, options }),
    'request:cancel': ({ requestId }) => ({ wasCancelled: core.requests.cancel(requestId) }),
    'response:read-body': ({ bodyId, offset, length }) => core.requests.readBody(bodyId, offset, length),
  };
}
