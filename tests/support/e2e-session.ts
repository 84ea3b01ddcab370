import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, openApp, type AppUnderTest } from './app-fixture';
import { startVerifyingServer, type KnownCredentials, type VerifyingServer } from './verifying-server';

/** What an e2e file drives: one Chromium, an optional SigV4-verifying server, and the app. */
export interface E2eSession {
  browser: Browser;
  /** Set when `keys` were given. */
  target: VerifyingServer;
  /** A fresh app (data folder, browser-mode server, page) per test, or one per file. */
  app: AppUnderTest;
}

/**
 * Registers the hooks every browser-mode e2e file needs and returns their objects, filled in as
 * the hooks run (so read them inside tests, not at the top of the file). Call it before the
 * file's own hooks: those run after these and may use `browser` and `target`.
 */
export function useE2eSession(options: { keys?: KnownCredentials[]; appPer?: 'test' | 'file' } = {}): E2eSession {
  const session = {} as E2eSession;
  const isAppPerFile = options.appPer === 'file';
  beforeAll(async () => {
    session.browser = await launchChromium();
    if (options.keys) session.target = await startVerifyingServer(options.keys);
    if (isAppPerFile) session.app = await openApp(session.browser);
  });
  afterAll(async () => {
    if (isAppPerFile) await session.app?.close();
    await session.browser?.close();
    await session.target?.close();
  });
  if (!isAppPerFile) {
    beforeEach(async () => {
      session.app = await openApp(session.browser);
    });
    afterEach(async () => {
      await session.app?.close();
    });
  }
  return session;
}

/**
 * How long to wait for the vault to be created or unlocked: scrypt at N = 2^17 (128 MiB) takes
 * about half a second alone and several on a busy machine.
 */
export const VAULT_WAIT = { timeout: 20_000 } as const;
