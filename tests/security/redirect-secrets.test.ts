import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { createTestCore } from '../support/test-core';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAREDIRECTSECRET01', secretAccessKey: 'redirectSecret/000000000000000000000000' };
const API_KEY = 'secret-api-key-value-0123456789';
const SESSION = 'secret-session-cookie-9876543210';

let home: VerifyingServer;
let other: VerifyingServer;

beforeAll(async () => {
  home = await startVerifyingServer([KEYS]);
  other = await startVerifyingServer([KEYS]);
  home.routes.set('/cross', (_req, res) => {
    // https→http or another host: the same rule, a different origin.
    res.writeHead(302, { location: `${other.origin}/landed` }).end();
  });
});
afterAll(async () => {
  await home.close();
  await other.close();
});

describe('a cross-origin redirect', () => {
  it('drops Authorization, Proxy-Authorization, Cookie, X-Amz-* and every header filled from a secret variable; the window sees no secret value', async () => {
    const test = createTestCore({ secrets: createMemorySecretValueStore() });
    try {
      const { core } = test;
      const env = await core.environments.create({
        name: 'prod',
        variables: [
          { name: 'apiKey', value: API_KEY, isSecret: true },
          { name: 'sid', value: SESSION, isSecret: true },
        ],
      });
      core.environments.setActive(env.id);
      const request = RequestDraftSchema.parse({
        name: 'Redirected',
        method: 'GET',
        url: `${home.origin}/cross`,
        params: [],
        body: { kind: 'none' as const },
        headers: [
          { name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true },
          { name: 'X-Trace', value: 'id-{{sid}}', isEnabled: true },
          { name: 'Cookie', value: 'theme=dark', isEnabled: true },
          { name: 'Proxy-Authorization', value: 'Basic dXNlcjpwYXNz', isEnabled: true },
          { name: 'X-Keep', value: 'yes', isEnabled: true },
        ],
        auth: {
          type: 'aws-sigv4' as const,
          credentialSource: { source: 'inherit' as const },
          region: 'us-east-1',
          service: 'execute-api',
        },
      });
      const credentials = { source: 'inline' as const, ...KEYS };
      const response = await core.drafts.send({ requestId: 'redirect', request, credentials });
      const landed = other.received.at(-1);
      expect(landed?.target).toBe('/landed');
      const names = landed?.rawHeaders.map(([name]) => name.toLowerCase()) ?? [];
      for (const dropped of ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-trace'])
        expect(names).not.toContain(dropped);
      expect(names.filter((name) => name.startsWith('x-amz-'))).toEqual([]);
      expect(names).toContain('x-keep');
      expect(JSON.stringify(landed?.rawHeaders)).not.toMatch(new RegExp(`${API_KEY}|${SESSION}`));
      // The first hop carried them (same origin as the URL the user chose).
      expect(home.received.at(-1)?.rawHeaders).toContainEqual(['X-Api-Key', API_KEY]);
      // What the window gets back (sent-request view, timeline, signature) holds neither value.
      expect(JSON.stringify(response)).not.toContain(API_KEY);
      expect(JSON.stringify(response)).not.toContain(SESSION);
      const inspected = await core.drafts.inspect({ request, credentials });
      expect(JSON.stringify(inspected)).not.toContain(API_KEY);
      expect(JSON.stringify(inspected)).not.toContain(SESSION);
    } finally {
      await test.dispose();
    }
  });
});
