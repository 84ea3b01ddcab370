import { existsSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventPayload } from '../../../shared/contract/channels';
import type {
  CredentialSource,
  HeaderPair,
  ResponseSummary,
  SigningSummary,
  TimelineEntry,
} from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { wireBodySize, type HttpTransport, type WireRequest, type WireResponse } from '../http/http-transport';
import { formatRequestUrl, parseRequestUrl } from '../signing/request-url';
import { signRequest, type SignedRequest, type SigningCredentials } from '../signing/sign-request';
import { buildBody, type SendableSpec } from './build-body';
import { hashStreamedBody, sendStreamedBody, type StreamedBody } from './streamed-body';

/** Credentials resolved for one send, with their expiry when known. */
export interface ResolvedCredentials extends SigningCredentials {
  expiration?: Date | undefined;
  /** Where they came from, for the timeline ("saved profile dev", "~/.aws profile prod"). */
  sourceLabel?: string | undefined;
}

/** Turns a credential source into keys, in main, at send time. */
export type CredentialResolver = (source: CredentialSource) => Promise<ResolvedCredentials>;

/** Receives progress of a send, for the renderer's progress bar. */
export type ProgressSink = (payload: EventPayload<'request:progress'>) => void;

type ProgressPhase = EventPayload<'request:progress'>['phase'];

/** A slice of a large response body kept in a temporary file. */
export interface BodySlice {
  base64: string;
  offset: number;
  length: number;
  size: number;
  isEnd: boolean;
}

/** Sends composed requests: resolve credentials → sign → send the signed bytes → summarize. */
export interface RequestService {
  /** A streamed body (files) is hashed from disk first, with `hashing` progress, then sent as it is read. */
  send(requestId: string, spec: SendableSpec, onProgress?: ProgressSink): Promise<ResponseSummary>;
  cancel(requestId: string): boolean;
  /** Signs into the query string without sending: a presigned URL, valid `expiresInSeconds`. */
  presign(spec: SendableSpec): Promise<{ url: string; expiresAt: string }>;
  /** Signs as a send would, without sending: what is about to go out, for the inspector (redacted). */
  inspect(spec: SendableSpec): Promise<{ signing: SigningSummary; headers: HeaderPair[]; url: string }>;
  /** Reads part of a body that was streamed to a temporary file. */
  readBody(bodyId: string, offset: number, length: number): BodySlice;
  /** Removes every temporary body file. */
  dispose(): void;
}

/** What the request service needs from its host. */
export interface RequestServiceDeps {
  transport: HttpTransport;
  resolveCredentials: CredentialResolver;
  now: () => Date;
  /** Where large bodies are streamed; default a fresh folder under the OS temp dir. */
  spoolDir?: string;
  /** Bodies above this many bytes go to a file (default 2 MiB). */
  memoryLimitBytes?: number;
  /** How much of a spooled body the summary carries (default 256 KiB). */
  previewBytes?: number;
}

const REDACTED = '‹redacted›';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Security: what curl and the Fetch standard drop on a cross-origin hop (https→http included), and every X-Amz-* header.
const AUTH_HEADERS = /^(authorization|proxy-authorization|cookie|x-amz-.*)$/i;

/**
 * Builds the request service. Signing happens on the exact bytes that go out; nothing is ever
 * sent unsigned because credentials failed: resolution errors stop the send. Redirects to the
 * same origin are re-signed; to another origin no credential travels. Summaries never contain a
 * secret (the session token is redacted from headers, URL and canonical request).
 */
export function createRequestService(deps: RequestServiceDeps): RequestService {
  const inFlight = new Map<string, AbortController>();
  const bodies = new Map<string, { file: string; size: number }>();
  const spoolDir = deps.spoolDir ?? join(tmpdir(), `shomei-bodies-${process.pid}`);
  const spool = {
    dir: spoolDir,
    memoryLimitBytes: deps.memoryLimitBytes ?? 2 * 1024 * 1024,
    previewBytes: deps.previewBytes ?? 256 * 1024,
  };

  const send = async (requestId: string, spec: SendableSpec, onProgress?: ProgressSink): Promise<ResponseSummary> => {
    if (inFlight.has(requestId)) throw new ShomeiError('CONFLICT', 'A request with this id is already being sent');
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      return await sendTracked(requestId, spec, controller.signal, onProgress);
    } finally {
      inFlight.delete(requestId);
    }
  };

  const sendTracked = async (
    requestId: string,
    spec: SendableSpec,
    signal: AbortSignal,
    onProgress?: ProgressSink,
  ): Promise<ResponseSummary> => {
    const started = performance.now();
    const timeline: TimelineEntry[] = [];
    const note = (kind: TimelineEntry['kind'], text: string, headers?: HeaderPair[]) =>
      timeline.push({
        atMs: Math.round((performance.now() - started) * 10) / 10,
        kind,
        text,
        ...(headers ? { headers } : {}),
      });
    const warnings: string[] = [];
    if (!spec.options.isTlsVerified) {
      warnings.push('TLS certificate verification is off for this request: the server’s identity was not checked.');
      note('warning', 'TLS verification is off for this request');
    }
    // At most ten byte counts a second per phase (a 50 MB body arrives in hundreds of chunks); a phase's first and last always.
    let last = { phase: '', at: 0 };
    const progress = (phase: ProgressPhase, bytes?: number, totalBytes?: number) => {
      if (!onProgress) return;
      const at = performance.now();
      if (bytes !== undefined && bytes !== totalBytes && phase === last.phase && at - last.at < 100) return;
      last = { phase, at };
      onProgress({
        requestId,
        phase,
        ...(bytes === undefined ? {} : { bytes }),
        ...(totalBytes === undefined ? {} : { totalBytes }),
      });
    };

    progress('signing');
    const built = buildBody(spec);
    const baseHeaders = buildHeaders(spec, built.contentType);
    let credentials: ResolvedCredentials | undefined;
    if (spec.auth.type === 'aws-sigv4') {
      credentials = await deps.resolveCredentials(spec.auth.credentials);
      assertNotExpired(credentials, deps.now());
      note(
        'resolve',
        `Credentials resolved: ${credentials.sourceLabel ?? 'typed into the Auth tab'}, key ${maskKeyId(credentials.accessKeyId)}${credentials.expiration ? `, expire ${credentials.expiration.toISOString()}` : ''}`,
      );
    }
    const redact = makeRedactor([
      ...(credentials
        ? [credentials.secretAccessKey, ...(credentials.sessionToken ? [credentials.sessionToken] : [])]
        : []),
      ...(spec.authExtras?.secrets ?? []),
    ]);
    const credentialHeaders = new Set((spec.authExtras?.credentialHeaders ?? []).map((name) => name.toLowerCase()));
    const payloadSha256 =
      built.streamed && spec.auth.type === 'aws-sigv4' && spec.auth.payload !== 'unsigned'
        ? await hashFromDisk(built.streamed, note, progress, signal)
        : undefined;
    const wireBody = built.bytes ?? {
      size: built.streamed.size,
      open: () =>
        sendStreamedBody(
          built.streamed,
          payloadSha256,
          (bytes) => progress('uploading', bytes, built.streamed.size),
          signal,
        ),
    };

    const prepare = async (
      method: string,
      url: string,
      body: WireRequest['body'],
      headers: Array<[string, string]>,
      isSigned: boolean,
    ): Promise<{ wire: WireRequest; signed?: SignedRequest }> => {
      if (spec.auth.type === 'aws-sigv4' && credentials && isSigned) {
        const signed = await signRequest({
          method,
          url,
          headers,
          body: body instanceof Uint8Array ? body : new Uint8Array(0),
          payloadSha256: body instanceof Uint8Array ? undefined : payloadSha256,
          region: spec.auth.region,
          service: spec.auth.service,
          credentials,
          signingDate: deps.now(),
          isQuerySigned: spec.auth.isQuerySigned,
          expiresInSeconds: spec.auth.expiresInSeconds,
          isSessionTokenSigned: spec.auth.isSessionTokenSigned,
          algorithm: spec.auth.algorithm,
          regionSet: spec.auth.regionSet,
          ...(spec.auth.payload === undefined
            ? {}
            : { payload: spec.auth.payload === 'unsigned' ? 'unsigned' : 'signed' }),
        });
        note(
          'sign',
          `Signed${signed.algorithm === 'sigv4a' ? ' with SigV4a' : ''} as ${signed.service} in ${signed.algorithm === 'sigv4a' ? `region set ${signed.region}` : signed.region} (${signed.isQuerySigned ? 'query string' : 'Authorization header'}); signed headers ${signed.signedHeaders}`,
        );
        return { wire: { method: signed.method, url: signed.url, headers: signed.headers, body }, signed };
      }
      const parsed = parseRequestUrl(url);
      const hasHost = headers.some(([name]) => name.toLowerCase() === 'host');
      return {
        wire: {
          method: method.toUpperCase(),
          url: formatRequestUrl(parsed),
          headers: hasHost ? headers : [['host', parsed.hostHeader], ...headers],
          body,
        },
      };
    };

    let current = await prepare(spec.method, spec.url, wireBody, baseHeaders, true);
    const first = current;
    const redirects: Array<{ status: number; url: string }> = [];
    let response: WireResponse;
    for (;;) {
      if (signal.aborted) throw new ShomeiError('CANCELLED', 'The request was cancelled');
      progress('sending');
      // With a connect-to address the URL's host is not where the bytes go: say where they do.
      const connectingTo = spec.options.connectTo ? ` — connecting to ${spec.options.connectTo} (connect-to address)` : '';
      note(
        'send',
        `${current.wire.method} ${redact(current.wire.url)}${connectingTo}`,
        current.wire.headers.map(([n, v]): HeaderPair => [n, redactHeader(n, v, redact, credentialHeaders)]),
      );
      response = await deps.transport.send(current.wire, {
        timeoutMs: spec.options.timeoutMs,
        maxBodyBytes: spec.options.maxBodyBytes,
        signal,
        onProgress: (receivedBytes, totalBytes) => progress('receiving', receivedBytes, totalBytes),
        isTlsVerified: spec.options.isTlsVerified,
        ...(spec.options.caBundlePem ? { caBundlePem: spec.options.caBundlePem } : {}),
        ...(spec.options.proxyUrl ? { proxyUrl: spec.options.proxyUrl } : {}),
        ...(spec.options.connectTo ? { connectTo: spec.options.connectTo } : {}),
        spool,
      });
      note(
        'receive',
        `${response.status} ${response.statusText} — ${response.size} bytes in ${Math.round(response.timing.totalMs)} ms${response.timing.isConnectionReused ? ' (reused connection)' : ''}`,
      );
      const location = response.headers.find(([name]) => name === 'location')?.[1];
      if (!spec.options.isFollowingRedirects || !REDIRECT_STATUSES.has(response.status) || location === undefined)
        break;
      if (redirects.length >= spec.options.maxRedirects) {
        note(
          'warning',
          `Stopped after ${redirects.length} redirect${redirects.length === 1 ? '' : 's'} (the limit); showing the last answer`,
        );
        warnings.push(`Stopped following redirects after ${redirects.length} (the limit for this request).`);
        break;
      }
      let next: URL;
      try {
        next = new URL(location, current.wire.url);
      } catch {
        note('warning', `Not followed: the Location "${location.slice(0, 200)}" is not a URL`);
        break;
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        note('warning', `Not followed: a redirect to ${next.protocol} is never followed`);
        warnings.push(`The server redirected to a ${next.protocol} URL, which Shomei does not follow.`);
        break;
      }
      if (response.bodyFile) rmSync(response.bodyFile, { force: true });
      redirects.push({ status: response.status, url: redact(current.wire.url) });
      const isSameOrigin = next.origin === new URL(current.wire.url).origin;
      const changesToGet =
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && current.wire.method === 'POST');
      const method = changesToGet ? 'GET' : current.wire.method;
      const body = changesToGet ? new Uint8Array(0) : current.wire.body;
      let headers = baseHeaders.filter(([name]) => name.toLowerCase() !== 'host');
      if (changesToGet) headers = headers.filter(([name]) => !/^content-(type|length)$/i.test(name));
      if (!isSameOrigin) {
        // Security: credentials never travel to another origin; the user's own x-amz-* headers stay home too.
        headers = headers.filter(([name]) => !AUTH_HEADERS.test(name) && !credentialHeaders.has(name.toLowerCase()));
        note(
          'redirect',
          `${response.status} → ${next.origin}: another origin, so it is sent without Authorization, X-Amz-* headers or the session token`,
        );
      } else {
        note(
          'redirect',
          `${response.status} → ${next.pathname}${next.search}: same origin, signed again for the new URL`,
        );
      }
      current = await prepare(method, next.href, body, headers, isSameOrigin);
    }

    progress('done', response.size, response.size);
    let bodyId: string | undefined;
    if (response.bodyFile) {
      bodyId = response.bodyFile
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.body$/, '');
      if (bodyId) bodies.set(bodyId, { file: response.bodyFile, size: response.size });
    }
    const contentType = response.headers.find(([name]) => name === 'content-type')?.[1];
    const signed = current.signed ?? first.signed;
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: {
        base64: response.body.toString('base64'),
        size: response.size,
        isTruncated: response.isTruncated,
        ...(contentType === undefined ? {} : { contentType }),
        ...(bodyId ? { bodyId } : {}),
        ...(response.compressedSize === undefined ? {} : { compressedSize: response.compressedSize }),
        headersSize: response.headersSize,
      },
      timing: { ...response.timing, totalMs: performance.now() - started },
      timeline,
      redirects,
      warnings,
      request: {
        method: current.wire.method,
        url: redact(current.wire.url),
        headers: current.wire.headers.map(([name, value]): HeaderPair => [
          name,
          redactHeader(name, value, redact, credentialHeaders),
        ]),
        bodySize: wireBodySize(current.wire.body),
      },
      ...(signed ? { signing: signingSummaryOf(signed, redact) } : {}),
    };
  };

  /** Resolves credentials and signs without sending; presigned URLs and the inspector's preview. */
  const signOnly = async (spec: SendableSpec, isQuerySigned: boolean, purpose: string) => {
    if (spec.auth.type !== 'aws-sigv4')
      throw new ShomeiError('INVALID_INPUT', `Choose AWS Signature in the Auth tab to ${purpose}`);
    const credentials = await deps.resolveCredentials(spec.auth.credentials);
    assertNotExpired(credentials, deps.now());
    const built = buildBody(spec);
    const payloadSha256 =
      built.streamed && spec.auth.payload !== 'unsigned' ? await hashStreamedBody(built.streamed) : undefined;
    const now = deps.now();
    const signed = await signRequest({
      method: spec.method,
      url: spec.url,
      headers: buildHeaders(spec, built.contentType),
      body: built.bytes ?? new Uint8Array(0),
      payloadSha256,
      region: spec.auth.region,
      service: spec.auth.service,
      credentials,
      signingDate: now,
      isQuerySigned,
      expiresInSeconds: spec.auth.expiresInSeconds,
      isSessionTokenSigned: spec.auth.isSessionTokenSigned,
      algorithm: spec.auth.algorithm,
      regionSet: spec.auth.regionSet,
      ...(spec.auth.payload === undefined ? {} : { payload: spec.auth.payload === 'unsigned' ? 'unsigned' : 'signed' }),
    });
    return { signed, credentials, now, expiresInSeconds: spec.auth.expiresInSeconds };
  };

  const inspect = async (
    spec: SendableSpec,
  ): Promise<{ signing: SigningSummary; headers: HeaderPair[]; url: string }> => {
    const { signed, credentials } = await signOnly(
      spec,
      spec.auth.type === 'aws-sigv4' && spec.auth.isQuerySigned,
      'preview the signature',
    );
    const redact = makeRedactor([
      credentials.secretAccessKey,
      ...(credentials.sessionToken ? [credentials.sessionToken] : []),
      ...(spec.authExtras?.secrets ?? []),
    ]);
    return {
      url: redact(signed.url),
      headers: signed.headers.map(([n, v]): HeaderPair => [n, redactHeader(n, v, redact)]),
      signing: signingSummaryOf(signed, redact),
    };
  };

  const presign = async (spec: SendableSpec): Promise<{ url: string; expiresAt: string }> => {
    const { signed, credentials, now, expiresInSeconds } = await signOnly(spec, true, 'make a presigned URL');
    // A presigned URL stops working at its own expiry or when the credentials expire, whichever is first.
    const urlExpiry = now.getTime() + expiresInSeconds * 1000;
    const expiresAt = new Date(Math.min(urlExpiry, credentials.expiration?.getTime() ?? urlExpiry));
    return { url: signed.url, expiresAt: expiresAt.toISOString() };
  };

  return {
    send,
    presign,
    inspect,
    cancel(requestId) {
      const controller = inFlight.get(requestId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    readBody(bodyId, offset, length) {
      const entry = bodies.get(bodyId);
      if (!entry || !existsSync(entry.file))
        throw new ShomeiError('NOT_FOUND', 'That response body is no longer available; send the request again');
      const start = Math.min(Math.max(0, offset), entry.size);
      const count = Math.min(length, entry.size - start);
      const buffer = Buffer.alloc(count);
      const fd = openSync(entry.file, 'r');
      try {
        readSync(fd, buffer, 0, count, start);
      } finally {
        closeSync(fd);
      }
      return {
        base64: buffer.toString('base64'),
        offset: start,
        length: count,
        size: entry.size,
        isEnd: start + count >= entry.size,
      };
    },
    dispose() {
      for (const { file } of bodies.values()) rmSync(file, { force: true });
      bodies.clear();
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

/** Resolves only keys typed into the Auth tab. The credentials service replaces it with every source. */
export const resolveInlineCredentials: CredentialResolver = (source) => {
  if (source.source !== 'inline') {
    return Promise.reject(new ShomeiError('CREDENTIALS_MISSING', 'This credential source is not available'));
  }
  return Promise.resolve({
    accessKeyId: source.accessKeyId,
    secretAccessKey: source.secretAccessKey,
    ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
  });
};

/** What was signed, for the inspector; the session token in the canonical request is redacted. */
function signingSummaryOf(signed: SignedRequest, redact: (text: string) => string): SigningSummary {
  return {
    canonicalRequest: redact(signed.canonicalRequest),
    stringToSign: signed.stringToSign,
    signature: signed.signature,
    signedHeaders: signed.signedHeaders,
    credentialScope: signed.credentialScope,
    region: signed.region,
    service: signed.service,
    isQuerySigned: signed.isQuerySigned,
    algorithm: signed.algorithm,
  };
}

/** `ASIAXXXXXXXXXXXXWXYZ` → `ASIA…WXYZ`. */
export function maskKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** Refuses expired credentials before anything is sent, saying when and how to renew. */
export function assertNotExpired(credentials: ResolvedCredentials, now: Date): void {
  if (credentials.expiration && credentials.expiration.getTime() <= now.getTime()) {
    const minutes = Math.max(1, Math.round((now.getTime() - credentials.expiration.getTime()) / 60_000));
    throw new ShomeiError(
      'CREDENTIALS_EXPIRED',
      `These credentials expired at ${credentials.expiration.toISOString()} (${minutes} minute${minutes === 1 ? '' : 's'} ago). Nothing was sent. Paste fresh ones or renew them (for example with aws sts assume-role or aws sso login).`,
      { expiredAt: credentials.expiration.toISOString() },
    );
  }
}

/** Hashes a body streamed from disk, reporting `hashing` progress, and notes it in the timeline. */
async function hashFromDisk(
  body: StreamedBody,
  note: (kind: TimelineEntry['kind'], text: string) => void,
  progress: (phase: ProgressPhase, bytes?: number, totalBytes?: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const started = performance.now();
  progress('hashing', 0, body.size);
  const sha256 = await hashStreamedBody(body, (bytes) => progress('hashing', bytes, body.size), signal);
  note(
    'sign',
    `Hashed the ${body.size}-byte body from disk in ${Math.round(performance.now() - started)} ms as it will be sent (SHA-256 ${sha256})`,
  );
  return sha256;
}

function buildHeaders(spec: SendableSpec, contentType: string | undefined): Array<[string, string]> {
  // HTTP drops leading and trailing whitespace of a value in transit; trim it here so what is
  // signed, what is sent and what the server reads are the same string.
  const headers: Array<[string, string]> = spec.headers
    .filter((row) => row.isEnabled)
    .map((row) => [row.name, row.value.trim()]);
  const hasContentType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  if (!hasContentType && contentType) headers.push(['Content-Type', contentType]);
  return headers;
}

function makeRedactor(secrets: string[]): (text: string) => string {
  const needles = secrets
    .filter((s) => s.length >= 8)
    .flatMap((s) => [s, encodeURIComponent(s)])
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

function redactHeader(
  name: string,
  value: string,
  redact: (text: string) => string,
  credentialHeaders?: ReadonlySet<string>,
): string {
  // Security: a header an auth type filled (a bearer token, Basic, an API key) shows only its scheme word.
  if (credentialHeaders?.has(name.toLowerCase())) return `${/^(Bearer|Basic)\s/i.exec(value)?.[0] ?? ''}${REDACTED}`;
  return name.toLowerCase() === 'x-amz-security-token' ? REDACTED : redact(value);
}
