import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AssumeRoleSettingsSchema,
  CognitoIdentitySettingsSchema,
  type AssumeRoleSettings,
  type CognitoIdentitySettings,
  type CredentialProfileSummary,
} from '../../../shared/contract/credentials';
import { ShomeiError, isShomeiError } from '../../../shared/errors';
import { maskKeyId } from '../requests/resolved-credentials';
import { openDocumentStore, type DocumentStore } from '../storage/document-store';
import type { SecretCipher } from '../vault/secret-cipher';

/** The file (without `.json`) of saved credential profiles. */
export const CREDENTIALS_STORE_NAME = 'credentials';

/** The secret half of a profile, decrypted in main only. */
export interface StoredKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** Keys with what is known about them, as saved. */
export interface KeysToSave extends StoredKeys {
  expiration?: Date | undefined;
  accountId?: string | undefined;
}

const StoredProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['keys', 'assume-role', 'cognito-identity']),
  keyIdMasked: z.string().optional(),
  hasSessionToken: z.boolean().default(false),
  expiration: z.string().optional(),
  accountId: z.string().optional(),
  assumeRole: AssumeRoleSettingsSchema.optional(),
  cognitoIdentity: CognitoIdentitySettingsSchema.optional(),
  /** The keys (or, for an assumed role, the cached assumed keys), sealed by the host's cipher. */
  blob: z.string().optional(),
  updatedAt: z.string(),
});
type StoredProfile = z.infer<typeof StoredProfileSchema>;
const CredentialsFileSchema = z.object({ profiles: z.array(StoredProfileSchema).default([]) });
type CredentialsFile = z.infer<typeof CredentialsFileSchema>;

/** Saved credential profiles: readable labels, one encrypted blob of secret fields each. */
export interface CredentialStore {
  readonly document: DocumentStore<CredentialsFile>;
  /** Every profile's summary; one whose blob cannot be opened is listed with its `problem`. */
  list(): Promise<CredentialProfileSummary[]>;
  summary(id: string): CredentialProfileSummary;
  /** A profile by id, or else by name (saved collections and imports may name it); undefined when neither. */
  /** The profile with this id. Security: by id only; a name in a shared file never picks a profile. */
  lookup(id: string): CredentialProfileSummary | undefined;
  /** The first profile of this name (case-insensitive), for people and tests that know it by name. */
  findByName(name: string): CredentialProfileSummary | undefined;
  saveKeys(input: { id?: string | undefined; name: string; keys?: KeysToSave | undefined }): Promise<CredentialProfileSummary>;
  saveAssumeRole(input: { id?: string | undefined; name: string; settings: AssumeRoleSettings }): Promise<CredentialProfileSummary>;
  saveCognitoIdentity(input: { id?: string | undefined; name: string; settings: CognitoIdentitySettings }): Promise<CredentialProfileSummary>;
  rename(id: string, name: string): CredentialProfileSummary;
  delete(id: string): void;
  /** The decrypted keys of a profile; throws `CREDENTIALS_INVALID` naming the profile when its blob is damaged. */
  readKeys(id: string): Promise<{ keys: StoredKeys; expiration?: Date | undefined; profile: CredentialProfileSummary } | undefined>;
  /** Keeps freshly assumed keys for an AssumeRole profile, encrypted. */
  cacheAssumed(id: string, keys: KeysToSave): Promise<CredentialProfileSummary>;
  /** Migration: reseals every blob the cipher reports as older (unbound, or under a replaced key). */
  resealAll(): Promise<void>;
}

/** What a profile's blob is bound to: it opens only as that profile's keys. */
export const credentialBlobOwner = (profileId: string) => `credential-profile:${profileId}`;

/**
 * Keeps credential profiles in `credentials.json`. Only the name, kind, masked key id, expiry,
 * account and AssumeRole settings are plain; key id, secret and token are one blob sealed by the
 * host's `SecretCipher`. A blob that fails to open affects only its own profile.
 */
export function createCredentialStore(deps: { dataDir: string; cipher: SecretCipher; now: () => Date }): CredentialStore {
  const document = openDocumentStore<CredentialsFile>({
    dataDir: deps.dataDir,
    name: CREDENTIALS_STORE_NAME,
    schema: CredentialsFileSchema,
    version: 1,
    defaults: () => ({ profiles: [] }),
    now: deps.now,
  });
  const profiles = () => document.read().profiles;
  const find = (id: string): StoredProfile => {
    const profile = profiles().find((p) => p.id === id);
    if (!profile) throw new ShomeiError('NOT_FOUND', 'That credential profile no longer exists');
    return profile;
  };
  const put = (next: StoredProfile): CredentialProfileSummary => {
    const others = profiles().filter((p) => p.id !== next.id);
    if (others.some((p) => p.name.toLowerCase() === next.name.toLowerCase())) {
      throw new ShomeiError('CONFLICT', `A credential profile named "${next.name}" already exists`);
    }
    const list = profiles().some((p) => p.id === next.id) ? profiles().map((p) => (p.id === next.id ? next : p)) : [...profiles(), next];
    document.write({ profiles: list });
    return toSummary(next);
  };
  const seal = async (profileId: string, keys: StoredKeys): Promise<string> => {
    if (!deps.cipher.isReady()) throw new ShomeiError('VAULT_LOCKED', 'Unlock the vault to save credentials');
    return deps.cipher.encrypt(
      JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken }),
      credentialBlobOwner(profileId),
    );
  };
  const keyFields = (keys: KeysToSave) => ({
    keyIdMasked: maskKeyId(keys.accessKeyId),
    hasSessionToken: Boolean(keys.sessionToken),
    ...(keys.expiration ? { expiration: keys.expiration.toISOString() } : {}),
    ...(keys.accountId ? { accountId: keys.accountId } : {}),
  });
  const open = async (profile: StoredProfile): Promise<StoredKeys | undefined> => {
    if (!profile.blob) return undefined;
    if (!deps.cipher.isReady()) throw new ShomeiError('VAULT_LOCKED', `Unlock the vault to use the credential profile "${profile.name}"`);
    try {
      const parsed = JSON.parse(await deps.cipher.decrypt(profile.blob, credentialBlobOwner(profile.id))) as StoredKeys;
      return parsed;
    } catch (error) {
      const reason = isShomeiError(error) ? error.message : 'it is not readable';
      throw new ShomeiError('CREDENTIALS_INVALID', `The saved credential profile "${profile.name}" cannot be opened: ${reason}. Save its keys again.`, { profileId: profile.id });
    }
  };

  return {
    document,
    async list() {
      const summaries: CredentialProfileSummary[] = [];
      for (const profile of profiles()) {
        let problem: string | undefined;
        if (profile.blob && deps.cipher.isReady()) {
          try {
            await open(profile);
          } catch (error) {
            problem = error instanceof Error ? error.message : String(error);
          }
        }
        summaries.push({ ...toSummary(profile), ...(problem ? { problem } : {}) });
      }
      return summaries;
    },
    summary: (id) => toSummary(find(id)),
    lookup(id) {
      const found = profiles().find((p) => p.id === id);
      return found ? toSummary(found) : undefined;
    },
    findByName(name) {
      const found = profiles().find((p) => p.name.toLowerCase() === name.toLowerCase());
      return found ? toSummary(found) : undefined;
    },
    async saveKeys({ id, name, keys }) {
      const previous = id === undefined ? undefined : find(id);
      if (previous && previous.kind !== 'keys') throw new ShomeiError('CONFLICT', 'That profile gets its keys elsewhere; save keys under another profile');
      if (!previous && !keys) throw new ShomeiError('INVALID_INPUT', 'Paste or type the keys to save');
      const base: StoredProfile = previous ?? { id: randomUUID(), name, kind: 'keys', hasSessionToken: false, updatedAt: '' };
      const next: StoredProfile = keys
        ? { id: base.id, name, kind: 'keys', ...keyFields(keys), blob: await seal(base.id, keys), updatedAt: deps.now().toISOString() }
        : { ...base, name, updatedAt: deps.now().toISOString() };
      return put(next);
    },
    async saveAssumeRole({ id, name, settings }) {
      const previous = id === undefined ? undefined : find(id);
      if (previous && previous.kind !== 'assume-role') throw new ShomeiError('CONFLICT', 'That profile is not an AssumeRole profile; save the role under another profile');
      if (settings.base.source === 'profile' && (settings.base.profileId === id || dependsOn(profiles(), settings.base.profileId, id))) {
        throw new ShomeiError('INVALID_INPUT', 'A role cannot be assumed from itself (the profiles would go round in a circle)');
      }
      const isSameRole = previous?.assumeRole !== undefined && JSON.stringify(previous.assumeRole) === JSON.stringify(settings);
      // Changed settings drop the cached keys: they belong to the old role.
      const next: StoredProfile = isSameRole && previous
        ? { ...previous, name, updatedAt: deps.now().toISOString() }
        : { id: previous?.id ?? randomUUID(), name, kind: 'assume-role', hasSessionToken: false, assumeRole: settings, updatedAt: deps.now().toISOString() };
      return put(next);
    },
    async saveCognitoIdentity({ id, name, settings }) {
      const previous = id === undefined ? undefined : find(id);
      if (previous && previous.kind !== 'cognito-identity') throw new ShomeiError('CONFLICT', 'That profile is not a Cognito identity pool; save it under another profile');
      const isSame = previous?.cognitoIdentity !== undefined && JSON.stringify(previous.cognitoIdentity) === JSON.stringify(settings);
      // Changed settings drop the cached keys: they belong to the old pool or login.
      const next: StoredProfile = isSame && previous
        ? { ...previous, name, updatedAt: deps.now().toISOString() }
        : { id: previous?.id ?? randomUUID(), name, kind: 'cognito-identity', hasSessionToken: false, cognitoIdentity: settings, updatedAt: deps.now().toISOString() };
      return put(next);
    },
    rename(id, name) {
      return put({ ...find(id), name, updatedAt: deps.now().toISOString() });
    },
    delete(id) {
      find(id);
      document.write({ profiles: profiles().filter((p) => p.id !== id) });
    },
    async readKeys(id) {
      const profile = find(id);
      const keys = await open(profile);
      if (!keys) return undefined;
      return { keys, ...(profile.expiration ? { expiration: new Date(profile.expiration) } : {}), profile: toSummary(profile) };
    },
    async cacheAssumed(id, keys) {
      const profile = find(id);
      return put({ ...profile, ...keyFields(keys), blob: await seal(profile.id, keys), updatedAt: deps.now().toISOString() });
    },
    async resealAll() {
      if (!deps.cipher.isReady()) return;
      const fresh = new Map<string, { from: string; to: string }>();
      for (const profile of profiles()) {
        if (!profile.blob) continue;
        try {
          const next = await deps.cipher.reseal(profile.blob, credentialBlobOwner(profile.id));
          if (next !== undefined) fresh.set(profile.id, { from: profile.blob, to: next });
        } catch {
          // A blob that opens with no key stays as it is; listing names its profile as damaged.
        }
      }
      if (fresh.size === 0) return;
      // Applied to the file as it is now, and only where the blob did not change meanwhile.
      document.write({
        profiles: profiles().map((p) => {
          const change = fresh.get(p.id);
          return change && p.blob === change.from ? { ...p, blob: change.to } : p;
        }),
      });
    },
  };
}

function dependsOn(all: StoredProfile[], fromId: string, targetId: string | undefined): boolean {
  if (targetId === undefined) return false;
  const seen = new Set<string>();
  let current = all.find((p) => p.id === fromId);
  while (current?.assumeRole?.base.source === 'profile' && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.assumeRole.base.profileId === targetId) return true;
    const nextId = current.assumeRole.base.profileId;
    current = all.find((p) => p.id === nextId);
  }
  return false;
}

function toSummary(profile: StoredProfile): CredentialProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    ...(profile.keyIdMasked ? { keyIdMasked: profile.keyIdMasked } : {}),
    hasSessionToken: profile.hasSessionToken,
    ...(profile.expiration ? { expiration: profile.expiration } : {}),
    ...(profile.accountId ? { accountId: profile.accountId } : {}),
    ...(profile.assumeRole ? { assumeRole: profile.assumeRole } : {}),
    ...(profile.cognitoIdentity ? { cognitoIdentity: profile.cognitoIdentity } : {}),
    updatedAt: profile.updatedAt,
  };
}
