import { describe, expect, it } from 'vitest';
import { createTokenCache, type IssuedToken } from '../../../../electron/core/auth/token-cache';

function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

/** An issuer that counts its calls and hands out `token-N` living `lifetimeMs`. */
function issuer(clock: ReturnType<typeof fakeClock>, lifetimeMs: number | undefined) {
  let calls = 0;
  let failure: Error | undefined;
  return {
    get calls() {
      return calls;
    },
    fail(error: Error | undefined) {
      failure = error;
    },
    fetch: async (): Promise<IssuedToken<string>> => {
      calls += 1;
      if (failure) throw failure;
      return {
        value: `token-${calls}`,
        expiresAt: lifetimeMs === undefined ? undefined : new Date(clock.now().getTime() + lifetimeMs),
      };
    },
  };
}

describe('token cache', () => {
  it('fetches once, then serves the cached token until the renewal margin', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, 3600_000);
    expect(await cache.get('k', server.fetch)).toEqual({ value: 'token-1', origin: { kind: 'fetched' } });
    clock.advance(3600_000 - 61_000);
    expect(await cache.get('k', server.fetch)).toEqual({ value: 'token-1', origin: { kind: 'cached' } });
    expect(cache.status('k')?.state).toBe('fresh');
    expect(server.calls).toBe(1);
    // 60 s before expiry (the smaller margin of 60 s and 10 % of an hour): renewed before it expires.
    clock.advance(2_000);
    expect(cache.status('k')?.state).toBe('renew-soon');
    expect(await cache.get('k', server.fetch)).toEqual({
      value: 'token-2',
      origin: { kind: 'renewed', wasExpired: false },
    });
    expect(server.calls).toBe(2);
  });

  it('renews a short-lived token at 10 % of its lifetime', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, 100_000);
    await cache.get('k', server.fetch);
    clock.advance(89_000);
    expect((await cache.get('k', server.fetch)).origin).toEqual({ kind: 'cached' });
    clock.advance(2_000);
    expect((await cache.get('k', server.fetch)).value).toBe('token-2');
  });

  it('says when an expired token is renewed, and throws when that renewal fails', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, 600_000);
    await cache.get('k', server.fetch);
    clock.advance(600_000);
    expect(cache.status('k')?.state).toBe('expired');
    const told: string[] = [];
    const renewed = await cache.get('k', server.fetch, { onRenewExpired: () => told.push('renewing') });
    expect(renewed).toEqual({ value: 'token-2', origin: { kind: 'renewed', wasExpired: true } });
    expect(told).toEqual(['renewing']);

    clock.advance(600_000);
    server.fail(new Error('invalid_client'));
    await expect(cache.get('k', server.fetch)).rejects.toThrow('invalid_client');
    // Nothing expired is kept as if it could be used.
    expect(cache.status('k')).toBeUndefined();
  });

  it('keeps a still-valid token when its early renewal fails, and says why', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, 600_000);
    await cache.get('k', server.fetch);
    clock.advance(570_000);
    server.fail(new Error('token endpoint down'));
    expect(await cache.get('k', server.fetch)).toEqual({ value: 'token-1', origin: { kind: 'cached' } });
    expect(cache.status('k')).toMatchObject({ state: 'renew-soon', renewalError: 'token endpoint down' });
  });

  it('shares one fetch between concurrent gets of a key, and keeps keys apart', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, 3600_000);
    const results = await Promise.all([cache.get('a', server.fetch), cache.get('a', server.fetch)]);
    expect(results.map((r) => r.value)).toEqual(['token-1', 'token-1']);
    expect(server.calls).toBe(1);
    expect((await cache.get('b', server.fetch)).value).toBe('token-2');
  });

  it('forgets, and renew fetches whatever the cache holds', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    const server = issuer(clock, undefined);
    await cache.get('a', server.fetch);
    expect(cache.status('a')).toMatchObject({ state: 'fresh', expiresAt: undefined });
    expect(await cache.renew('a', server.fetch)).toBe('token-2');
    expect(cache.forget('a')).toBe(true);
    expect(cache.forget('a')).toBe(false);
    await cache.get('x|1', server.fetch);
    await cache.get('x|2', server.fetch);
    await cache.get('y|1', server.fetch);
    expect(cache.forgetWhere((key) => key.startsWith('x|'))).toBe(2);
    expect(cache.status('y|1')).toBeDefined();
  });

  it('never puts the token value in its status', async () => {
    const clock = fakeClock();
    const cache = createTokenCache<string>({ now: clock.now });
    await cache.get('k', async () => ({ value: 'SECRET-TOKEN', expiresAt: new Date(clock.now().getTime() + 1000) }));
    expect(JSON.stringify(cache.status('k'))).not.toContain('SECRET-TOKEN');
  });
});
