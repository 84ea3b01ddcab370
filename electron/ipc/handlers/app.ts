import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `app` domain. */
export function createAppHandlers(core: Core): HandlersFor<'app:info'> {
  return {
    'app:info': () => ({ name: 'Shomei', version: core.version, host: core.host }),
  };
}
