import type { ChannelOutputInput, ChannelParsedInput } from '../../../shared/contract/channels';
import type { CredentialProfileSummary, VaultStatus } from '../../../shared/contract/credentials';
import { parsePastedCredentials } from '../../../shared/credentials/parse-pasted-credentials';
import { ShomeiError } from '../../../shared/errors';
import { assertNotExpired, maskKeyId } from '../requests/resolved-credentials';
import type { PassphraseVault } from '../vault/passphrase-cipher';
import type { ResealsBlobs, SecretCipher } from '../vault/secret-cipher';
import { listAwsProfiles } from './aws-profiles';
import { createCredentialResolver, type CredentialResolver, type CredentialResolverDeps } from './credential-resolver';
import { createCredentialStore, type CredentialStore, type KeysToSave } from './credential-store';
import { createSdkStsApi, type StsApi } from './sts';

/** What the credentials service needs from its host. */
export interface CredentialsServiceDeps {
  dataDir: string;
  cipher: SecretCipher;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  sts?: StsApi;
  /** Cognito identity pools and the user pool sign-ins their logins use. */
  cognito?: CredentialResolverDeps['cognito'];
  /** Other owners of blobs sealed by `cipher` (secret values), migrated with the profiles. */
  otherBlobOwners?: ResealsBlobs[];
  /** Told when a migration of stored blobs failed (it is retried on the next unlock). */
  onUpgradeError?: (error: unknown) => void;
}

/** The credential manager behind the `credentials:*` and `vault:*` channels. */
export interface CredentialsService {
  store: CredentialStore;
  resolver: CredentialResolver;
  vaultStatus(): VaultStatus;
  unlock(passphrase: string): Promise<VaultStatus>;
  lock(): VaultStatus;
  /**
   * Reseals every stored blob in an older form (unbound, or under a replaced vault key), then lets
   * the vault forget its replaced key. Runs after each unlock; hosts with an always-ready cipher
   * call it once at start. Never throws: a failure is reported and retried next time.
   */
  upgradeBlobs(): Promise<void>;
  save(input: ChannelParsedInput<'credentials:save'>): Promise<CredentialProfileSummary>;
  assume(profileId: string, mfaCode?: string): Promise<CredentialProfileSummary>;
  awsProfiles(): Promise<ChannelOutputInput<'credentials:aws-profiles'>>;
  checkIdentity(input: ChannelParsedInput<'credentials:check-identity'>): Promise<ChannelOutputInput<'credentials:check-identity'>>;
}

function isPassphraseVault(cipher: SecretCipher): cipher is PassphraseVault {
  return 'unlock' in cipher && typeof (cipher as PassphraseVault).unlock === 'function';
}

/** Builds the credentials service over the host's cipher. */
export function createCredentialsService(deps: CredentialsServiceDeps): CredentialsService {
  const store = createCredentialStore({ dataDir: deps.dataDir, cipher: deps.cipher, now: deps.now });
  const sts = deps.sts ?? createSdkStsApi();
  const resolver = createCredentialResolver({ store, sts, cognito: deps.cognito, env: deps.env, now: deps.now });
  const upgradeBlobs = async (): Promise<void> => {
    if (!deps.cipher.isReady()) return;
    try {
      await store.resealAll();
      for (const owner of deps.otherBlobOwners ?? []) await owner.resealAll();
      if (isPassphraseVault(deps.cipher)) deps.cipher.completeUpgrade();
    } catch (error) {
      deps.onUpgradeError?.(error);
    }
  };
  const vaultStatus = (): VaultStatus => {
    const cipher = deps.cipher;
    const state = cipher.isReady() ? 'ready' : isPassphraseVault(cipher) && !cipher.isCreated() ? 'new' : 'locked';
    return { kind: cipher.kind, description: cipher.description, state };
  };

  return {
    store,
    resolver,
    vaultStatus,
    upgradeBlobs,
    async unlock(passphrase) {
      if (!isPassphraseVault(deps.cipher)) return vaultStatus();
      await deps.cipher.unlock(passphrase);
      await upgradeBlobs();
      return vaultStatus();
    },
    lock() {
      if (isPassphraseVault(deps.cipher)) deps.cipher.lock();
      return vaultStatus();
    },
    async save(input) {
      const kinds = [input.keys, input.pastedText, input.assumeRole, input.cognitoIdentity].filter((x) => x !== undefined).length;
      if (kinds > 1) throw new ShomeiError('INVALID_INPUT', 'Save either keys, pasted text, role or identity pool settings — one at a time');
      if (input.assumeRole) return store.saveAssumeRole({ id: input.id, name: input.name, settings: input.assumeRole });
      if (input.cognitoIdentity) return store.saveCognitoIdentity({ id: input.id, name: input.name, settings: input.cognitoIdentity });
      let keys: KeysToSave | undefined;
      if (input.pastedText !== undefined) {
        const parsed = parsePastedCredentials(input.pastedText);
        if (!parsed.ok) throw new ShomeiError('INVALID_INPUT', parsed.message, { found: parsed.found, missing: parsed.missing });
        keys = parsed.value;
      } else if (input.keys) {
        keys = { ...input.keys, expiration: input.keys.expiration ? new Date(input.keys.expiration) : undefined };
      }
      return store.saveKeys({ id: input.id, name: input.name, keys });
    },
    async assume(profileId, mfaCode) {
      await resolver.assumeNow(profileId, mfaCode);
      return store.summary(profileId);
    },
    awsProfiles: () => listAwsProfiles(deps.env),
    async checkIdentity(input) {
      const credentials = await resolver.resolve(input.credentials);
      assertNotExpired(credentials, deps.now());
      const identity = await sts.getCallerIdentity(credentials, { region: input.region, endpoint: input.stsEndpoint });
      return { ...identity, keyIdMasked: maskKeyId(credentials.accessKeyId) };
    },
  };
}
