import { describe, expect, it } from 'vitest';
import { events, channels } from '../../../shared/contract/channels';
import {
  explainCloseCode,
  explainHandshakeStatus,
  messageProblem,
  prettyJson,
} from '../../../shared/websocket/messages';

describe('WebSocket message encoding', () => {
  it('text is always sendable; JSON must parse and is refused with the parser’s reason', () => {
    expect(messageProblem({ format: 'text', text: '{not json' })).toBeUndefined();
    expect(messageProblem({ format: 'json', text: '{"action":"sendmessage","data":1}' })).toBeUndefined();
    expect(messageProblem({ format: 'json', text: '{"action":' })).toMatch(
      /^Not sent: the message is not valid JSON \(.+\)/,
    );
    expect(messageProblem({ format: 'json', text: '' })).toMatch(/not valid JSON/);
  });

  it('binary is whole base64 (padded) or pairs of hex digits; whitespace between is allowed', () => {
    expect(messageProblem({ format: 'binary', text: 'SGk=' })).toBeUndefined();
    expect(messageProblem({ format: 'binary', text: 'SGVs\nbG8=' })).toBeUndefined();
    expect(messageProblem({ format: 'binary', text: 'SGk' })).toMatch(/base64/);
    expect(messageProblem({ format: 'binary', text: 'SG!=' })).toMatch(/base64/);
    expect(messageProblem({ format: 'binary', text: '48 69 ff', binaryEncoding: 'hex' })).toBeUndefined();
    expect(messageProblem({ format: 'binary', text: '486', binaryEncoding: 'hex' })).toMatch(/hex/);
    expect(messageProblem({ format: 'binary', text: 'zz', binaryEncoding: 'hex' })).toMatch(/hex/);
  });

  it('pretty-prints JSON objects and arrays only', () => {
    expect(prettyJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('42')).toBeUndefined();
    expect(prettyJson('{broken')).toBeUndefined();
    expect(prettyJson('hello')).toBeUndefined();
  });

  it('explains close codes and handshake statuses', () => {
    expect(explainCloseCode(1000)).toMatch(/Normal closure/);
    expect(explainCloseCode(1001)).toMatch(/Going away.*410 GoneException/);
    expect(explainCloseCode(1006)).toMatch(/Abnormal closure/);
    expect(explainCloseCode(1008)).toMatch(/Policy violation/);
    expect(explainCloseCode(1011)).toMatch(/Internal error/);
    expect(explainCloseCode(4001)).toMatch(/Application code 4001/);
    expect(explainHandshakeStatus(403)).toMatch(/signature or authorization problem/);
    expect(explainHandshakeStatus(410)).toMatch(/GoneException/);
    expect(explainHandshakeStatus(200)).toMatch(/did not switch to WebSocket/);
  });
});

describe('the websocket contract', () => {
  it('declares connect, send and disconnect, and the event', () => {
    expect(Object.keys(channels)).toEqual(
      expect.arrayContaining(['websocket:connect', 'websocket:send', 'websocket:disconnect']),
    );
    expect(Object.keys(events)).toContain('websocket:event');
  });

  it('an event loses any field it does not declare (a secret that slipped in cannot cross)', () => {
    const parsed = events['websocket:event'].parse({
      connectionId: 'c1',
      seq: 0,
      at: '2026-01-01T00:00:00.000Z',
      kind: 'message',
      direction: 'received',
      size: 2,
      text: 'hi',
      secretAccessKey: 'leaked',
    });
    expect(parsed).not.toHaveProperty('secretAccessKey');
  });

  it('refuses a message without a format, an unknown binary encoding, and a close code outside 1000-4999', () => {
    const send = channels['websocket:send'].input;
    expect(send.safeParse({ connectionId: 'c1', message: { text: 'x' } }).success).toBe(false);
    expect(
      send.safeParse({ connectionId: 'c1', message: { format: 'binary', text: 'x', binaryEncoding: 'utf7' } }).success,
    ).toBe(false);
    expect(channels['websocket:disconnect'].input.safeParse({ connectionId: 'c1', code: 999 }).success).toBe(false);
    expect(channels['websocket:connect'].input.safeParse({ connectionId: '../x', request: {} }).success).toBe(false);
  });
});
