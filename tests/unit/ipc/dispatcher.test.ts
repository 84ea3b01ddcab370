import { describe, expect, it, vi } from 'vitest';
import { ShomeiError } from '../../../shared/errors';
import { createDispatcher, type CallContext, type Handlers } from '../../../electron/ipc/dispatcher';
import { stubHandlers } from '../../support/stub-handlers';

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
    'request:send': () => Promise.resolve(RESPONSE),
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

  it.each([
    ['a number', 42],
    ['a missing field', { requestId: 'x' }],
    ['an extra field', { requestId: 'x', request: { method: 'GET', url: 'https://a/' }, extra: 1 }],
    ['a CR/LF header', { requestId: 'x', request: { method: 'GET', url: 'https://a/', headers: [{ name: 'X', value: 'a\r\nInjected: 1' }] } }],
    ['a header name with a colon', { requestId: 'x', request: { method: 'GET', url: 'https://a/', headers: [{ name: 'X:Y', value: 'a' }] } }],
    ['a URL with a line break', { requestId: 'x', request: { method: 'GET', url: 'https://a/\nb' } }],
    ['a non-http URL', { requestId: 'x', request: { method: 'GET', url: 'file:///etc/passwd' } }],
    ['a method with a space', { requestId: 'x', request: { method: 'GET /x', url: 'https://a/' } }],
    ['a prototype-pollution key', JSON.parse('{"requestId":"x","request":{"method":"GET","url":"https://a/"},"__proto__":{"polluted":true}}')],
  ])('never lets malformed input (%s) reach a handler', async (_label, input) => {
    const send = vi.fn(() => Promise.resolve(RESPONSE));
    const result = await createDispatcher(handlers({ 'request:send': send })).dispatch('request:send', input, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(send).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses undeclared channels, prototype names included', async () => {
    const dispatcher = createDispatcher(handlers());
    for (const name of ['nope:nope', '__proto__', 'constructor', 'toString', 42]) {
      await expect(dispatcher.dispatch(name, {}, context)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('strips output fields the contract does not declare (a leaked secret cannot cross)', async () => {
    const leaky = { ...RESPONSE, secretAccessKey: 'SECRET', request: { ...RESPONSE.request, sessionToken: 'TOKEN' } };
    const result = await createDispatcher(handlers({ 'request:send': () => Promise.resolve(leaky) })).dispatch(
      'request:send',
      { requestId: 'a', request: { method: 'GET', url: 'https://a/' } },
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
