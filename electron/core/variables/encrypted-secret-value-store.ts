import { z } from 'zod';
import { ShomeiError } from '../../../shared/errors';
import { openDocumentStore, type DocumentStore } from '../storage/document-store';
import type { SecretCipher } from '../vault/secret-cipher';
import type { SecretValueStore } from './secret-value-store';

/** The file (without `.json`) that holds encrypted secret variable values. */
export const SECRET_VALUES_STORE_NAME = 'secret-values';

const SecretValuesSchema = z.object({ blobs: z.record(z.string(), z.string()).default({}) });
type SecretValues = z.infer<typeof SecretValuesSchema>;

/** What the encrypted store needs: where to keep the blobs, and the host's cipher. */
export interface EncryptedSecretValueStoreDeps {
  dataDir: string;
  cipher: SecretCipher;
  now?: () => Date;
}

/**
 * A `SecretValueStore` that keeps each value encrypted by the host's `SecretCipher` (OS keychain,
 * passphrase vault) in `secret-values.json`; only ids and opaque blobs touch the disk. While the
 * cipher is locked, reads find nothing (the variable shows as unresolved) and writes fail clearly.
 */
export function createEncryptedSecretValueStore(
  deps: EncryptedSecretValueStoreDeps,
): SecretValueStore & { readonly document: DocumentStore<SecretValues> } {
  const document = openDocumentStore<SecretValues>({
    dataDir: deps.dataDir,
    name: SECRET_VALUES_STORE_NAME,
    schema: SecretValuesSchema,
    version: 1,
    defaults: () => ({ blobs: {} }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const write = (mutate: (blobs: Record<string, string>) => void): void => {
    const blobs = { ...document.read().blobs };
    mutate(blobs);
    document.write({ blobs });
  };
  return {
    document,
    async get(id) {
      const blob = document.read().blobs[id];
      if (blob === undefined || !deps.cipher.isReady()) return undefined;
      return deps.cipher.decrypt(blob);
    },
    async set(id, value) {
      if (!deps.cipher.isReady())
        throw new ShomeiError('CREDENTIALS_MISSING', 'Unlock the vault to save a secret value');
      const blob = await deps.cipher.encrypt(value);
      write((blobs) => {
        blobs[id] = blob;
      });
    },
    async delete(id) {
      if (document.read().blobs[id] === undefined) return;
      write((blobs) => {
        delete blobs[id];
      });
    },
  };
}
