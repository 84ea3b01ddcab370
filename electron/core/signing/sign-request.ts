import { serviceRules, UNSIGNED_PAYLOAD } from '../../../shared/aws/service-rules';
import type { HttpRequest as SmithyRequest } from '@smithy/types';
import type { SigningSummary } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { WireRequest } from '../http/http-transport';
import { NodeSha256, sha256Hex } from './node-sha256';
import { formatRequestUrl, parseRequestUrl, type RequestUrl } from './request-url';
import type { InspectableSignerV4a } from './sign-v4a';
import { sigV4Signer, type InspectableSigner, type SigningCall } from './sigv4-signer';
import { allHeaderNames, fromQueryBag, mergeHeaders, setHeader, toQueryBag, toWireHeaders } from './smithy-shapes';

/** Resolved keys used for one signature. Lives only in main, only for the call. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** `signed`: the body's SHA-256 is signed; `unsigned`: the literal `UNSIGNED-PAYLOAD`. */
export type PayloadSigning = 'signed' | 'unsigned';

/** SigV4 (HMAC, one region) or SigV4a (ECDSA P-256, a region set). */
export type SigningAlgorithm = 'sigv4' | 'sigv4a';

/** One request to sign, exactly as it will be sent. */
export interface SignInput {
  method: string;
  /** The URL as typed, or already parsed (`parseRequestUrl`) by whoever resolved the request: it is not parsed again. */
  url: string | RequestUrl;
  /** Enabled headers in order; repeated names are joined with `,` as SigV4 requires. */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
  /**
   * The payload's SHA-256 (hex), already computed: for a body streamed from disk, which is
   * hashed once as a stream and passed here with an empty `body`.
   */
  payloadSha256?: string | undefined;
  region: string;
  service: string;
  credentials: SigningCredentials;
  /** Defaults to now. */
  signingDate?: Date;
  /** Sign into the query string (a presigned URL) instead of the `Authorization` header. */
  isQuerySigned?: boolean;
  /** Presigned URL lifetime, seconds (default 900, at most 7 days). */
  expiresInSeconds?: number;
  /** Default `signed`. */
  payload?: PayloadSigning;
  /** Send `x-amz-content-sha256`. Default: true for S3-style services, false otherwise. */
  isContentSha256Sent?: boolean;
  /** Sign the session token (default) or append it after signing. */
  isSessionTokenSigned?: boolean;
  /**
   * Take the URL's path as the exact wire path instead of encoding it once. AWS's test vectors
   * describe raw (unencoded) wire paths; the app always leaves this off. Only for a `url` string.
   */
  isPathVerbatim?: boolean;
  /** Default `sigv4`. */
  algorithm?: SigningAlgorithm | undefined;
  /** SigV4a only: the regions the signature is good for, `*` (the default) or `us-east-1,us-west-2`. */
  regionSet?: string | undefined;
  /** `single`: the path is encoded once and never normalized (S3); `double`: the rest. Default from the service. */
  pathEncoding?: 'single' | 'double' | undefined;
}

/**
 * What one signature covers, as smithy computed it: the inspector's view once redacted
 * (`SigningSummary`). Main only: the canonical request holds a signed session token.
 */
export type SigningRecord = Required<SigningSummary>;

/** A wire request that was signed: its `signing` says what was signed. */
type SignedWireRequest = WireRequest & { headers: Array<[string, string]>; body: Uint8Array; signing: SigningRecord };

const MAX_PRESIGN_SECONDS = 604_800;

/**
 * Signs one request with `@smithy/signature-v4` and Node's SHA-256. Pure apart from the clock:
 * the returned wire request's headers, URL and body are the exact bytes to send, and nothing may change a
 * signed header afterwards. Throws `SIGNING_FAILED` or `INVALID_INPUT`; never logs a secret.
 */
export async function signRequest(input: SignInput): Promise<SignedWireRequest> {
  const url =
    typeof input.url === 'string'
      ? parseRequestUrl(input.url, { isPathVerbatim: input.isPathVerbatim ?? false })
      : input.url;
  const service = input.service;
  const rules = serviceRules(service);
  const isS3Style = rules.pathEncoding === 'single';
  const algorithm = input.algorithm ?? 'sigv4';
  const regionSet = input.regionSet?.trim() || '*';
  // SigV4a's elliptic-curve signer loads at its first use: `shomei sign` and most sends never need it.
  const v4a = algorithm === 'sigv4a' ? await import('./sign-v4a') : undefined;
  if (v4a && !v4a.REGION_SET_PATTERN.test(regionSet)) {
    throw new ShomeiError(
      'INVALID_INPUT',
      `The region set "${regionSet}" is not * or regions separated by commas (us-east-1,us-west-2)`,
    );
  }
  const payload = input.payload ?? rules.payload;
  const isQuerySigned = input.isQuerySigned ?? false;
  const isContentSha256Sent = !isQuerySigned && (input.isContentSha256Sent ?? rules.isContentSha256Sent);
  const isSessionTokenSigned = input.isSessionTokenSigned ?? true;
  const method = input.method.toUpperCase();

  const { headers, wireNames } = mergeHeaders(input.headers, url);
  if (isContentSha256Sent) {
    setHeader(
      headers,
      wireNames,
      'x-amz-content-sha256',
      payload === 'unsigned' ? UNSIGNED_PAYLOAD : (input.payloadSha256 ?? sha256Hex(input.body)),
    );
  } else if (payload === 'unsigned' && !isQuerySigned) {
    // smithy signs the value of this header as the payload hash; without it there is no way to say UNSIGNED-PAYLOAD.
    setHeader(headers, wireNames, 'x-amz-content-sha256', UNSIGNED_PAYLOAD);
  }

  const credentials = {
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    ...(isSessionTokenSigned && input.credentials.sessionToken ? { sessionToken: input.credentials.sessionToken } : {}),
  };
  const uriEscapePath = (input.pathEncoding ?? (isS3Style ? 'single' : 'double')) === 'double';
  const isPayloadHashed = !(isQuerySigned && (isS3Style || payload === 'unsigned'));
  // A hash computed outside smithy stands in for smithy's own, unless a header already says what the payload hash is.
  const outsideHash =
    isPayloadHashed && payload === 'signed' && !wireNames.has('x-amz-content-sha256') ? input.payloadSha256 : undefined;
  // For a presigned S3-style URL the payload is always UNSIGNED-PAYLOAD; smithy says so for a body it cannot hash.
  const body: Uint8Array | object = isPayloadHashed ? input.body : PAYLOAD_NOT_HASHED;
  const record: SigningCall = { payloadSha256: outsideHash };
  let signer: InspectableSigner | InspectableSignerV4a;
  let signedBody: Uint8Array | object = body;
  if (v4a) {
    signer = new v4a.InspectableSignerV4a({
      credentials,
      region: regionSet,
      service,
      sha256: NodeSha256,
      uriEscapePath,
      applyChecksum: false,
    });
    signer.payloadSha256 = outsideHash;
  } else {
    signer = sigV4Signer(credentials, service, uriEscapePath);
    signedBody = signer.track(body, record);
  }
  const request: SmithyRequest = {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === undefined ? {} : { port: url.port }),
    path: url.path,
    query: toQueryBag(url.query),
    headers,
    body: signedBody,
  };

  const signingDate = input.signingDate ?? new Date();
  const signingRegion = algorithm === 'sigv4a' ? regionSet : input.region;
  let signed: SmithyRequest;
  try {
    if (isQuerySigned) {
      const expiresIn = input.expiresInSeconds ?? 900;
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
        throw new ShomeiError('INVALID_INPUT', 'A presigned URL lasts from 1 second to 7 days (604800 s)');
      }
      const unhoistableHeaders = allHeaderNames(headers);
      signed =
        v4a && signer instanceof v4a.InspectableSignerV4a
          ? await signer.presign(request, { signingDate, expiresIn, unhoistableHeaders })
          : await signer.presign(request, {
              signingDate,
              signingRegion,
              expiresIn,
              hoistableHeaders: new Set(),
              unhoistableHeaders,
            });
    } else {
      signed = await signer.sign(request, { signingDate, signingRegion });
    }
  } catch (error) {
    if (error instanceof ShomeiError) throw error;
    throw new ShomeiError('SIGNING_FAILED', `Could not sign the request: ${messageOf(error)}`);
  }
  const { canonicalRequest, stringToSign } = v4a && signer instanceof v4a.InspectableSignerV4a ? signer : record;
  if (canonicalRequest === undefined || stringToSign === undefined) {
    throw new ShomeiError('SIGNING_FAILED', 'The signer did not report what it signed');
  }

  // The canonical request ends with the signed header list and the payload hash, one line each.
  const lastBreak = canonicalRequest.lastIndexOf('\n');
  const signedHeaderNames = canonicalRequest.slice(canonicalRequest.lastIndexOf('\n', lastBreak - 1) + 1, lastBreak);
  const signature = isQuerySigned
    ? String(signed.query?.['X-Amz-Signature'] ?? '')
    : signatureOf(signed.headers['authorization'], algorithm);
  if (!isSessionTokenSigned && input.credentials.sessionToken) {
    if (isQuerySigned) {
      (signed.query as Record<string, string>)['X-Amz-Security-Token'] = input.credentials.sessionToken;
    } else {
      signed.headers['X-Amz-Security-Token'] = input.credentials.sessionToken;
    }
  }

  return {
    method,
    url: isQuerySigned ? formatRequestUrl(url, fromQueryBag(url.query, signed.query ?? {})) : url.href,
    headers: toWireHeaders(signed.headers, wireNames),
    body: input.body,
    signing: {
      canonicalRequest,
      stringToSign,
      signature,
      signedHeaders: signedHeaderNames,
      // The string to sign's third line.
      credentialScope: stringToSign.split('\n', 3)[2] ?? '',
      region: signingRegion,
      service,
      isQuerySigned,
      algorithm,
    },
  };
}

/** The signature at the end of smithy's `Authorization` value (`…, Signature=<hex>`). */
function signatureOf(authorization: string | undefined, algorithm: SigningAlgorithm): string {
  if (authorization === undefined) return '';
  // A SigV4 signature is an HMAC-SHA-256 in hex: the value's last 64 characters.
  if (algorithm === 'sigv4') return authorization.slice(-64);
  const at = authorization.lastIndexOf('Signature=');
  return at === -1 ? '' : authorization.slice(at + 'Signature='.length);
}

/** A body smithy cannot hash, so it signs `UNSIGNED-PAYLOAD` (its documented stream behaviour). */
const PAYLOAD_NOT_HASHED: object = Object.freeze({ unhashable: true });

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
