import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../../../shared/contract/collections';
import { createMemorySecretValueStore } from '../../../../electron/core/variables/secret-value-store';
import { createTestCore, recordingTransport, type RecordingTransport } from '../../../support/test-core';

const KEYS = { accessKeyId: 'AKIADRAFTSENDER00001', secretAccessKey: 'draftSenderSecret/000000000000000000000' };
const SECRET = 'secret-variable-value-draft-sender-42';

let transport: RecordingTransport;
let test: ReturnType<typeof createTestCore>;
beforeEach(() => {
  transport = recordingTransport();
  test = createTestCore({ transport, secrets: createMemorySecretValueStore() });
});
afterEach(async () => {
  await test.dispose();
});

const draft = (url: string, extra: Record<string, unknown> = {}) =>
  RequestDraftSchema.parse({ name: 'r', method: 'POST', url, ...extra });
const signed = {
  auth: {
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: 'us-east-1',
    service: 'execute-api',
    isQuerySigned: false,
  },
};

describe('draft sender', () => {
  it('substitutes a secret variable on the wire but keeps it out of history', async () => {
    const env = await test.core.environments.create({
      name: 'dev',
      variables: [{ name: 'token', value: SECRET, isEnabled: true, isSecret: true }],
    });
    test.core.environments.setActive(env.id);
    await test.core.drafts.send({
      requestId: 'a',
      request: draft('https://api.example.com/items', { headers: [{ name: 'X-Token', value: '{{token}}' }] }),
    });
    expect(transport.sent[0]?.headers).toContainEqual(['X-Token', SECRET]);
    const history = JSON.stringify(test.core.history.list());
    expect(history).toContain('api.example.com/items');
    expect(history).not.toContain(SECRET);
  });

  it('stops an unresolved variable before anything is sent, naming where it is', async () => {
    await expect(
      test.core.drafts.send({ requestId: 'b', request: draft('https://{{host}}/items') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('host') });
    expect(transport.sent).toHaveLength(0);
  });

  it('never falls back to another source when the Auth tab says typed keys and they are empty', async () => {
    await expect(
      test.core.drafts.send({
        requestId: 'c',
        request: draft('https://api.example.com/', signed),
        usesTypedKeys: true,
      }),
    ).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING' });
    expect(transport.sent).toHaveLength(0);
  });

  it('signs with typed keys for this send only and leaves no secret key in history', async () => {
    const response = await test.core.drafts.send({
      requestId: 'd',
      request: draft('https://api.example.com/', signed),
      credentials: { source: 'inline', ...KEYS },
      usesTypedKeys: true,
    });
    expect(response.signing?.signedHeaders).toContain('host');
    expect(transport.sent[0]?.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1]).toContain(
      KEYS.accessKeyId,
    );
    expect(JSON.stringify(test.core.history.list())).not.toContain(KEYS.secretAccessKey);
  });
});
