import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ShomeiError } from '../../shared/errors';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import type { HttpTransport, WireRequest } from '../../electron/core/http/http-transport';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { startVerifyingServer, type VerifyingServer } from './verifying-server';

/** A transport that records what it was asked to send and never touches the network. */
export interface RecordingTransport extends HttpTransport {
  sent: WireRequest[];
}

/** Records sends and answers 200 with an empty body. */
export function recordingTransport(): RecordingTransport {
  const sent: WireRequest[] = [];
  return {
    sent,
    send(request) {
      sent.push(request);
      if (sent.length > 100_000) throw new ShomeiError('NETWORK_ERROR', 'too many sends');
      return Promise.resolve({
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'application/json']],
        body: Buffer.from('{}'),
        size: 2,
        headersSize: 30,
        isTruncated: false,
        sentHeaderBlock: undefined,
        timing: { startedAt: new Date().toISOString(), totalMs: 0 },
      });
    },
    close: () => Promise.resolve(),
  };
}

/** A core in a fresh temp data folder, for tests; `dispose()` removes the folder. */
export function createTestCore(
  options: Pick<CoreDeps, 'transport' | 'env' | 'secrets' | 'workingDirectory'> = {},
): { core: Core; dataDir: string; dispose(): Promise<void> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-core-'));
  // Body files a test writes live in its data folder: that is the working directory.
  const core = createCore({ host: 'test', version: '0.0.0-test', dataDir, workingDirectory: dataDir, ...options });
  return {
    core,
    dataDir,
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What `useVerifiedCore` hands a test file: read the fields inside tests, after the hooks ran. */
export interface VerifiedCore {
  /** A SigV4-verifying loopback server, one per file. */
  readonly target: VerifyingServer;
  /** A fresh core per test, with `keys` in its environment (`source: 'env'`) and secrets in memory. */
  readonly core: Core;
  /** The core's data folder, removed after each test. */
  readonly dataDir: string;
}

/**
 * Registers the hooks most integration files need: a verifying server that accepts `keys` for the
 * whole file (`routes` adds handlers to it), and for each test a core in a fresh data folder whose
 * environment holds those keys.
 */
export function useVerifiedCore(
  keys: { accessKeyId: string; secretAccessKey: string },
  routes?: (target: VerifyingServer) => void,
): VerifiedCore {
  let target: VerifyingServer | undefined;
  let test: ReturnType<typeof createTestCore> | undefined;
  beforeAll(async () => {
    target = await startVerifyingServer([keys]);
    routes?.(target);
  });
  afterAll(async () => {
    await target?.close();
  });
  beforeEach(() => {
    test = createTestCore({
      env: { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey },
      secrets: createMemorySecretValueStore(),
    });
  });
  afterEach(async () => {
    await test?.dispose();
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up by useVerifiedCore's hooks: read it inside a test`);
    return value;
  };
  return {
    get target() {
      return need(target, 'target');
    },
    get core() {
      return need(test, 'core').core;
    },
    get dataDir() {
      return need(test, 'dataDir').dataDir;
    },
  };
}

/**
 * A core over `dataDir` (opened again after `close()`, it reads what the last one wrote) whose
 * process environment holds `keys`, with secret values in memory; the caller closes it.
 */
export function openCoreWithEnvKeys(
  dataDir: string,
  keys: { accessKeyId: string; secretAccessKey: string },
  workingDirectory: string,
): Core {
  return createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir,
    workingDirectory,
    env: { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey },
    secrets: createMemorySecretValueStore(),
  });
}
