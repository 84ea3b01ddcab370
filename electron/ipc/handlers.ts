import type { Core } from '../core/create-core';
import type { Handlers } from './dispatcher';
import { createAppHandlers } from './handlers/app';
import { createRequestHandlers } from './handlers/request';

/** Maps every channel to its core service call. A channel without a handler fails to compile. */
export function createHandlers(core: Core): Handlers {
  return {
    ...createAppHandlers(core),
    ...createRequestHandlers(core),
  };
}
