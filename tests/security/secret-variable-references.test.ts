import { describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../shared/contract/collections';
import { createDispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { useVerifiedCore } from '../support/test-core';

// The sent-request view, the timeline, the inspector and history show which secret went where as
// `{{name}}`, never the value — even a secret too short for the plain redactor to look for.
const KEYS = { accessKeyId: 'AKIASECRETREFERENCE1', secretAccessKey: 'secretReference/0000000000000000000000' };
const LONG = 'long-secret-variable-value-0123456789';
const SHORT = 'pin42';

const session = useVerifiedCore(KEYS);

describe('secret variables in what the window is shown', () => {
  it('answers of send, inspect and history name {{apiKey}} and {{pin}} where their values went, and hold neither value', async () => {
    const { core, target } = session;
    const env = await core.environments.create({
      name: 'prod',
      variables: [
        { name: 'apiKey', value: LONG, isSecret: true },
        { name: 'pin', value: SHORT, isSecret: true },
        { name: 'region', value: 'us-east-1', isSecret: false },
      ],
    });
    core.environments.setActive(env.id);
    const request = RequestDraftSchema.parse({
      name: 'Refs',
      method: 'POST',
      url: `${target.origin}/prod/refs?pin={{pin}}`,
      headers: [
        { name: 'X-Api-Key', value: '{{apiKey}}', isEnabled: true },
        { name: 'X-Pin', value: 'code {{pin}}', isEnabled: true },
      ],
      body: { kind: 'text', language: 'json', text: '{"key":"{{apiKey}}"}' },
      auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: '{{region}}', service: 'execute-api', isQuerySigned: false, expiresInSeconds: 900 },
    });
    const context: CallContext = { emit: () => undefined };
    const dispatcher = createDispatcher(createHandlers(core));
    const sent = await dispatcher.dispatch('request:send-draft', { requestId: 'refs', request }, context);
    const inspected = await dispatcher.dispatch('request:inspect-draft', { request }, context);
    const history = await dispatcher.dispatch('history:list', {}, context);
    expect(sent).toMatchObject({ ok: true, value: { status: 200 } });
    // The server got the values: they were signed and sent.
    const received = target.received.at(-1);
    expect(received?.verdict.reason).toBe('verified');
    expect(received?.rawHeaders).toContainEqual(['X-Api-Key', LONG]);
    expect(received?.target).toBe(`/prod/refs?pin=${SHORT}`);

    const view = (sent as { value: { request: { url: string; headers: Array<[string, string]> } } }).value.request;
    expect(view.headers).toContainEqual(['X-Api-Key', '{{apiKey}}']);
    expect(view.headers).toContainEqual(['X-Pin', 'code {{pin}}']);
    expect(view.url).toContain('pin={{pin}}');
    expect(JSON.stringify(inspected)).toContain('{{apiKey}}');
    expect(JSON.stringify(history)).toContain('{{apiKey}}');
    // Non-secret values are shown as sent.
    expect(JSON.stringify(sent)).toContain('us-east-1');
    for (const answer of [sent, inspected, history]) {
      const text = JSON.stringify(answer);
      for (const secret of [LONG, encodeURIComponent(LONG), SHORT]) expect(text).not.toContain(secret);
    }
  });
});
