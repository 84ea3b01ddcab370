import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `environments` domain. Secret values go to the vault and never come back. */
export function createEnvironmentsHandlers(
  core: Core,
): HandlersFor<
  | 'environments:list'
  | 'environments:create'
  | 'environments:update'
  | 'environments:delete'
  | 'environments:set-active'
> {
  const { environments } = core;
  return {
    'environments:list': () => ({
      environments: environments.list(),
      activeEnvironmentId: environments.getActive()?.id ?? null,
    }),
    'environments:create': ({ name, variables }) => environments.create({ name, variables }),
    'environments:update': ({ id, name, variables }) => environments.update({ id, name, variables }),
    'environments:delete': async ({ id }) => {
      await environments.remove({ id });
      return {};
    },
    'environments:set-active': ({ id }) => {
      environments.setActive(id);
      return {};
    },
  };
}
