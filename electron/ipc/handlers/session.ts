import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `session` domain: the open tabs kept for hot exit. */
export function createSessionHandlers(core: Core): HandlersFor<'session:read' | 'session:save'> {
  return {
    'session:read': () => core.session.read(),
    'session:save': (session) => core.session.save(session),
  };
}
