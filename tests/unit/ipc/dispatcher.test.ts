import { describe, expect, it, vi } from 'vitest';
import { ShomeiError } from '../../../shared/errors';
import { createDispatcher, type CallContext, type Handlers } from '../../../electron/ipc/dispatcher';
import { createHandlers } from '../../../electron/ipc/handlers';
import { stubHandlers } from '../../support/stub-handlers';
import { createTestCore, recordingTransport } from '../../support/test-core';

const context: CallContext = { emit: () => undefined };
const RESPONSE = {
  status: 200,
  statusText: 'OK',
  headers: [],
  body: { base64: '', size: 0, isTruncated: false },
  timing: { startedAt: new Date(0).toISOString(), totalMs: 1 },
  request: { method: 'GET', url: 'https://x/', headers: [], bodySize: 0 },
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    ...stubHandlers(),
    'app:info': () => ({ name: 'Shomei', version: '1.0.0', host: 'test' }),
    'request:send-draft': () => Promise.resolve(RESPONSE),
    'request:cancel': () => ({ wasCancelled: false }),
    ...overrides,
  };
}

describe('createDispatcher', () => {
  it('answers {ok, value} with the parsed output', async () => {
    await expect(createDispatcher(handlers()).dispatch('app:info', {}, context)).resolves.toEqual({
      ok: true,
      value: { name: 'Shomei', version: '1.0.0', host: 'test' },
    });
  });

  const draft = { name: 'r', method: 'GET', url: 'https://a/' };
  it.each([
    ['a number', 42],
    ['a missing field', { requestId: 'x' }],
    ['an extra field', { requestId: 'x', request: draft, extra: 1 }],
    ['a request id with a slash', { requestId: '../x', request: draft }],
    ['a method longer than a token', { requestId: 'x', request: { ...draft, method: 'G'.repeat(33) } }],
    ['a header row without a value', { requestId: 'x', request: { ...draft, headers: [{ name: 'X' }] } }],
    ['typed keys without a secret', { requestId: 'x', request: draft, credentials: { source: 'inline', accessKeyId: 'AKIAEXAMPLE' } }],
    ['an unknown body kind', { requestId: 'x', request: { ...draft, body: { kind: 'file:///etc/passwd' } } }],
    ['a prototype-pollution key', JSON.parse('{"requestId":"x","request":{"name":"r","method":"GET","url":"https://a/"},"__proto__":{"polluted":true}}')],
  ])('never lets malformed input (%s) reach a handler', async (_label, input) => {
    const send = vi.fn(() => Promise.resolve(RESPONSE));
    const result = await createDispatcher(handlers({ 'request:send-draft': send })).dispatch('request:send-draft', input, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(send).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A draft's URL, headers and method are free text until main resolves them (they may hold
  // `{{variables}}`); the real handlers refuse a line break or a non-http URL before anything is sent.
  it.each([
    ['a CR/LF header', { headers: [{ name: 'X', value: 'a\r\nInjected: 1', isEnabled: true }] }],
    ['a header name with a colon', { headers: [{ name: 'X:Y', value: 'a', isEnabled: true }] }],
    ['a URL with a line break', { url: 'https://a/\nb' }],
    ['a non-http URL', { url: 'file:///etc/passwd' }],
    ['a method with a space', { method: 'GET /x' }],
  ])('refuses a draft with %s through the real handlers, and nothing reaches the wire', async (_label, patch) => {
    const transport = recordingTransport();
    const test = createTestCore({ transport });
    try {
      const result = await createDispatcher(createHandlers(test.core)).dispatch(
        'request:send-draft',
        { requestId: 'x', request: { ...draft, ...patch } },
        context,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(transport.sent).toEqual([]);
    } finally {
      await test.dispose();
    }
  });

  it('refuses undeclared channels, prototype names included', async () => {
    const dispatcher = createDispatcher(handlers());
    for (const name of ['nope:nope', '__proto__', 'constructor', 'toString', 42]) {
      await expect(dispatcher.dispatch(name, {}, context)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('strips output fields the contract does not declare (a leaked secret cannot cross)', async () => {
    const leaky = { ...RESPONSE, secretAccessKey: 'SECRET', request: { ...RESPONSE.request, sessionToken: 'TOKEN' } };
    const result = await createDispatcher(handlers({ 'request:send-draft': () => Promise.resolve(leaky) })).dispatch(
      'request:send-draft',
      { requestId: 'a', request: { name: 'r', method: 'GET', url: 'https://a/' } },
      context,
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/SECRET|TOKEN/);
  });

  it('turns a ShomeiError into {ok:false} with its code, and any other throw into INTERNAL without details', async () => {
    const onInternal = vi.fn();
    const failing = createDispatcher(
      handlers({
        'app:info': () => {
          throw new ShomeiError('CREDENTIALS_EXPIRED', 'expired at noon');
        },
        'request:cancel': () => {
          throw new Error('secret internals');
        },
      }),
      onInternal,
    );
    await expect(failing.dispatch('app:info', {}, context)).resolves.toEqual({ ok: false, error: { code: 'CREDENTIALS_EXPIRED', message: 'expired at noon' } });
    const internal = await failing.dispatch('request:cancel', { requestId: 'a' }, context);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret internals');
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('reports an output that breaks its schema as INTERNAL', async () => {
    const broken = createDispatcher(handlers({ 'request:cancel': () => ({ wasCancelled: 'yes' }) as never }));
    await expect(broken.dispatch('request:cancel', { requestId: 'a' }, context)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
