/** A token as an issuer handed it out: the value (secret) and when it stops working, if the issuer said. */
export interface IssuedToken<T> {
  value: T;
  /** Absent: the issuer gave no lifetime; the token is used until the user forgets it or a send is refused. */
  expiresAt?: Date | undefined;
}

/** Where a cached token stands at a moment: usable, due for renewal (still valid), or expired. */
export type TokenState = 'fresh' | 'renew-soon' | 'expired';

/** What the window may learn of a cached token: never its value. */
export interface TokenStatus {
  obtainedAt: Date;
  expiresAt?: Date | undefined;
  state: TokenState;
  /** Why the last renewal failed, while the old token was still used. */
  renewalError?: string | undefined;
}

/** How a token was got for a send: from the cache, fetched for the first time, or renewed (`wasExpired`: after it had expired). */
export type TokenOrigin = { kind: 'cached' } | { kind: 'fetched' } | { kind: 'renewed'; wasExpired: boolean };

/**
 * Tokens kept in main's memory by key (a token URL, client and scope; a user pool session), each
 * until it expires, renewed a margin before: the smaller of `renewBeforeMs` (60 s) and
 * `renewBeforeFraction` (10 %) of its lifetime. Never written to disk, never handed to the window
 * (`status` has no value). Concurrent `get`s of one key share one fetch.
 */
export interface TokenCache<T> {
  /**
   * The token of `key`: the cached one while fresh, otherwise `fetch`ed (renewed). A renewal that
   * fails while the old token is still valid keeps the old one (its status says why); once it has
   * expired the failure is thrown. `onRenewExpired` is told before an expired token is renewed.
   */
  get(
    key: string,
    fetch: () => Promise<IssuedToken<T>>,
    hooks?: { onRenewExpired?: () => void },
  ): Promise<{ value: T; origin: TokenOrigin }>;
  /** Fetches a new token now, whatever the cache holds (the user's "Get token"). */
  renew(key: string, fetch: () => Promise<IssuedToken<T>>): Promise<T>;
  /** The status of `key`'s token, or undefined when none is cached. */
  status(key: string): TokenStatus | undefined;
  /** Drops `key`'s token (the user's "Forget token"); true when one was cached. */
  forget(key: string): boolean;
  /** Drops every token whose key `matches`. */
  forgetWhere(matches: (key: string) => boolean): number;
}

/** Options of `createTokenCache`. */
export interface TokenCacheOptions {
  now(): Date;
  renewBeforeMs?: number;
  renewBeforeFraction?: number;
}

interface Entry<T> {
  value: T;
  obtainedAt: Date;
  expiresAt?: Date | undefined;
  renewalError?: string | undefined;
}

/** A token cache over `now` (a fake clock in tests). */
export function createTokenCache<T>(options: TokenCacheOptions): TokenCache<T> {
  const renewBeforeMs = options.renewBeforeMs ?? 60_000;
  const fraction = options.renewBeforeFraction ?? 0.1;
  const entries = new Map<string, Entry<T>>();
  const pending = new Map<string, Promise<Entry<T>>>();

  const stateOf = (entry: Entry<T>, at: Date): TokenState => {
    if (!entry.expiresAt) return 'fresh';
    const left = entry.expiresAt.getTime() - at.getTime();
    if (left <= 0) return 'expired';
    const lifetime = entry.expiresAt.getTime() - entry.obtainedAt.getTime();
    return left <= Math.min(renewBeforeMs, Math.max(0, lifetime) * fraction) ? 'renew-soon' : 'fresh';
  };

  const fetchInto = (key: string, fetch: () => Promise<IssuedToken<T>>): Promise<Entry<T>> => {
    const running = pending.get(key);
    if (running) return running;
    const started = (async () => {
      const obtainedAt = options.now();
      const issued = await fetch();
      const entry: Entry<T> = { value: issued.value, obtainedAt, expiresAt: issued.expiresAt };
      entries.set(key, entry);
      return entry;
    })().finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  };

  return {
    async get(key, fetch, hooks) {
      const cached = entries.get(key);
      if (!cached) return { value: (await fetchInto(key, fetch)).value, origin: { kind: 'fetched' } };
      const state = stateOf(cached, options.now());
      if (state === 'fresh') return { value: cached.value, origin: { kind: 'cached' } };
      if (state === 'expired') {
        hooks?.onRenewExpired?.();
        try {
          return { value: (await fetchInto(key, fetch)).value, origin: { kind: 'renewed', wasExpired: true } };
        } catch (error) {
          // An expired token is useless: keep nothing that looks usable.
          if (entries.get(key) === cached) entries.delete(key);
          throw error;
        }
      }
      try {
        return { value: (await fetchInto(key, fetch)).value, origin: { kind: 'renewed', wasExpired: false } };
      } catch (error) {
        // Still valid: send with it, and let the status say the renewal failed.
        cached.renewalError = error instanceof Error ? error.message : String(error);
        return { value: cached.value, origin: { kind: 'cached' } };
      }
    },
    async renew(key, fetch) {
      return (await fetchInto(key, fetch)).value;
    },
    status(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      return {
        obtainedAt: entry.obtainedAt,
        expiresAt: entry.expiresAt,
        state: stateOf(entry, options.now()),
        ...(entry.renewalError ? { renewalError: entry.renewalError } : {}),
      };
    },
    forget: (key) => entries.delete(key),
    forgetWhere(matches) {
      let count = 0;
      for (const key of [...entries.keys()])
        if (matches(key)) {
          entries.delete(key);
          count += 1;
        }
      return count;
    },
  };
}
