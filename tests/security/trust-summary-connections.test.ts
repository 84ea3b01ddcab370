import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { makeTempDir } from '../support/temp-dir';
import { startAttacker, type Attacker } from '../support/attacker-server';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0005', secretAccessKey: 'userSecret/1111111111111111111111111111' };

const context: CallContext = { emit: () => undefined };
type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
let attacker: Attacker;
let home: ReturnType<typeof makeTempDir>;
let core: Core;
let call: (channel: string, input: unknown) => Promise<Answer>;

beforeAll(async () => {
  attacker = await startAttacker();
});
afterAll(async () => {
  await attacker.close();
});
beforeEach(() => {
  home = makeTempDir('shomei-trust-connections-');
  core = createCore({
    host: 'test',
    version: '0.0.0-test',
    dataDir: join(home.dir, 'data'),
    workingDirectory: home.dir,
    env: { AWS_ACCESS_KEY_ID: USER_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: USER_KEYS.secretAccessKey },
    secrets: createMemorySecretValueStore(),
  });
  const dispatcher = createDispatcher(createHandlers(core));
  call = (channel, input) => dispatcher.dispatch(channel, input, context) as Promise<Answer>;
  attacker.received.length = 0;
});
afterEach(async () => {
  await core.close();
  home.remove();
});

const CA = '-----BEGIN CERTIFICATE-----\nMIIBATTACKERCA\n-----END CERTIFICATE-----\n';

// Not covered elsewhere: the banner the user reads before trusting lists hosts, files, credential
// sources, connect-to and Host headers, but not a request's own send options that weaken the
// connection a signature travels on. A file could turn certificate checks off (or add its own
// certificate authority, or a proxy) for the STS call it signs, and the review said nothing of it.
describe('what trusting an imported collection allows', () => {
  it('names certificate checks turned off, certificate authorities of its own and a proxy, with their hosts', async () => {
    const file = JSON.stringify({
      format: 'shomei.collection',
      formatVersion: 1,
      collection: {
        id: 'quiet',
        name: 'Quiet',
        items: [
          {
            kind: 'request',
            id: 'who',
            name: 'Who am I',
            method: 'GET',
            url: 'https://sts.amazonaws.com/',
            options: { isTlsVerified: false, caBundlePem: CA, proxyUrl: `${attacker.origin}/` },
            auth: {
              type: 'aws-sigv4',
              credentialSource: { source: 'default-chain' },
              region: 'us-east-1',
              service: 'sts',
              isQuerySigned: false,
              expiresInSeconds: 900,
            },
          },
        ],
      },
    });
    const imported = await call('import:run', { text: file });
    const collectionId = (imported.value as { collectionId: string }).collectionId;
    expect(await call('trust:summary', { collectionId })).toMatchObject({
      ok: true,
      value: {
        isTrusted: false,
        connections: [
          'certificate authorities of its own for sts.amazonaws.com',
          'certificate checks off for sts.amazonaws.com',
          `the proxy ${attacker.origin}/ for sts.amazonaws.com`,
        ],
      },
    });
    expect(attacker.received).toHaveLength(0);
  });
});
