import type { Core } from '../../core/create-core';
import type { HandlersFor } from '../dispatcher';

/** Handlers of the credential manager and the vault. Keys go in; only summaries come out. */
export function createCredentialsHandlers(
  core: Core,
): HandlersFor<
  | 'vault:status'
  | 'vault:unlock'
  | 'vault:lock'
  | 'credentials:list'
  | 'credentials:save'
  | 'credentials:rename'
  | 'credentials:delete'
  | 'credentials:assume'
  | 'credentials:aws-profiles'
  | 'credentials:check-identity'
> {
  const { credentials } = core;
  return {
    'vault:status': () => credentials.vaultStatus(),
    'vault:unlock': ({ passphrase }) => credentials.unlock(passphrase),
    'vault:lock': () => credentials.lock(),
    'credentials:list': async () => ({ profiles: await credentials.store.list() }),
    'credentials:save': (input) => credentials.save(input),
    'credentials:rename': ({ id, name }) => credentials.store.rename(id, name),
    'credentials:delete': ({ id }) => {
      credentials.store.delete(id);
      return {};
    },
    'credentials:assume': ({ id, mfaCode }) => credentials.assume(id, mfaCode),
    'credentials:aws-profiles': () => credentials.awsProfiles(),
    'credentials:check-identity': (input) => credentials.checkIdentity(input),
  };
}
