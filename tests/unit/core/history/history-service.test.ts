import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHistoryService } from '../../../../electron/core/history/history-service';
import type { SendRecord } from '../../../../electron/core/history/history-service';
import { RequestDraftSchema } from '../../../../shared/contract/collections';
import { makeTempDir, manualTimers, readAllFiles } from '../../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

const SECRET = 'super-secret-variable-value-123';
const TOKEN = 'FQoGZXIvYXdzEXAMPLESESSIONTOKEN';

/** A send as the draft sender records it: the resolved draft and the auth it resolved to. */
const sent = (url: string, method = 'GET'): Pick<SendRecord, 'request' | 'auth'> => ({
  request: RequestDraftSchema.parse({
    name: 'r',
    method,
    url,
    headers: [
      {
        name: 'Authorization',
        value: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, Signature=abc',
      },
      { name: 'X-Amz-Security-Token', value: TOKEN },
      { name: 'X-Custom', value: `Bearer ${SECRET}` },
    ],
    body: { kind: 'text', language: 'json', text: `{"key":"${SECRET}"}` },
  }),
  auth: {
    type: 'aws-sigv4',
    credentialSource: { source: 'profile', profileId: 'dev' },
    region: 'us-east-1',
    service: 'execute-api',
    isQuerySigned: false,
    isSessionTokenSigned: true,
    expiresInSeconds: 900,
  },
});

function open(retention?: number) {
  const history = createHistoryService({ dataDir: temp.dir, saveDelayMs: 0 });
  if (retention !== undefined) history.setRetention(retention);
  return history;
}

describe('history service', () => {
  it('reopens a send from a collection only while the collection is trusted, or, once it is gone, if it was then', () => {
    const collections = new Map<string, { name: string; isTrusted: boolean }>([
      ['trusted', { name: 'Mine', isTrusted: true }],
      ['imported', { name: 'Shared', isTrusted: false }],
    ]);
    const history = createHistoryService({
      dataDir: temp.dir,
      saveDelayMs: 0,
      collectionOf: (id) => collections.get(id),
    });
    const from = (collectionId: string, wasTrusted?: boolean) =>
      history.record({
        ...sent('https://api.test/x'),
        origin: { collectionId, requestId: 'r1', ...(wasTrusted === undefined ? {} : { wasTrusted }) },
      }).id;
    expect(history.reopen(from('trusted', true)).url).toBe('https://api.test/x');
    expect(() => history.reopen(from('imported', false))).toThrow(/"Shared", which was imported and is not trusted yet/);
    // Trusted since the send: the user has looked at it.
    expect(history.reopen(from('trusted', false)).url).toBe('https://api.test/x');
    // Gone: what it was when sent decides; not known (an older entry) is not trusted.
    expect(history.reopen(from('deleted', true)).url).toBe('https://api.test/x');
    expect(() => history.reopen(from('deleted', false))).toThrow(/not trusted and is gone now/);
    expect(() => history.reopen(from('deleted'))).toThrow(/not trusted and is gone now/);
    expect(history.reopen(history.record(sent('https://api.test/typed')).id).url).toBe('https://api.test/typed');
  });

  it('records sends newest first without secrets, and survives a reopen', () => {
    const history = open();
    history.record({
      ...sent(`https://api.test/a?X-Amz-Signature=deadbeef&X-Amz-Security-Token=${TOKEN}&q=${SECRET}`),
      secretValues: [SECRET],
      response: { status: 200, statusText: 'OK', durationMs: 12, sizeBytes: 5 },
    });
    history.record({
      ...sent('https://api.test/b', 'POST'),
      secretValues: [SECRET],
      error: { code: 'TIMEOUT', message: `timed out for ${SECRET}` },
    });
    const entries = open().list();
    expect(entries.map((e) => e.request.url)).toEqual([
      'https://api.test/b',
      'https://api.test/a?X-Amz-Signature=••••&X-Amz-Security-Token=••••&q=••••',
    ]);
    expect(entries[1]?.request.headers).toEqual([
      ['Authorization', '••••'],
      ['X-Amz-Security-Token', '••••'],
      ['X-Custom', 'Bearer ••••'],
    ]);
    expect(entries[0]?.error).toEqual({ code: 'TIMEOUT', message: 'timed out for ••••' });
    for (const file of readAllFiles(temp.dir)) {
      for (const secret of [SECRET, TOKEN, 'AKIDEXAMPLE'])
        expect(file.bytes.includes(secret), `${file.path} holds ${secret}`).toBe(false);
    }
  });

  it('searches, reopens as a draft, deletes and clears', () => {
    const history = open();
    const a = history.record({
      ...sent('https://api.test/orders?id=7'),
      response: { status: 404, statusText: 'Not Found', durationMs: 1, sizeBytes: 0 },
    });
    history.record({
      ...sent('https://api.test/users', 'POST'),
      response: { status: 201, statusText: 'Created', durationMs: 1, sizeBytes: 0 },
    });
    expect(history.list({ query: 'post users' }).map((e) => e.request.method)).toEqual(['POST']);
    expect(history.list({ query: '404' }).map((e) => e.id)).toEqual([a.id]);
    expect(history.list({ limit: 1 })).toHaveLength(1);
    const draft = history.reopen(a.id);
    expect(draft).toMatchObject({
      method: 'GET',
      url: 'https://api.test/orders',
      params: [{ name: 'id', value: '7', isEnabled: true }],
      headers: [{ name: 'X-Custom' }],
    });
    expect(draft.auth).toMatchObject({ type: 'aws-sigv4', credentialSource: { source: 'profile', profileId: 'dev' } });
    history.remove(a.id);
    expect(history.list()).toHaveLength(1);
    history.clear();
    expect(open().list()).toEqual([]);
  });

  it('keeps at most the retention limit, dropping the oldest', () => {
    const history = open(3);
    for (let i = 0; i < 5; i += 1) history.record(sent(`https://api.test/${i}`));
    expect(history.list().map((e) => e.request.url)).toEqual([
      'https://api.test/4',
      'https://api.test/3',
      'https://api.test/2',
    ]);
    history.setRetention(2);
    expect(open().list()).toHaveLength(2);
    expect(() => history.setRetention(0)).toThrow(/between/);
  });

  it('debounces its saves and flushes on demand', () => {
    const clock = manualTimers();
    const history = createHistoryService({ dataDir: temp.dir, saveDelayMs: 500, timers: clock.timers });
    history.record(sent('https://api.test/x'));
    expect(open().list()).toEqual([]);
    history.flush();
    expect(open().list()).toHaveLength(1);
  });

  it('cuts long text bodies to 64 KiB and says so', () => {
    const history = open();
    const big = sent('https://api.test/big', 'POST');
    big.request.body = { kind: 'text', language: 'raw', text: 'x'.repeat(200_000) };
    const entry = history.record(big);
    expect(entry.request.body.kind === 'text' && entry.request.body.text.length).toBe(65_536);
    expect(entry.request.isBodyTruncated).toBe(true);
  });
});
