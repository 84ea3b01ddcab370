import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelName } from '../../shared/contract/channels';
import { createDispatcher, type CallContext, type Handlers } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createTestCore, recordingTransport } from '../support/test-core';

/** Inputs tried per channel; the issue asks for 1,000. */
const RUNS = 1_000;
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '\r\n', 'a\r\nInjected: 1', 'x\nHost: evil', '\u0000', '../../etc/passwd', 'file:///etc/passwd', 'javascript:alert(1)', 'http://[::1', 'https://', '{{unclosed', '%', '%zz'),
  fc.constantFrom(...HOSTILE_KEYS),
  fc.integer({ min: 60_000, max: 300_000 }).map((n) => 'A'.repeat(n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS)), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function deeplyNested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { request: value, requestId: value };
  return value;
}

/** Known-good inputs, mutated to reach deeper validation paths. */
const EXAMPLES: Partial<Record<ChannelName, unknown>> = {
  'app:info': {},
  'request:send-draft': {
    requestId: 'r1',
    request: {
      name: 'fuzzed',
      method: 'POST',
      url: 'http://127.0.0.1:9/x',
      params: [{ name: 'a', value: '1', isEnabled: true }],
      headers: [{ name: 'X-A', value: 'b', isEnabled: true }],
      body: { kind: 'text', language: 'json', text: '{}', contentType: 'application/json' },
      auth: { type: 'aws-sigv4', credentialSource: { source: 'inherit' }, region: 'us-east-1', service: 'execute-api' },
    },
    credentials: { source: 'inline', accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 's' },
    usesTypedKeys: true,
  },
  'request:cancel': { requestId: 'r1' },
};

/** Replaces one leaf of `value` (picked by `path`) with `replacement`. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[(path[0] as number) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  copy[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

const stats = { tried: 0, rejected: 0, reachedHandler: 0 };
const testCore = createTestCore({ transport: recordingTransport() });
const context: CallContext = { emit: () => undefined };

/** Real handlers, wrapped so any call with input that breaks its schema fails the test. */
function guardedHandlers(): Handlers {
  const real = createHandlers(testCore.core) as Record<string, (input: unknown, ctx: CallContext) => unknown>;
  const guarded: Record<string, (input: unknown, ctx: CallContext) => unknown> = {};
  for (const [name, handler] of Object.entries(real)) {
    guarded[name] = (input, ctx) => {
      stats.reachedHandler += 1;
      const schema = channels[name as ChannelName].input;
      if (!schema.safeParse(input).success) throw new Error(`handler ${name} saw invalid input`);
      return handler(input, ctx);
    };
  }
  return guarded as unknown as Handlers;
}

let dispatcher: ReturnType<typeof createDispatcher>;
const internalErrors: string[] = [];

beforeAll(() => {
  dispatcher = createDispatcher(guardedHandlers(), (channel, error) => internalErrors.push(`${channel}: ${String(error)}`));
});
afterAll(async () => {
  await testCore.dispose();
  console.log(`IPC fuzzing: ${stats.tried} inputs tried, ${stats.rejected} rejected as INVALID_INPUT, ${stats.reachedHandler} valid ones handled, 0 crashes`);
});

describe.each(Object.keys(channels) as ChannelName[])('fuzzing %s', (channel) => {
  it(`answers ${RUNS} malformed inputs with INVALID_INPUT or a clean domain error`, async () => {
    const example = EXAMPLES[channel];
    const inputs = fc.oneof(
      hostileValue,
      fc.constant(deeplyNested(2_000)),
      example === undefined ? hostileValue : fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), hostileValue).map(([path, replacement]) => mutate(example, path, replacement)),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        stats.tried += 1;
        const result = await dispatcher.dispatch(channel, input, context);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.error.code).not.toBe('INTERNAL');
          expect(result.error.message.length).toBeLessThan(2_000);
          if (result.error.code === 'INVALID_INPUT') stats.rejected += 1;
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(internalErrors).toEqual([]);
  });
});

describe('prototype pollution', () => {
  it('a __proto__ payload in any input pollutes nothing', async () => {
    for (const channel of Object.keys(channels)) {
      await dispatcher.dispatch(channel, JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'), context);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
