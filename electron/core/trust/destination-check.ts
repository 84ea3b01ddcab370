import { isIP } from 'node:net';
import { z } from 'zod';
import { realtimeUrlOf } from '../../../shared/appsync/appsync-realtime';
import { withoutProxyCredentials } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import type { PlannedRequest } from '../requests/planned-request';
import { openDocumentStore, type DocumentStore } from '../storage/document-store';

/** The file name (without `.json`) of the recorded "send anyway" answers in the data folder. */
export const DESTINATION_CONSENTS_STORE_NAME = 'destination-consents';

/**
 * Where a signature would go other than the host it was signed for: the signed host, where the
 * bytes go instead, and why (connect-to, a `Host` header, a proxy, plain `http://`).
 */
export interface RedirectedSigning {
  /** The host the signature is valid for (the `Host` header when the user set one, else the URL's). */
  signedFor: string;
  /** Where the bytes go: the connect-to address or the URL's host, through a proxy, over plain http:// (or ws://). */
  sentTo: string;
  /** Why, in words: `the connect-to address`, `a Host header`, `a proxy`, `plain http://`, `plain ws://`. */
  reasons: string[];
}

/**
 * What carries the signed bytes: a send, a WebSocket request's handshake, or an AppSync
 * subscription's real-time socket (whose authorization objects are signed for the API's own host).
 */
export type SignedCarrier = 'http' | 'websocket' | 'appsync';

/** Which request a "send anyway" belongs to: a saved request, or an editor tab that is not saved. */
export interface ConsentOwner {
  savedRequestId?: string | undefined;
  tabId?: string | undefined;
}

/** The recorded answers document: saved requests' consents survive a restart. */
export const DestinationConsentsSchema = z.object({
  consents: z
    .array(z.object({ owner: z.string().max(200), signedFor: z.string().max(1000), sentTo: z.string().max(2000) }))
    .max(10_000)
    .default([]),
});
export type DestinationConsents = z.infer<typeof DestinationConsentsSchema>;

/**
 * The main-side record of "Signed for X, will be sent to Y — Send anyway": a send whose signature
 * would go elsewhere than its signed host is refused (`CONFIRMATION_NEEDED`) until the user
 * confirmed that exact pair for that request. A changed destination asks again. Only a pair main
 * itself asked about can be confirmed, so the window cannot invent a consent by a flag.
 */
export interface DestinationCheck {
  /**
   * Throws `CONFIRMATION_NEEDED` naming both hosts when `spec` is signed and its bytes go
   * elsewhere and `owner` has not confirmed that pair; `isAllowed` (a run's explicit opt-in) skips
   * the ask. `via` says what carries them (a send unless told); a socket's answer and a send's for
   * the same request and pair are one answer.
   */
  assertConsented(
    spec: PlannedRequest,
    owner: ConsentOwner,
    context: { isRun: boolean; isAllowed: boolean; via?: SignedCarrier },
  ): void;
  /** Records "Send anyway" for a pair main asked `owner` about; refuses a pair it never asked about. */
  confirm(owner: ConsentOwner, pair: { signedFor: string; sentTo: string }): void;
  /**
   * An unsaved tab was saved as a new request: its answers become the request's, kept across a
   * restart, so the saved request does not ask again what its tab already answered.
   */
  adopt(tabId: string, savedRequestId: string): void;
  readonly document: DocumentStore<DestinationConsents>;
}

/** How many asks are kept waiting for an answer, and how many tab answers are remembered. */
const KEPT_IN_MEMORY = 1000;

/**
 * Builds the destination check: saved requests' answers persist in `destination-consents.json`;
 * unsaved tabs' answers live as long as the process.
 */
export function createDestinationCheck(deps: { dataDir: string; now?: () => Date }): DestinationCheck {
  const document = openDocumentStore<DestinationConsents>({
    dataDir: deps.dataDir,
    name: DESTINATION_CONSENTS_STORE_NAME,
    schema: DestinationConsentsSchema,
    version: 1,
    defaults: () => ({ consents: [] }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const tabConsents = new Set<string>();
  const asked = new Set<string>();
  const entry = (owner: string, pair: { signedFor: string; sentTo: string }) =>
    JSON.stringify([owner, pair.signedFor, pair.sentTo]);
  const remember = (set: Set<string>, value: string) => {
    set.delete(value);
    set.add(value);
    for (const old of set) {
      if (set.size <= KEPT_IN_MEMORY) break;
      set.delete(old);
    }
  };
  const isConsented = (owner: string, pair: RedirectedSigning): boolean =>
    owner.startsWith('tab:')
      ? tabConsents.has(entry(owner, pair))
      : document
          .read()
          .consents.some((c) => c.owner === owner && c.signedFor === pair.signedFor && c.sentTo === pair.sentTo);
  return {
    document,
    assertConsented(spec, owner, context) {
      const via = context.via ?? 'http';
      const redirected = redirectedSigningOf(spec, via);
      if (!redirected || context.isAllowed) return;
      const key = ownerKey(owner);
      if (key !== undefined && isConsented(key, redirected)) return;
      if (key !== undefined && !context.isRun) remember(asked, entry(key, redirected));
      const why = `(${redirected.reasons.join(', ')})`;
      const ask = context.isRun
        ? 'A run does not ask: send it once from the editor and choose Send anyway, or start shomei run with --allow-redirected-signing.'
        : key === undefined
          ? 'Open it in a tab to confirm it.'
          : `Whoever receives it can replay the signature against that host. Confirm to ${via === 'http' ? 'send it' : 'connect'} anyway; Shomei asks once for this request and this destination.`;
      throw new ShomeiError(
        'CONFIRMATION_NEEDED',
        `${REFUSALS[via]}: signed for ${redirected.signedFor}, but it would be sent to ${redirected.sentTo} ${why}. ${ask}`,
        {
          confirm: 'destination',
          signedFor: redirected.signedFor,
          sentTo: redirected.sentTo,
          reasons: redirected.reasons,
          canConfirm: key !== undefined && !context.isRun,
        },
      );
    },
    confirm(owner, pair) {
      const key = ownerKey(owner);
      // Security: only what main asked about can be said yes to, so a consent always names a real refusal.
      if (key === undefined || !asked.has(entry(key, pair))) {
        throw new ShomeiError(
          'INVALID_INPUT',
          'Nothing to confirm: send (or connect) the request first; Shomei asks when its signature would go to another host',
        );
      }
      asked.delete(entry(key, pair));
      if (key.startsWith('tab:')) return remember(tabConsents, entry(key, pair));
      const kept = document
        .read()
        .consents.filter((c) => !(c.owner === key && c.signedFor === pair.signedFor && c.sentTo === pair.sentTo));
      document.write({ consents: [...kept, { owner: key, ...pair }].slice(-10_000) });
    },
    adopt(tabId, savedRequestId) {
      const tab = ownerKey({ tabId }) ?? '';
      const owner = ownerKey({ savedRequestId }) ?? '';
      const adopted = [...tabConsents]
        .map((value) => JSON.parse(value) as [string, string, string])
        .filter(([key]) => key === tab);
      if (adopted.length === 0) return;
      for (const [, signedFor, sentTo] of adopted) tabConsents.delete(entry(tab, { signedFor, sentTo }));
      const kept = document.read().consents.filter((c) => c.owner !== owner);
      const moved = adopted.map(([, signedFor, sentTo]) => ({ owner, signedFor, sentTo }));
      document.write({ consents: [...kept, ...moved].slice(-10_000) });
    },
  };
}

const REFUSALS: Record<SignedCarrier, string> = {
  http: 'Not sent',
  websocket: 'Not connected',
  appsync: 'Not subscribed',
};

function ownerKey(owner: ConsentOwner): string | undefined {
  if (owner.savedRequestId) return `request:${owner.savedRequestId}`;
  if (owner.tabId) return `tab:${owner.tabId}`;
  return undefined;
}

// Security: AWS endpoints, where a signature captured in transit can be replayed against the user's account.
const AWS_HOST = /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws|on\.aws)$/i;

/**
 * Where a SigV4-signed request's bytes would go other than its signed host, or `undefined` when
 * they go exactly there (or the request is not signed). Never looks at the environment's proxy
 * variables: those are the machine's own configuration, not the request's. A WebSocket's spec is
 * the `http(s)://` URL it upgrades from, named `ws://` here; an AppSync subscription sends no
 * header of the request and goes to the API's real-time twin, so only a proxy and plain `ws://`
 * count for it (its connect-to is refused before it is resolved).
 */
export function redirectedSigningOf(
  spec: Pick<PlannedRequest, 'url' | 'headers' | 'auth'> & {
    options: Pick<PlannedRequest['options'], 'connectTo' | 'proxyUrl'>;
  },
  via: SignedCarrier = 'http',
): RedirectedSigning | undefined {
  if (spec.auth.type !== 'aws-sigv4') return undefined;
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    return undefined;
  }
  const urlHost = url.host.toLowerCase();
  const plain = via === 'http' ? 'plain http://' : 'plain ws://';
  const isPlainToAws = (signedFor: string, destinationHost: string) =>
    url.protocol === 'http:' && AWS_HOST.test(signedFor.replace(/:\d+$/, '')) && !isLoopback(destinationHost);
  if (via === 'appsync') {
    const realtime = new URL(realtimeUrlOf(spec.url) ?? spec.url).host;
    const isPlain = isPlainToAws(urlHost, url.hostname.replace(/^\[|\]$/g, ''));
    const proxy = spec.options.proxyUrl && proxyNamed(spec.options.proxyUrl);
    if (!isPlain && !proxy) return undefined;
    const through = proxy ? ` through the proxy ${proxy}` : '';
    return {
      signedFor: urlHost,
      sentTo: `${realtime}${through}${isPlain ? ` over ${plain} (unencrypted)` : ''}`,
      reasons: [...(proxy ? ['a proxy'] : []), ...(isPlain ? [plain] : [])],
    };
  }
  const hostHeader = spec.headers.find(([name]) => name.trim().toLowerCase() === 'host');
  const signedFor = hostHeader ? normalHost(hostHeader[1], url.protocol) : urlHost;
  const reasons: string[] = [];
  let sentTo = urlHost;
  if (spec.options.connectTo) {
    sentTo = spec.options.connectTo.trim().toLowerCase();
    reasons.push('the connect-to address');
  }
  if (signedFor !== urlHost) reasons.push('a Host header');
  if (spec.options.proxyUrl) {
    sentTo = `${sentTo} through the proxy ${proxyNamed(spec.options.proxyUrl)}`;
    reasons.push('a proxy');
  }
  const destinationHost = (spec.options.connectTo ?? url.hostname).replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (isPlainToAws(signedFor, destinationHost)) {
    sentTo = `${sentTo} over ${plain} (unencrypted)`;
    reasons.push(plain);
  }
  return reasons.length === 0 ? undefined : { signedFor, sentTo, reasons };
}

/**
 * Refuses a presigned URL whose signature would be for another host than the one it points at (a
 * `Host` header other than the URL's): whoever opens the URL delivers that signature to the URL's
 * host, and no client sends the header with it. Connect-to and proxies do not travel with a URL.
 */
export function assertPresignedForItsUrl(spec: Pick<PlannedRequest, 'url' | 'headers' | 'auth'>): void {
  const redirected = redirectedSigningOf({ ...spec, options: {} });
  if (!redirected?.reasons.includes('a Host header')) return;
  throw new ShomeiError(
    'INVALID_INPUT',
    `Not signed: a presigned URL would be signed for ${redirected.signedFor} (the Host header) but point at ${new URL(spec.url).host}, so whoever opens it hands that signature to ${new URL(spec.url).host}. Put ${redirected.signedFor} in the URL, or remove the Host header.`,
  );
}

/**
 * A proxy as the ask names it: without its user name and password (the answer is kept in a file
 * and shown in the window; saved requests never keep a proxy's password either).
 */
function proxyNamed(proxyUrl: string): string {
  return withoutProxyCredentials(proxyUrl.trim()).replace(/\/$/, '');
}

/** A `Host` value as `URL.host` writes it: lower case, without the scheme's default port. */
function normalHost(value: string, protocol: string): string {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  const defaultPort = protocol === 'https:' ? ':443' : ':80';
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1';
}
