import { isShomeiError } from '../../../shared/errors';
import type { Core } from '../../core/create-core';
import { listVisibleVariables } from '../../core/variables/variable-scope';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `environments` domain, and of the variables a request sees. Secret values go to the vault and never come back. */
export function createEnvironmentsHandlers(
  core: Core,
): HandlersFor<
  | 'environments:list'
  | 'environments:create'
  | 'environments:update'
  | 'environments:delete'
  | 'environments:set-active'
  | 'variables:scope'
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
    'variables:scope': async ({ savedRequestId }) => {
      const saved = savedRequestId === undefined ? undefined : findSaved(core, savedRequestId);
      const environment = environments.getActive();
      const variables = await listVisibleVariables({
        collection: saved?.collection,
        ancestors: saved?.ancestors,
        environment,
        secrets: core.secrets,
      });
      return { environmentName: environment?.name ?? null, variables };
    },
  };
}

/** The saved request's place, or undefined once it is gone (a send is then refused; the scope shows the environment only). */
function findSaved(core: Core, id: string) {
  try {
    return core.collections.getRequest(id);
  } catch (error) {
    if (isShomeiError(error)) return undefined;
    throw error;
  }
}
