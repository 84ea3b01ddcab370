import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `history` domain. */
export function createHistoryHandlers(
  core: Core,
): HandlersFor<'history:list' | 'history:reopen' | 'history:delete' | 'history:clear' | 'history:retention'> {
  const { history } = core;
  return {
    'history:list': ({ query, limit }) => history.list({ query, limit: limit ?? 500 }),
    'history:reopen': ({ id }) => history.reopen(id),
    'history:delete': ({ id }) => {
      history.remove(id);
      return {};
    },
    'history:clear': () => {
      history.clear();
      return {};
    },
    'history:retention': ({ limit }) => {
      if (limit !== undefined) history.setRetention(limit);
      return { limit: history.getRetention() };
    },
  };
}
