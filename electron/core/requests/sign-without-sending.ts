import type { HeaderPair, SigningSummary } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { parseRequestUrl } from '../signing/request-url';
import { signRequest } from '../signing/sign-request';
import { headersToSign, NO_BODY, signingOptionsOf, type PlannedRequest } from './planned-request';
import { makeRedactor, redactHeader, signingSummaryOf } from './redaction';
import { assertNotExpired, type CredentialResolver } from './resolved-credentials';
import { hashStreamedBody } from './streamed-body';

/** A handshake ready to open: never shown to the window as it is (it holds the signature and the token). */
export interface SignedHandshake {
  url: string;
  headers: Array<[string, string]>;
  signedIn: 'query' | 'headers' | 'none';
  /** Removes the secret key, the session token and every auth secret from a text. */
  redact: (text: string) => string;
}

/** Signing without a send: what the request service's presign, inspect and handshake do. */
export interface SigningWithoutSending {
  inspect(request: PlannedRequest): Promise<{ signing: SigningSummary; headers: HeaderPair[]; url: string }>;
  presign(request: PlannedRequest): Promise<{ url: string; expiresAt: string }>;
  handshake(request: PlannedRequest): Promise<SignedHandshake>;
}

/**
 * Signs a planned request as a send would, without sending it: Preview signature (redacted),
 * Copy presigned URL (expiring with the URL or the credentials, whichever is first) and a
 * WebSocket handshake. Expired credentials are refused; an auth other than AWS Signature is
 * refused for a preview or presigned URL and passed through for a handshake.
 */
export function createSigningWithoutSending(deps: {
  resolveCredentials: CredentialResolver;
  now: () => Date;
}): SigningWithoutSending {
  /** Resolves credentials and signs without sending; presigned URLs and the inspector's preview. */
  const signOnly = async (request: PlannedRequest, isQuerySigned: boolean, purpose: string) => {
    if (request.auth.type !== 'aws-sigv4')
      throw new ShomeiError('INVALID_INPUT', `Choose AWS Signature in the Auth tab to ${purpose}`);
    const credentials = await deps.resolveCredentials(request.auth.credentials);
    assertNotExpired(credentials, deps.now());
    const body = request.body;
    const payloadSha256 =
      body.kind === 'streamed' && request.auth.payload !== 'unsigned' ? await hashStreamedBody(body) : undefined;
    const now = deps.now();
    const signed = await signRequest({
      method: request.method,
      url: request.url,
      headers: headersToSign(request, body.contentType),
      body: body.kind === 'bytes' ? body.bytes : new Uint8Array(0),
      payloadSha256,
      ...signingOptionsOf(request.auth),
      credentials,
      signingDate: now,
      isQuerySigned,
    });
    return { signed, credentials, now, expiresInSeconds: request.auth.expiresInSeconds };
  };

  const inspect = async (
    request: PlannedRequest,
  ): Promise<{ signing: SigningSummary; headers: HeaderPair[]; url: string }> => {
    const { signed, credentials } = await signOnly(
      request,
      request.auth.type === 'aws-sigv4' && request.auth.isQuerySigned,
      'preview the signature',
    );
    const redact = makeRedactor(
      [
        credentials.secretAccessKey,
        ...(credentials.sessionToken ? [credentials.sessionToken] : []),
        ...request.secrets.values,
      ],
      request.secrets.names,
    );
    return {
      url: redact(signed.url),
      headers: signed.headers.map(([n, v]): HeaderPair => [n, redactHeader(n, v, redact)]),
      signing: signingSummaryOf(signed.signing, redact),
    };
  };

  const presign = async (request: PlannedRequest): Promise<{ url: string; expiresAt: string }> => {
    const { signed, credentials, now, expiresInSeconds } = await signOnly(request, true, 'make a presigned URL');
    // A presigned URL stops working at its own expiry or when the credentials expire, whichever is first.
    const urlExpiry = now.getTime() + expiresInSeconds * 1000;
    const expiresAt = new Date(Math.min(urlExpiry, credentials.expiration?.getTime() ?? urlExpiry));
    return { url: signed.url, expiresAt: expiresAt.toISOString() };
  };

  const handshake = async (request: PlannedRequest): Promise<SignedHandshake> => {
    const secrets = request.secrets.values;
    if (request.auth.type !== 'aws-sigv4') {
      return {
        url: parseRequestUrl(request.url).href,
        headers: headersToSign(request, undefined),
        signedIn: 'none',
        redact: makeRedactor(secrets),
      };
    }
    const { signed, credentials } = await signOnly(
      { ...request, method: 'GET', body: NO_BODY },
      request.auth.isQuerySigned,
      'sign',
    );
    return {
      url: signed.url,
      headers: signed.headers,
      signedIn: signed.signing.isQuerySigned ? 'query' : 'headers',
      redact: makeRedactor([
        credentials.secretAccessKey,
        ...(credentials.sessionToken ? [credentials.sessionToken] : []),
        signed.signing.signature,
        ...secrets,
      ]),
    };
  };

  return { inspect, presign, handshake };
}
