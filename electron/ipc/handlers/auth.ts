import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the `auth` domain. */
export function createAuthHandlers(core: Core): HandlersFor<'auth:store-secrets'> {
  return {
    'auth:store-secrets': async ({ values }) => {
      // Security: ids are in the `auth_` namespace (the schema), so these writes never touch a secret variable's value.
      for (const { id, value } of values) await core.secrets.set(id, value);
      return { storedCount: values.length };
    },
  };
}
