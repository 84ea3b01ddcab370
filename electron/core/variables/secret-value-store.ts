/**
 * Where the values of secret variables live, keyed by the variable's id. The credentials
 * engineer's vault implements it (encrypted at rest); saved collections and environments only
 * ever hold an empty value and the id.
 */
export interface SecretValueStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** A `SecretValueStore` in memory, for tests and hosts without a vault. Never writes to disk. */
export function createMemorySecretValueStore(initial: Record<string, string> = {}): SecretValueStore & {
  /** A copy of what is held, for tests. */
  snapshot(): Record<string, string>;
} {
  const values = new Map(Object.entries(initial));
  return {
    get: async (id) => values.get(id),
    set: async (id, value) => {
      values.set(id, value);
    },
    delete: async (id) => {
      values.delete(id);
    },
    snapshot: () => Object.fromEntries(values),
  };
}
