import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher, type Dispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { makeTempDir, readAllFiles } from '../support/temp-dir';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

// What the window does when the user saves a request that signs with typed keys and keeps them
// (renderer/features/collections/KeepKeysDialog.tsx), then restarts Shomei and sends it again:
// the same calls over the same dispatcher, on one data folder, across two cores.

const KEYS = { accessKeyId: 'AKIAKEEPIDINTEGRATE1', secretAccessKey: 'keepIdentityIntegration/000000000000000' };
const PASSPHRASE = 'integration vault passphrase';

let target: VerifyingServer;
let temp: ReturnType<typeof makeTempDir>;
const cores: Core[] = [];
beforeAll(async () => {
  target = await startVerifyingServer([KEYS]);
});
afterAll(async () => {
  await target.close();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temp.remove();
});

function start(dataDir: string): Dispatcher {
  // Browser mode's host: the passphrase vault, no default credential chain.
  const core = createCore({ host: 'browser', version: 'test', dataDir, env: {} });
  cores.push(core);
  return createDispatcher(createHandlers(core));
}

async function call(dispatcher: Dispatcher, channel: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await dispatcher.dispatch(channel, input, { emit: () => undefined });
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

describe('a saved request keeps its identity across a restart', () => {
  it('kept as a profile, it is reopened after a restart and signs with the same keys', async () => {
    temp = makeTempDir('shomei-keep-identity-');
    const first = start(temp.dir);
    await call(first, 'vault:unlock', { passphrase: PASSPHRASE });
    const profile = await call(first, 'credentials:save', { name: 'Who am I keys', keys: KEYS });
    const collection = await call(first, 'collections:create-collection', { name: 'Identity' });
    const saved = await call(first, 'collections:save-request', {
      placement: { collectionId: collection.id },
      request: {
        name: 'Who am I',
        method: 'GET',
        url: `${target.origin}/prod/identity`,
        auth: { type: 'aws-sigv4', credentialSource: { source: 'profile', profileId: profile.id }, region: 'us-east-1', service: 'execute-api' },
      },
    });
    await cores[0]?.close();
    cores.splice(0);
    for (const file of readAllFiles(temp.dir)) expect(file.bytes.includes(Buffer.from(KEYS.secretAccessKey)), file.path).toBe(false);

    const second = start(temp.dir);
    await call(second, 'vault:unlock', { passphrase: PASSPHRASE });
    const reopened = (await call(second, 'collections:get-request', { id: saved.id })).request as Record<string, unknown>;
    const { kind: _kind, id: _id, ...request } = reopened;
    const before = target.received.length;
    const response = await call(second, 'request:send-draft', { requestId: 'after-restart', request, savedRequestId: saved.id });
    expect(response.status).toBe(200);
    const received = target.received.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.verdict.reason).toBe('verified');
    expect(received[0]?.rawHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1]).toContain(`Credential=${KEYS.accessKeyId}/`);
  }, 60_000);
});
