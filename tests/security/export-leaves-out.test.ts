import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createMemorySecretValueStore } from '../../electron/core/variables/secret-value-store';
import { createTestCore } from '../support/test-core';

// An export is handed to someone else: it must hold no secret value and no key, and say what it left out.
const SECRET_VALUE = 'exported-secret-value-0123456789';
const KEYS = { accessKeyId: 'AKIAEXPORTNEVER00001', secretAccessKey: 'exportNever/000000000000000000000000000' };

describe('an export', () => {
  it('holds no secret variable value and no key, and its notes name what was left out (values, local files, trust)', async () => {
    const test = createTestCore({
      secrets: createMemorySecretValueStore(),
      env: { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
    });
    try {
      const { core } = test;
      const call = (channel: string, input: unknown) =>
        createDispatcher(createHandlers(core)).dispatch(channel, input, { emit: () => undefined } satisfies CallContext) as Promise<{
          ok: boolean;
          value?: unknown;
        }>;
      const profile = await core.credentials.save({ name: 'team', keys: KEYS });
      const collection = core.collections.createCollection({
        name: 'Shared',
        settings: {
          auth: { type: 'aws-sigv4', credentialSource: { source: 'profile', profileId: profile.id }, region: 'us-east-1', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 },
        },
      });
      await core.collections.updateSettings({
        id: collection.id,
        settings: { variables: [{ id: 'v-api', name: 'apiKey', value: SECRET_VALUE, isSecret: true, isEnabled: true }] },
      });
      const saved = await call('collections:save-request', {
        placement: { collectionId: collection.id },
        request: {
          name: 'Upload',
          method: 'PUT',
          url: 'https://api.example.com/upload',
          headers: [{ name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true }],
          body: { kind: 'binary', filePath: `${test.dataDir}/payload.bin` },
          auth: { type: 'inherit' },
          options: { connectTo: '127.0.0.1:8443' },
        },
      });
      expect(saved.ok).toBe(true);

      for (const format of ['shomei', 'postman'] as const) {
        const exported = await call('collections:export', { id: collection.id, format });
        expect(exported.ok).toBe(true);
        const { text, notes } = exported.value as { text: string; notes: Array<{ message: string }> };
        for (const secret of [SECRET_VALUE, KEYS.secretAccessKey, KEYS.accessKeyId]) expect(text, format).not.toContain(secret);
        expect(text).toContain('{{apiKey}}');
        const said = notes.map((n) => n.message).join('\n');
        expect(said, format).toContain('Secret variable {{apiKey}} is exported without a value');
        expect(said, format).toContain(`The local file ${test.dataDir}/payload.bin is not in the export`);
        expect(said, format).toMatch(/Trust is not exported: .*read local files, sign with their credentials, use connect-to addresses/);
        expect(said, format).toContain(`Set up the Shomei credential profile "${profile.id}"`);
        expect(said, format).toContain(`The credential profile "team" is referenced by its id ${profile.id} only; its keys are not exported`);
      }
    } finally {
      await test.dispose();
    }
  });
});
