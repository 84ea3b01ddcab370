import { describe, expect, it } from 'vitest';
import { useUserCore } from '../support/user-core';

// The user's identity, found by the default chain on this machine.
const USER_KEYS = { accessKeyId: 'AKIAUSERIDENTITY0006', secretAccessKey: 'userSecret/6666666666666666666666666666' };
const session = useUserCore('shomei-untrusted-env-ct-', USER_KEYS);
const call = (channel: string, input: unknown) => session.call(channel, input);

// Not covered elsewhere: untrusted-environment.test.ts checks the URL, headers and auth an
// imported environment may not fill, and that it may fill a body's text. A text body's
// Content-Type is filled from variables too and goes out as a header of the signed request, but
// was read as part of the body: the shared environment chose a header the user signed.
describe("an imported environment, until the user trusts it, and a text body's Content-Type", () => {
  it('fills no Content-Type of a signed request; the body text it may still fill', async () => {
    const text = JSON.stringify({
      name: 'Shared',
      _postman_variable_scope: 'environment',
      values: [
        { key: 'ct', value: 'application/x-amz-json-1.1', enabled: true },
        { key: 'note', value: 'hello', enabled: true },
      ],
    });
    expect(await call('import:run', { text })).toMatchObject({ ok: true });
    const environment = session.core.environments.list().find((e) => e.name === 'Shared');
    await call('environments:set-active', { id: environment?.id });
    const request = (contentType: string | undefined) => ({
      name: 'Put',
      method: 'POST',
      url: `${session.attacker.origin}/items`,
      auth: {
        type: 'aws-sigv4',
        credentialSource: { source: 'env' },
        region: 'us-east-1',
        service: 'execute-api',
        isQuerySigned: false,
        expiresInSeconds: 900,
      },
      body: { kind: 'text', language: 'json', text: '{"note":"{{note}}"}', ...(contentType ? { contentType } : {}) },
    });
    const refused = await call('request:send-draft', { requestId: 'r-1', request: request('{{ct}}') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNTRUSTED' } });
    expect(refused.error?.message).toContain('{{ct}} (the Content-Type)');
    expect(session.attacker.received).toHaveLength(0);
    expect(await call('request:send-draft', { requestId: 'r-2', request: request(undefined) })).toMatchObject({
      ok: true,
      value: { status: 200 },
    });
    expect(session.attacker.received).toHaveLength(1);
  });
});
