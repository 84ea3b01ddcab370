import { z } from 'zod';
import { ShomeiError } from '../../../shared/errors';
import { openDocumentStore, type DocumentStore } from '../storage/document-store';
import type { ResealsBlobs, SecretCipher } from '../vault/secret-cipher';
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

/** What a secret value's blob is bound to: it opens only as that value. */
export const secretValueBlobOwner = (valueId: string) => `secret-value:${valueId}`;

/**
 * A `SecretValueStore` that keeps each value encrypted by the host's `SecretCipher` (OS keychain,
 * passphrase vault) in `secret-values.json`; only ids and opaque blobs touch the disk. While the
 * cipher is locked, reads find nothing (the variable shows as unresolved) and writes fail clearly.
 */
export function createEncryptedSecretValueStore(
  deps: EncryptedSecretValueStoreDeps,
): SecretValueStore & ResealsBlobs & { readonly document: DocumentStore<SecretValues> } {
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
      return deps.cipher.decrypt(blob, secretValueBlobOwner(id));
    },
    async set(id, value) {
      if (!deps.cipher.isReady())
        throw new ShomeiError('CREDENTIALS_MISSING', 'Unlock the vault to save a secret value');
      const blob = await deps.cipher.encrypt(value, secretValueBlobOwner(id));
      write((blobs) => {
        blobs[id] = blob;
      });
    },
    async resealAll() {
      if (!deps.cipher.isReady()) return;
      const fresh: Array<[string, string, string]> = [];
      for (const [id, blob] of Object.entries(document.read().blobs)) {
        try {
          const next = await deps.cipher.reseal(blob, secretValueBlobOwner(id));
          if (next !== undefined) fresh.push([id, blob, next]);
        } catch {
          // A value that opens with no key stays as it is (it reads as unresolved).
        }
      }
      if (fresh.length === 0) return;
      // Applied to the file as it is now, and only where the value did not change meanwhile.
      write((blobs) => {
        for (const [id, from, to] of fresh) if (blobs[id] === from) blobs[id] = to;
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
