import { describe, expect, it } from 'vitest';
import type { WireRequest, WireResponse } from '../../../../electron/core/http/http-transport';
import { redirectStep } from '../../../../electron/core/requests/redirects';

const answer = (status: number, location?: string): WireResponse => ({
  status,
  statusText: '',
  headers: location === undefined ? [] : [['location', location]],
  body: Buffer.from(''),
  size: 0,
  headersSize: 0,
  isTruncated: false,
  sentHeaderBlock: undefined,
  timing: { startedAt: new Date(0).toISOString(), totalMs: 0 },
});

const post: WireRequest = {
  method: 'POST',
  url: 'https://api.example.test/v1/items',
  headers: [],
  body: new Uint8Array([1, 2, 3]),
};

const baseHeaders: Array<[string, string]> = [
  ['Host', 'api.example.test'],
  ['Authorization', 'AWS4-HMAC-SHA256 Credential=AKIA…'],
  ['X-Amz-Security-Token', 'session-token'],
  ['Cookie', 'sid=1'],
  ['X-Api-Key', 'key-from-auth'],
  ['Content-Type', 'application/json'],
  ['Accept', 'application/json'],
];
const follow = { isFollowingRedirects: true, maxRedirects: 5 };
/** The origin of the URL the user sent. */
const ORIGIN = 'https://api.example.test';

describe('redirectStep', () => {
  it('an answer that is not a redirect to follow is the answer', () => {
    expect(redirectStep(answer(200), post, 0, follow, baseHeaders, new Set(), ORIGIN).kind).toBe('answer');
    expect(redirectStep(answer(302), post, 0, follow, baseHeaders, new Set(), ORIGIN).kind).toBe('answer');
    const off = { isFollowingRedirects: false, maxRedirects: 5 };
    expect(redirectStep(answer(302, '/next'), post, 0, off, baseHeaders, new Set(), ORIGIN).kind).toBe('answer');
  });

  it('a hop to another origin carries no credential, whatever header it rode in (attacker: Location names their host)', () => {
    const step = redirectStep(
      answer(307, 'https://attacker.example.test/collect'),
      post,
      0,
      follow,
      baseHeaders,
      new Set(['x-api-key']),
      ORIGIN,
    );
    expect(step.kind).toBe('follow');
    if (step.kind !== 'follow') return;
    expect(step.hop.isSameOrigin).toBe(false);
    expect(step.hop.url).toBe('https://attacker.example.test/collect');
    expect(step.hop.headers.map(([name]) => name)).toEqual(['Content-Type', 'Accept']);
    expect(step.hop.body).toBe(post.body);
    expect(step.note).toContain('another origin');
  });

  it('a hop within another origin, after the first left the user’s, is not the same origin (attacker: it bounces within itself)', () => {
    const there: WireRequest = { ...post, url: 'https://attacker.example.test/collect' };
    const step = redirectStep(answer(307, '/again'), there, 1, follow, baseHeaders, new Set(['x-api-key']), ORIGIN);
    if (step.kind !== 'follow') throw new Error('expected to follow');
    expect(step.hop.isSameOrigin).toBe(false);
    expect(step.hop.headers.map(([name]) => name)).toEqual(['Content-Type', 'Accept']);
    const back = redirectStep(answer(307, `${ORIGIN}/v1/back`), there, 1, follow, baseHeaders, new Set(), ORIGIN);
    expect(back.kind === 'follow' && back.hop.isSameOrigin).toBe(true);
  });

  it('a 303 (or a 302 to a POST) becomes a GET without body or Content-Type; the same origin is signed again', () => {
    for (const status of [303, 302]) {
      const step = redirectStep(answer(status, '/v1/items/7?x=1'), post, 1, follow, baseHeaders, new Set(), ORIGIN);
      if (step.kind !== 'follow') throw new Error(`expected to follow a ${status}`);
      expect(step.hop).toMatchObject({
        method: 'GET',
        url: 'https://api.example.test/v1/items/7?x=1',
        isSameOrigin: true,
      });
      expect(step.hop.body).toEqual(new Uint8Array(0));
      expect(step.hop.headers.map(([name]) => name.toLowerCase())).not.toContain('content-type');
      expect(step.hop.headers.map(([name]) => name.toLowerCase())).not.toContain('host');
      expect(step.note).toBe(`${status} → /v1/items/7?x=1: same origin, signed again for the new URL`);
    }
  });

  it('stops at the limit, at a Location that is not a URL, and at a scheme other than http(s)', () => {
    expect(redirectStep(answer(301, '/again'), post, 5, follow, baseHeaders, new Set(), ORIGIN)).toMatchObject({
      kind: 'stop',
      warning: 'Stopped following redirects after 5 (the limit for this request).',
    });
    expect(redirectStep(answer(301, 'http://[::1'), post, 0, follow, baseHeaders, new Set(), ORIGIN)).toEqual({
      kind: 'stop',
      note: 'Not followed: the Location "http://[::1" is not a URL',
    });
    expect(
      redirectStep(answer(302, 'file:///etc/passwd'), post, 0, follow, baseHeaders, new Set(), ORIGIN),
    ).toMatchObject({
      kind: 'stop',
      warning: 'The server redirected to a file: URL, which Shomei does not follow.',
    });
  });
});
