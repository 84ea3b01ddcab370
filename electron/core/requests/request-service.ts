import type { CredentialSource, HeaderPair, RequestSpec, ResponseSummary } from '../../../shared/contract/http';
import type { EventPayload } from '../../../shared/contract/channels';
import { ShomeiError } from '../../../shared/errors';
import type { HttpTransport, WireRequest } from '../http/http-transport';
import { signRequest, type SignedRequest, type SigningCredentials } from '../signing/sign-request';
import { formatRequestUrl, parseRequestUrl } from '../signing/request-url';

/** Credentials resolved for one send, with their expiry when known. */
export interface ResolvedCredentials extends SigningCredentials {
  expiration?: Date | undefined;
}

/** Turns a credential source into keys, in main, at send time. */
export type CredentialResolver = (source: CredentialSource) => Promise<ResolvedCredentials>;

/** Receives progress of a send, for the renderer's progress bar. */
export type ProgressSink = (payload: EventPayload<'request:progress'>) => void;

/** Sends composed requests: resolve credentials → sign → send the signed bytes → summarize. */
export interface RequestService {
  send(requestId: string, spec: RequestSpec, onProgress?: ProgressSink): Promise<ResponseSummary>;
  cancel(requestId: string): boolean;
}

/** What the request service needs from its host. */
export interface RequestServiceDeps {
  transport: HttpTransport;
  resolveCredentials: CredentialResolver;
  now: () => Date;
}

const REDACTED = '‹redacted›';

/**
 * Builds the request service. Signing happens on the exact bytes that go out; nothing is ever
 * sent unsigned because credentials failed: resolution errors stop the send. Summaries never
 * contain a secret (the session token is redacted from headers, URL and canonical request).
 */
export function createRequestService(deps: RequestServiceDeps): RequestService {
  const inFlight = new Map<string, AbortController>();

  return {
    async send(requestId, spec, onProgress) {
      if (inFlight.has(requestId)) throw new ShomeiError('CONFLICT', 'A request with this id is already being sent');
      const controller = new AbortController();
      inFlight.set(requestId, controller);
      try {
        onProgress?.({ requestId, phase: 'signing' });
        const body = bodyBytes(spec);
        const headers = buildHeaders(spec);
        let wire: WireRequest;
        let signed: SignedRequest | undefined;
        let secrets: string[] = [];
        if (spec.auth.type === 'aws-sigv4') {
          const credentials = await deps.resolveCredentials(spec.auth.credentials);
          assertNotExpired(credentials, deps.now());
          secrets = [credentials.secretAccessKey, ...(credentials.sessionToken ? [credentials.sessionToken] : [])];
          signed = await signRequest({
            method: spec.method,
            url: spec.url,
            headers,
            body,
            region: spec.auth.region,
            service: spec.auth.service,
            credentials,
            signingDate: deps.now(),
            isQuerySigned: spec.auth.isQuerySigned,
            expiresInSeconds: spec.auth.expiresInSeconds,
            ...(spec.auth.payload === undefined ? {} : { payload: spec.auth.payload === 'unsigned' ? 'unsigned' : 'signed' }),
          });
          wire = { method: signed.method, url: signed.url, headers: signed.headers, body };
        } else {
          const url = parseRequestUrl(spec.url);
          const hasHost = headers.some(([name]) => name.toLowerCase() === 'host');
          wire = {
            method: spec.method.toUpperCase(),
            url: formatRequestUrl(url),
            headers: hasHost ? headers : [['host', url.hostHeader], ...headers],
            body,
          };
        }
        if (controller.signal.aborted) throw new ShomeiError('CANCELLED', 'The request was cancelled');
        onProgress?.({ requestId, phase: 'sending' });
        const response = await deps.transport.send(wire, {
          timeoutMs: spec.options.timeoutMs,
          maxBodyBytes: spec.options.maxBodyBytes,
          signal: controller.signal,
          onProgress: (receivedBytes) => onProgress?.({ requestId, phase: 'receiving', receivedBytes }),
        });
        onProgress?.({ requestId, phase: 'done', receivedBytes: response.body.byteLength });
        const redact = makeRedactor(secrets);
        const contentType = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
        return {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          body: {
            base64: response.body.toString('base64'),
            size: response.body.byteLength,
            isTruncated: response.isTruncated,
            ...(contentType === undefined ? {} : { contentType }),
          },
          timing: response.timing,
          request: {
            method: wire.method,
            url: redact(wire.url),
            headers: wire.headers.map(([name, value]): HeaderPair => [name, redactHeader(name, value, redact)]),
            bodySize: body.byteLength,
          },
          ...(signed
            ? {
                signing: {
                  canonicalRequest: redact(signed.canonicalRequest),
                  stringToSign: signed.stringToSign,
                  signature: signed.signature,
                  signedHeaders: signed.signedHeaders,
                  credentialScope: signed.credentialScope,
                  region: signed.region,
                  service: signed.service,
                  isQuerySigned: signed.isQuerySigned,
                },
              }
            : {}),
        };
      } finally {
        inFlight.delete(requestId);
      }
    },
    cancel(requestId) {
      const controller = inFlight.get(requestId);
      if (!controller) return false;
      controller.abort();
      return true;
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

function assertNotExpired(credentials: ResolvedCredentials, now: Date): void {
  if (credentials.expiration && credentials.expiration.getTime() <= now.getTime()) {
    const minutes = Math.max(1, Math.round((now.getTime() - credentials.expiration.getTime()) / 60_000));
    throw new ShomeiError(
      'CREDENTIALS_EXPIRED',
      `These credentials expired at ${credentials.expiration.toISOString()} (${minutes} minute${minutes === 1 ? '' : 's'} ago). Nothing was sent. Paste fresh ones or renew them (for example with aws sts assume-role or aws sso login).`,
      { expiredAt: credentials.expiration.toISOString() },
    );
  }
}

function bodyBytes(spec: RequestSpec): Uint8Array {
  switch (spec.body.kind) {
    case 'none':
      return new Uint8Array(0);
    case 'text':
      return Buffer.from(spec.body.text, 'utf8');
    case 'base64':
      return Buffer.from(spec.body.base64, 'base64');
  }
}

function buildHeaders(spec: RequestSpec): Array<[string, string]> {
  // HTTP drops leading and trailing whitespace of a value in transit; trim it here so what is
  // signed, what is sent and what the server reads are the same string.
  const headers: Array<[string, string]> = spec.headers.filter((row) => row.isEnabled).map((row) => [row.name, row.value.trim()]);
  const hasContentType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  if (!hasContentType && spec.body.kind !== 'none' && spec.body.contentType) {
    headers.push(['Content-Type', spec.body.contentType]);
  }
  return headers;
}

function makeRedactor(secrets: string[]): (text: string) => string {
  const needles = secrets
    .filter((s) => s.length >= 8)
    .flatMap((s) => [s, encodeURIComponent(s)])
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

function redactHeader(name: string, value: string, redact: (text: string) => string): string {
  return name.toLowerCase() === 'x-amz-security-token' ? REDACTED : redact(value);
}
