import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeaderPair, ResponseSummary, SigningSummary, TimelineEntry } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { wireBodySize, type HttpTransport, type WireRequest, type WireResponse } from '../http/http-transport';
import { parseRequestUrl } from '../signing/request-url';
import { signRequest } from '../signing/sign-request';
import { headersToSign, signingOptionsOf, type PlannedRequest } from './planned-request';
import { makeRedactor, redactHeader, signingSummaryOf } from './redaction';
import { redirectStep } from './redirects';
import { assertNotExpired, maskKeyId, type CredentialResolver, type ResolvedCredentials } from './resolved-credentials';
import { createSigningWithoutSending, type SignedHandshake } from './sign-without-sending';
import { throttledProgress, type ProgressReporter, type ProgressSink } from './send-progress';
import { createSpooledBodies, type BodySlice } from './spooled-bodies';
import { hashStreamedBody, sendStreamedBody, type StreamedBody } from './streamed-body';

/** Sends composed requests: resolve credentials → sign → send the signed bytes → summarize. */
export interface RequestService {
  /** A streamed body (files) is hashed from disk first, with `hashing` progress, then sent as it is read. */
  send(requestId: string, request: PlannedRequest, onProgress?: ProgressSink): Promise<ResponseSummary>;
  cancel(requestId: string): boolean;
  /** Signs into the query string without sending: a presigned URL, valid `expiresInSeconds`. */
  presign(request: PlannedRequest): Promise<{ url: string; expiresAt: string }>;
  /** Signs as a send would, without sending: what is about to go out, for the inspector (redacted). */
  inspect(request: PlannedRequest): Promise<{ signing: SigningSummary; headers: HeaderPair[]; url: string }>;
  /**
   * A WebSocket handshake (a GET without a body) signed as a send would be, in the query or in
   * headers as its AWS Signature says, or with the auth type's headers: the URL and headers to
   * open the socket with, and a redactor for what the window may see. Expired keys are refused.
   */
  handshake(request: PlannedRequest): Promise<SignedHandshake>;
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

/**
 * Builds the request service. Signing happens on the exact bytes that go out; nothing is ever
 * sent unsigned because credentials failed: resolution errors stop the send. Redirects to the
 * same origin are re-signed; to another origin no credential travels. Summaries never contain a
 * secret (the session token is redacted from headers, URL and canonical request).
 */
export function createRequestService(deps: RequestServiceDeps): RequestService {
  const inFlight = new Map<string, AbortController>();
  const spoolDir = deps.spoolDir ?? join(tmpdir(), `shomei-bodies-${process.pid}`);
  const bodies = createSpooledBodies(spoolDir);
  const spool = {
    dir: spoolDir,
    memoryLimitBytes: deps.memoryLimitBytes ?? 2 * 1024 * 1024,
    previewBytes: deps.previewBytes ?? 256 * 1024,
  };

  const send = async (
    requestId: string,
    request: PlannedRequest,
    onProgress?: ProgressSink,
  ): Promise<ResponseSummary> => {
    if (inFlight.has(requestId)) throw new ShomeiError('CONFLICT', 'A request with this id is already being sent');
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      return await sendTracked(requestId, request, controller.signal, onProgress);
    } finally {
      inFlight.delete(requestId);
    }
  };

  const sendTracked = async (
    requestId: string,
    request: PlannedRequest,
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
    if (!request.options.isTlsVerified) {
      warnings.push('TLS certificate verification is off for this request: the server’s identity was not checked.');
      note('warning', 'TLS verification is off for this request');
    }
    const progress = throttledProgress(requestId, onProgress);

    progress('signing');
    const bodyPlan = request.body;
    const baseHeaders = headersToSign(request, bodyPlan.contentType);
    let credentials: ResolvedCredentials | undefined;
    if (request.auth.type === 'aws-sigv4') {
      credentials = await deps.resolveCredentials(request.auth.credentials);
      assertNotExpired(credentials, deps.now());
      note(
        'resolve',
        `Credentials resolved: ${credentials.sourceLabel ?? 'typed into the Auth tab'}, key ${maskKeyId(credentials.accessKeyId)}${credentials.expiration ? `, expire ${credentials.expiration.toISOString()}` : ''}`,
      );
    }
    const redact = makeRedactor(
      [
        ...(credentials
          ? [credentials.secretAccessKey, ...(credentials.sessionToken ? [credentials.sessionToken] : [])]
          : []),
        ...request.secrets.values,
      ],
      request.secrets.names,
    );
    const credentialHeaders = new Set(request.secrets.credentialHeaders.map((name) => name.toLowerCase()));
    // Shown whole as `‹redacted›`: an auth type's headers; a secret variable's header shows `{{name}}` instead.
    const secretVariableHeaders = new Set((request.secrets.variableHeaders ?? []).map((n) => n.toLowerCase()));
    const hiddenHeaders = new Set([...credentialHeaders].filter((name) => !secretVariableHeaders.has(name)));
    const payloadSha256 =
      bodyPlan.kind === 'streamed' && request.auth.type === 'aws-sigv4' && request.auth.payload !== 'unsigned'
        ? await hashFromDisk(bodyPlan, note, progress, signal)
        : undefined;
    const wireBody: WireRequest['body'] =
      bodyPlan.kind === 'bytes'
        ? bodyPlan.bytes
        : {
            size: bodyPlan.size,
            open: () =>
              sendStreamedBody(bodyPlan, payloadSha256, (bytes) => progress('uploading', bytes, bodyPlan.size), signal),
          };

    const prepare = async (
      method: string,
      url: string,
      body: WireRequest['body'],
      headers: Array<[string, string]>,
      isSigned: boolean,
    ): Promise<WireRequest> => {
      // Parsed once per hop; the signer takes it as it is.
      const parsed = parseRequestUrl(url);
      if (request.auth.type === 'aws-sigv4' && credentials && isSigned) {
        const signed = await signRequest({
          method,
          url: parsed,
          headers,
          body: body instanceof Uint8Array ? body : new Uint8Array(0),
          payloadSha256: body instanceof Uint8Array ? undefined : payloadSha256,
          ...signingOptionsOf(request.auth),
          credentials,
          signingDate: deps.now(),
        });
        const { signing } = signed;
        note(
          'sign',
          `Signed${signing.algorithm === 'sigv4a' ? ' with SigV4a' : ''} as ${signing.service} in ${signing.algorithm === 'sigv4a' ? `region set ${signing.region}` : signing.region} (${signing.isQuerySigned ? 'query string' : 'Authorization header'}); signed headers ${signing.signedHeaders}`,
        );
        return { ...signed, body };
      }
      const hasHost = headers.some(([name]) => name.toLowerCase() === 'host');
      return {
        method: method.toUpperCase(),
        url: parsed.href,
        headers: hasHost ? headers : [['host', parsed.hostHeader], ...headers],
        body,
      };
    };

    let current = await prepare(request.method, request.url, wireBody, baseHeaders, true);
    const first = current;
    const redirects: Array<{ status: number; url: string }> = [];
    let response: WireResponse;
    for (;;) {
      if (signal.aborted) throw new ShomeiError('CANCELLED', 'The request was cancelled');
      progress('sending');
      // With a connect-to address the URL's host is not where the bytes go: say where they do.
      const connectingTo = request.options.connectTo
        ? ` — connecting to ${request.options.connectTo} (connect-to address)`
        : '';
      note(
        'send',
        `${current.method} ${redact(current.url)}${connectingTo}`,
        current.headers.map(([n, v]): HeaderPair => [n, redactHeader(n, v, redact, hiddenHeaders)]),
      );
      response = await deps.transport.send(current, {
        timeoutMs: request.options.timeoutMs,
        maxBodyBytes: request.options.maxBodyBytes,
        signal,
        onProgress: (receivedBytes, totalBytes) => progress('receiving', receivedBytes, totalBytes),
        isTlsVerified: request.options.isTlsVerified,
        ...(request.options.caBundlePem ? { caBundlePem: request.options.caBundlePem } : {}),
        ...(request.options.proxyUrl ? { proxyUrl: request.options.proxyUrl } : {}),
        ...(request.options.connectTo ? { connectTo: request.options.connectTo } : {}),
        spool,
      });
      note(
        'receive',
        `${response.status} ${response.statusText} — ${response.size} bytes in ${Math.round(response.timing.totalMs)} ms${response.timing.isConnectionReused ? ' (reused connection)' : ''}`,
      );
      const step = redirectStep(
        response,
        current,
        redirects.length,
        request.options,
        baseHeaders,
        credentialHeaders,
        new URL(first.url).origin,
        request.secrets.values,
      );
      if (step.kind === 'answer') break;
      if (step.kind === 'stop') {
        note('warning', step.note);
        if (step.warning) warnings.push(step.warning);
        break;
      }
      if (response.bodyFile) rmSync(response.bodyFile, { force: true });
      redirects.push({ status: response.status, url: redact(current.url) });
      note('redirect', step.note);
      const { hop } = step;
      current = await prepare(hop.method, hop.url, hop.body, hop.headers, hop.isSameOrigin);
    }

    progress('done', response.size, response.size);
    const bodyId = response.bodyFile ? bodies.keep(response.bodyFile, response.size) : undefined;
    const contentType = response.headers.find(([name]) => name === 'content-type')?.[1];
    const signing = current.signing ?? first.signing;
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
        method: current.method,
        url: redact(current.url),
        headers: current.headers.map(([name, value]): HeaderPair => [
          name,
          redactHeader(name, value, redact, hiddenHeaders),
        ]),
        bodySize: wireBodySize(current.body),
      },
      ...(signing ? { signing: signingSummaryOf(signing, redact) } : {}),
    };
  };

  const { inspect, presign, handshake } = createSigningWithoutSending(deps);

  return {
    send,
    presign,
    inspect,
    handshake,
    cancel(requestId) {
      const controller = inFlight.get(requestId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    readBody: (bodyId, offset, length) => bodies.read(bodyId, offset, length),
    dispose: () => bodies.dispose(),
  };
}

/** Hashes a body streamed from disk, reporting `hashing` progress, and notes it in the timeline. */
async function hashFromDisk(
  body: StreamedBody,
  note: (kind: TimelineEntry['kind'], text: string) => void,
  progress: ProgressReporter,
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
