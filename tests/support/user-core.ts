import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { startAttacker, type Attacker } from './attacker-server';
import { makeTempDir } from './temp-dir';
import { openCoreWithEnvKeys } from './test-core';

/** An IPC answer as a test reads it. */
export type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** What an attacker test drives: the user's core, its IPC dispatcher, and a loopback attacker. */
export interface UserCoreSession {
  /** The loopback server a hostile file points at; what it received is cleared before each test. */
  attacker: Attacker;
  /** A core in a fresh temporary home whose default chain finds the user's keys. */
  core: Core;
  home: ReturnType<typeof makeTempDir>;
  /** A call through the IPC dispatcher, as the window makes it. */
  call(channel: string, input: unknown): Promise<Answer>;
  /** Closes the core and opens a new one on the same data folder, as a restart does. */
  restart(): Promise<void>;
}

/**
 * Registers the hooks of an attacker test: one attacker server per file, and per test a new home
 * and a core over it whose process environment holds `keys` (the user's identity on this
 * machine). Read the session's fields inside tests, not at the top of the file.
 */
export function useUserCore(prefix: string, keys: { accessKeyId: string; secretAccessKey: string }): UserCoreSession {
  const context: CallContext = { emit: () => undefined };
  const session = {} as UserCoreSession;
  const open = () => {
    session.core = openCoreWithEnvKeys(join(session.home.dir, 'data'), keys, session.home.dir);
    const dispatcher = createDispatcher(createHandlers(session.core));
    session.call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  };
  session.restart = async () => {
    await session.core.close();
    open();
  };
  beforeAll(async () => {
    session.attacker = await startAttacker();
  });
  afterAll(async () => {
    await session.attacker.close();
  });
  beforeEach(() => {
    session.home = makeTempDir(prefix);
    open();
    session.attacker.received.length = 0;
  });
  afterEach(async () => {
    await session.core.close();
    session.home.remove();
  });
  return session;
}
