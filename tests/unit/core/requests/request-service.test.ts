import { describe, expect, it } from 'vitest';
import { planRequestSpec } from '../../../../electron/core/requests/planned-request';
import type { HttpTransport, WireRequest, WireResponse } from '../../../../electron/core/http/http-transport';
import { createRequestService } from '../../../../electron/core/requests/request-service';
import { resolveInlineCredentials } from '../../../../electron/core/requests/resolved-credentials';

const KEYS = {
  accessKeyId: 'AKIAUNITREQUEST00001',
  secretAccessKey: 'unitRequestSecret/0000000000000000000000',
  sessionToken: 'unit-session-token-0123456789',
};

/** Answers each send with the next scripted status and headers; records what it was asked to send. */
function scriptedTransport(answers: Array<{ status: number; headers?: Array<[string, string]> }>) {
  const sent: WireRequest[] = [];
  const transport: HttpTransport = {
    send(request) {
      sent.push(request);
      const answer = answers[sent.length - 1] ?? { status: 200 };
      const response: WireResponse = {
        status: answer.status,
        statusText: '',
        headers: answer.headers ?? [],
        body: Buffer.from(''),
        size: 0,
        headersSize: 0,
        isTruncated: false,
        sentHeaderBlock: undefined,
        timing: { startedAt: new Date().toISOString(), totalMs: 0 },
      };
      return Promise.resolve(response);
    },
    close: () => Promise.resolve(),
  };
  return { transport, sent };
}

const spec = (url: string) =>
  planRequestSpec({
    method: 'GET',
    url,
    headers: [{ name: 'X-Amz-Meta-Own', value: 'mine', isEnabled: true }],
    auth: {
      type: 'aws-sigv4',
      credentials: { source: 'inline', ...KEYS },
      region: 'us-east-1',
      service: 'execute-api',
      isQuerySigned: false,
      expiresInSeconds: 900,
    },
  });

const header = (request: WireRequest | undefined, name: string) =>
  request?.headers.find(([n]) => n.toLowerCase() === name)?.[1];

describe('request service', () => {
  it('signs a same-origin redirect again and sends a cross-origin one without any credential', async () => {
    const { transport, sent } = scriptedTransport([
      { status: 307, headers: [['location', '/next']] },
      { status: 302, headers: [['location', 'https://elsewhere.example.org/landing']] },
      { status: 200 },
    ]);
    const service = createRequestService({
      transport,
      resolveCredentials: resolveInlineCredentials,
      now: () => new Date(),
    });
    const response = await service.send('r1', spec('https://api.example.com/start'));
    expect(response.status).toBe(200);
    expect(sent.map((request) => request.url)).toEqual([
      'https://api.example.com/start',
      'https://api.example.com/next',
      'https://elsewhere.example.org/landing',
    ]);
    const [first, second, third] = sent;
    expect(header(first, 'authorization')).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(header(second, 'authorization')).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(header(second, 'authorization')).not.toBe(header(first, 'authorization'));
    // The attacker's origin: no signature, no token, not even the user's own x-amz-* header.
    expect(third?.headers.map(([name]) => name.toLowerCase())).not.toEqual(expect.arrayContaining(['authorization']));
    expect(JSON.stringify(third)).not.toContain(KEYS.sessionToken);
    expect(header(third, 'x-amz-meta-own')).toBeUndefined();
    // The summary never carries the session token.
    expect(JSON.stringify(response)).not.toContain(KEYS.sessionToken);
  });

  it('refuses expired credentials before anything is sent', async () => {
    const { transport, sent } = scriptedTransport([]);
    const service = createRequestService({
      transport,
      resolveCredentials: async (source) => ({
        ...(await resolveInlineCredentials(source)),
        expiration: new Date('2020-01-01T00:00:00Z'),
      }),
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    await expect(service.send('r2', spec('https://api.example.com/'))).rejects.toMatchObject({
      code: 'CREDENTIALS_EXPIRED',
    });
    expect(sent).toHaveLength(0);
  });

  it('refuses a second send under an id that is still in flight, and cancels it', async () => {
    let release: (() => void) | undefined;
    const transport: HttpTransport = {
      send: (_request, options) =>
        new Promise((_resolve, reject) => {
          release = () => reject(new Error('released'));
          options.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('aborted'), { code: 'CANCELLED' })),
          );
        }),
      close: () => Promise.resolve(),
    };
    const service = createRequestService({
      transport,
      resolveCredentials: resolveInlineCredentials,
      now: () => new Date(),
    });
    const first = service.send('same', spec('https://api.example.com/'));
    await expect.poll(() => release !== undefined).toBe(true);
    await expect(service.send('same', spec('https://api.example.com/'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(service.cancel('same')).toBe(true);
    await expect(first).rejects.toBeDefined();
    expect(service.cancel('same')).toBe(false);
  });
});
