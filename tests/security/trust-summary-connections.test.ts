import { describe, expect, it } from 'vitest';
import { useUserCore } from '../support/user-core';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0005', secretAccessKey: 'userSecret/1111111111111111111111111111' };
const session = useUserCore('shomei-trust-connections-', USER_KEYS);
const call = (channel: string, input: unknown) => session.call(channel, input);

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
            options: { isTlsVerified: false, caBundlePem: CA, proxyUrl: `${session.attacker.origin}/` },
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
          `the proxy ${session.attacker.origin}/ for sts.amazonaws.com`,
        ],
      },
    });
    expect(session.attacker.received).toHaveLength(0);
  });
});
