import type { Core } from '../core/create-core';
import type { Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app';
import { createCollectionsHandlers } from './handlers/collections';
import { createCredentialsHandlers } from './handlers/credentials';
import { createEnvironmentsHandlers } from './handlers/environments';
import { createHistoryHandlers } from './handlers/history';
import { createImportHandlers } from './handlers/import';
import { createRequestHandlers } from './handlers/request';

/** Maps every channel to its core service call. A channel without a handler fails to compile. */
export function createHandlers(core: Core): Handlers {
  return {
    ...createAppHandlers(core),
    ...createRequestHandlers(core),
    ...createCollectionsHandlers(core),
    ...createEnvironmentsHandlers(core),
    ...createHistoryHandlers(core),
    ...createImportHandlers(core),
    ...createCredentialsHandlers(core),
  };
}
