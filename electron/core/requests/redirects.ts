import type { WireRequest, WireResponse } from '../http/http-transport';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Security: what curl and the Fetch standard drop on a cross-origin hop (https→http included), and every X-Amz-* header.
const AUTH_HEADERS = /^(authorization|proxy-authorization|cookie|x-amz-.*)$/i;

/** What a request's options say about redirects. */
export interface RedirectRules {
  isFollowingRedirects: boolean;
  maxRedirects: number;
}

/** The request to send next, before it is signed (a same-origin hop) or sent as it is. */
export interface RedirectHop {
  method: string;
  url: string;
  body: WireRequest['body'];
  headers: Array<[string, string]>;
  /** Only a hop to the request's own origin is signed again; another origin gets no credential. */
  isSameOrigin: boolean;
}

/**
 * What to do with an answer: `answer` (it is not a redirect to follow), `stop` (a redirect that
 * is not followed, with the timeline note and the warning to show), or `follow` the next hop.
 */
export type RedirectStep =
  | { kind: 'answer' }
  | { kind: 'stop'; note: string; warning?: string }
  | { kind: 'follow'; hop: RedirectHop; note: string };

/**
 * Decides the next hop after `response` to `current`, `followed` redirects in. A 303, or a 301/302
 * to a POST, becomes a GET without a body or Content-*; the headers start again from
 * `baseHeaders` (Host dropped, the new URL gives it). Never lets a credential leave its origin:
 * Authorization, Cookie, X-Amz-* and every header in `credentialHeaders` stay behind on a hop to
 * anywhere but `requestOrigin` (the origin of the URL the user sent), so a second hop within the
 * other origin does not get them back, nor a new signature. A hop to another origin that would
 * carry the body on (307, 308) is not followed when the body holds one of `secretValues` (a
 * password a secret variable filled in): a body travels where a header filled alike may not.
 */
export function redirectStep(
  response: WireResponse,
  current: WireRequest,
  followed: number,
  rules: RedirectRules,
  baseHeaders: ReadonlyArray<[string, string]>,
  credentialHeaders: ReadonlySet<string>,
  requestOrigin: string,
  secretValues: readonly string[] = [],
): RedirectStep {
  const location = response.headers.find(([name]) => name === 'location')?.[1];
  if (!rules.isFollowingRedirects || !REDIRECT_STATUSES.has(response.status) || location === undefined)
    return { kind: 'answer' };
  if (followed >= rules.maxRedirects) {
    return {
      kind: 'stop',
      note: `Stopped after ${followed} redirect${followed === 1 ? '' : 's'} (the limit); showing the last answer`,
      warning: `Stopped following redirects after ${followed} (the limit for this request).`,
    };
  }
  let next: URL;
  try {
    next = new URL(location, current.url);
  } catch {
    return { kind: 'stop', note: `Not followed: the Location "${location.slice(0, 200)}" is not a URL` };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return {
      kind: 'stop',
      note: `Not followed: a redirect to ${next.protocol} is never followed`,
      warning: `The server redirected to a ${next.protocol} URL, which Shomei does not follow.`,
    };
  }
  // Security: the origin the user chose, not the hop's: headers start again from `baseHeaders` each hop.
  const isSameOrigin = next.origin === requestOrigin;
  const changesToGet =
    response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === 'POST');
  let headers = baseHeaders.filter(([name]) => name.toLowerCase() !== 'host');
  if (changesToGet) headers = headers.filter(([name]) => !/^content-(type|length)$/i.test(name));
  if (!isSameOrigin && !changesToGet && carriesSecret(current.body, secretValues)) {
    // Security: a 307/308 sends the body again as it is; a secret value in it stays with its origin.
    return {
      kind: 'stop',
      note: `Not followed: the ${response.status} to ${next.origin} would send the body on, and it holds a secret variable's value, which never goes to another origin; showing the redirect`,
      warning: `The server redirected to another origin (${next.origin}) with the body kept, and the body holds a secret value, so Shomei did not follow it.`,
    };
  }
  if (!isSameOrigin) {
    // Security: credentials never travel to another origin; the user's own x-amz-* headers stay home too.
    headers = headers.filter(([name]) => !AUTH_HEADERS.test(name) && !credentialHeaders.has(name.toLowerCase()));
  }
  return {
    kind: 'follow',
    hop: {
      method: changesToGet ? 'GET' : current.method,
      url: next.href,
      body: changesToGet ? new Uint8Array(0) : current.body,
      headers,
      isSameOrigin,
    },
    note: isSameOrigin
      ? `${response.status} → ${next.pathname}${next.search}: same origin, signed again for the new URL`
      : `${response.status} → ${next.origin}: another origin, so it is sent without Authorization, X-Amz-* headers or the session token`,
  };
}

/** True when the body's bytes hold one of the secret values (a streamed file body is not read for this). */
function carriesSecret(body: WireRequest['body'], secretValues: readonly string[]): boolean {
  if (!(body instanceof Uint8Array) || body.length === 0) return false;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return secretValues.some((secret) => secret !== '' && bytes.includes(secret));
}
