import { dropVaultRefs } from '../../core/auth/vault-refs';
import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Why an auth field that named a vault value comes in empty. */
const VAULT_REF_DROPPED =
  "it named a value kept in the sender's vault, which this machine does not have: set it in the Auth tab";

/** Handlers of the `import` domain. */
export function createImportHandlers(core: Core): HandlersFor<'import:run'> {
  return {
    'import:run': async ({ text, format }) => {
      // The importers (postman-collection, YAML, Bruno…) load at the first import, not at start.
      const { importAny } = await import('../../core/io/import-any');
      // Everything is read and checked before anything is added: a failed import changes nothing.
      const result = importAny(text, format);
      if (result.kind === 'environment') {
        const environment = await core.environments.add({
          environment: result.environment,
          secretValues: result.secretValues,
        });
        return { format: result.format, environmentNames: [environment.name], report: result.report };
      }
      // Security: a vault id in a file names a value of the sender's vault, never one of this
      // machine's (the user's token for another request): the imported field is left empty, and said so.
      for (const path of dropVaultRefs(result.collection))
        result.report.dropped.push({ path, what: 'stored secret', why: VAULT_REF_DROPPED });
      const collection = core.collections.addCollection(result.collection);
      const environmentNames: string[] = [];
      for (const env of result.environments ?? []) {
        environmentNames.push(
          (await core.environments.add({ environment: env.environment, secretValues: env.secretValues })).name,
        );
      }
      return {
        format: result.format,
        collectionId: collection.id,
        collectionName: collection.name,
        environmentNames,
        report: result.report,
      };
    },
  };
}
