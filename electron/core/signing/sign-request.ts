import { serviceRules, UNSIGNED_PAYLOAD } from '../../../shared/aws/service-rules';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SmithyRequest, QueryParameterBag } from '@smithy/types';
import { ShomeiError } from '../../../shared/errors';
import { NodeSha256, sha256Hex } from './node-sha256';
import { formatRequestUrl, parseRequestUrl, type RequestUrl } from './request-url';
import { InspectableSignerV4a, REGION_SET_PATTERN } from './sign-v4a';

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
  url: string;
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
   * describe raw (unencoded) wire paths; the app always leaves this off.
   */
  isPathVerbatim?: boolean;
  /** Default `sigv4`. */
  algorithm?: SigningAlgorithm | undefined;
  /** SigV4a only: the regions the signature is good for, `*` (the default) or `us-east-1,us-west-2`. */
  regionSet?: string | undefined;
  /** `single`: the path is encoded once and never normalized (S3); `double`: the rest. Default from the service. */
  pathEncoding?: 'single' | 'double' | undefined;
}

/** The signed request: what goes on the wire, and what was signed, for the inspector. */
export interface SignedRequest {
  method: string;
  /** The final wire URL (with the signature in it when query-signed). */
  url: string;
  /** Every header that will be sent, `host` included, in order. */
  headers: Array<[string, string]>;
  body: Uint8Array;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  credentialScope: string;
  region: string;
  service: string;
  isQuerySigned: boolean;
  algorithm: SigningAlgorithm;
}

const MAX_PRESIGN_SECONDS = 604_800;

/**
 * smithy's signer, remembering the canonical request and string to sign it produced, through
 * its protected `createStringToSign` step — so the inspector shows exactly what was signed.
 */
class InspectableSigner extends SignatureV4 {
  canonicalRequest: string | undefined;
  stringToSign: string | undefined;
  /** A payload hash computed outside smithy (a streamed body), used in place of smithy's own. */
  payloadSha256: string | undefined;

  protected override createCanonicalRequest(request: SmithyRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return super.createCanonicalRequest(request, canonicalHeaders, this.payloadSha256 ?? payloadHash);
  }

  protected override async createStringToSign(longDate: string, credentialScope: string, canonicalRequest: string, algorithmIdentifier: string): Promise<string> {
    const stringToSign = await super.createStringToSign(longDate, credentialScope, canonicalRequest, algorithmIdentifier);
    this.canonicalRequest = canonicalRequest;
    this.stringToSign = stringToSign;
    return stringToSign;
  }
}

/**
 * Signs one request with `@smithy/signature-v4` and Node's SHA-256. Pure apart from the clock:
 * the returned headers, URL and body are the exact bytes to send, and nothing may change a
 * signed header afterwards. Throws `SIGNING_FAILED` or `INVALID_INPUT`; never logs a secret.
 */
export async function signRequest(input: SignInput): Promise<SignedRequest> {
  const url = parseRequestUrl(input.url, { isPathVerbatim: input.isPathVerbatim ?? false });
  const service = input.service;
  const rules = serviceRules(service);
  const isS3Style = rules.pathEncoding === 'single';
  const algorithm = input.algorithm ?? 'sigv4';
  const regionSet = input.regionSet?.trim() || '*';
  if (algorithm === 'sigv4a' && !REGION_SET_PATTERN.test(regionSet)) {
    throw new ShomeiError('INVALID_INPUT', `The region set "${regionSet}" is not * or regions separated by commas (us-east-1,us-west-2)`);
  }
  const payload = input.payload ?? rules.payload;
  const isQuerySigned = input.isQuerySigned ?? false;
  const isContentSha256Sent = !isQuerySigned && (input.isContentSha256Sent ?? rules.isContentSha256Sent);
  const isSessionTokenSigned = input.isSessionTokenSigned ?? true;
  const method = input.method.toUpperCase();

  const { headers, wireNames } = mergeHeaders(input.headers, url);
  if (isContentSha256Sent) {
    setHeader(headers, wireNames, 'x-amz-content-sha256', payload === 'unsigned' ? UNSIGNED_PAYLOAD : (input.payloadSha256 ?? sha256Hex(input.body)));
  } else if (payload === 'unsigned' && !isQuerySigned) {
    // smithy signs the value of this header as the payload hash; without it there is no way to say UNSIGNED-PAYLOAD.
    setHeader(headers, wireNames, 'x-amz-content-sha256', UNSIGNED_PAYLOAD);
  }

  const credentials = {
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    ...(isSessionTokenSigned && input.credentials.sessionToken ? { sessionToken: input.credentials.sessionToken } : {}),
  };
  const signerInit = {
    credentials,
    region: algorithm === 'sigv4a' ? regionSet : input.region,
    service,
    sha256: NodeSha256,
    uriEscapePath: (input.pathEncoding ?? (isS3Style ? 'single' : 'double')) === 'double',
    applyChecksum: false,
  };
  const signer = algorithm === 'sigv4a' ? new InspectableSignerV4a(signerInit) : new InspectableSigner(signerInit);

  const isPayloadHashed = !(isQuerySigned && (isS3Style || payload === 'unsigned'));
  // A hash computed outside smithy stands in for smithy's own, unless a header already says what the payload hash is.
  if (isPayloadHashed && payload === 'signed' && !wireNames.has('x-amz-content-sha256')) signer.payloadSha256 = input.payloadSha256;
  const request: SmithyRequest = {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === undefined ? {} : { port: url.port }),
    path: url.path,
    query: toQueryBag(url.query),
    headers,
    // For a presigned S3-style URL the payload is always UNSIGNED-PAYLOAD; smithy says so for a body it cannot hash.
    body: isPayloadHashed ? input.body : PAYLOAD_NOT_HASHED,
  };

  const signingDate = input.signingDate ?? new Date();
  let signed: SmithyRequest;
  try {
    if (isQuerySigned) {
      const expiresIn = input.expiresInSeconds ?? 900;
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
        throw new ShomeiError('INVALID_INPUT', 'A presigned URL lasts from 1 second to 7 days (604800 s)');
      }
      signed = await signer.presign(request, { signingDate, expiresIn, hoistableHeaders: new Set(), unhoistableHeaders: allHeaderNames(headers) });
    } else {
      signed = await signer.sign(request, { signingDate });
    }
  } catch (error) {
    if (error instanceof ShomeiError) throw error;
    throw new ShomeiError('SIGNING_FAILED', `Could not sign the request: ${messageOf(error)}`);
  }
  const { canonicalRequest, stringToSign } = signer;
  if (canonicalRequest === undefined || stringToSign === undefined) {
    throw new ShomeiError('SIGNING_FAILED', 'The signer did not report what it signed');
  }

  const signedHeaderNames = extractSignedHeaders(signed, isQuerySigned);
  const signature = extractSignature(signed, isQuerySigned);
  if (!isSessionTokenSigned && input.credentials.sessionToken) {
    if (isQuerySigned) {
      (signed.query as Record<string, string>)['X-Amz-Security-Token'] = input.credentials.sessionToken;
    } else {
      signed.headers['X-Amz-Security-Token'] = input.credentials.sessionToken;
    }
  }

  return {
    method,
    url: formatRequestUrl(url, isQuerySigned ? fromQueryBag(url.query, signed.query ?? {}) : url.query),
    headers: toWireHeaders(signed.headers, wireNames),
    body: input.body,
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders: signedHeaderNames,
    credentialScope: stringToSign.split('\n')[2] ?? '',
    region: algorithm === 'sigv4a' ? regionSet : input.region,
    service,
    isQuerySigned,
    algorithm,
  };
}

/** A body smithy cannot hash, so it signs `UNSIGNED-PAYLOAD` (its documented stream behaviour). */
const PAYLOAD_NOT_HASHED: unknown = Object.freeze({ unhashable: true });

function mergeHeaders(
  input: ReadonlyArray<readonly [string, string]>,
  url: RequestUrl,
): { headers: Record<string, string>; wireNames: Map<string, string> } {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const wireNames = new Map<string, string>();
  for (const [name, value] of input) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-amz-date' || lower === 'x-amz-security-token') {
      continue; // Security: the signer owns these; a stale copy must never ride along.
    }
    const existing = wireNames.get(lower);
    if (existing === undefined) {
      wireNames.set(lower, name);
      headers[name] = value;
    } else {
      headers[existing] = `${headers[existing]},${value}`;
    }
  }
  if (!wireNames.has('host')) {
    setHeader(headers, wireNames, 'host', url.hostHeader);
  }
  return { headers, wireNames };
}

function setHeader(headers: Record<string, string>, wireNames: Map<string, string>, lower: string, value: string): void {
  const existing = wireNames.get(lower);
  if (existing !== undefined) {
    headers[existing] = value;
    return;
  }
  wireNames.set(lower, lower);
  headers[lower] = value;
}

function allHeaderNames(headers: Record<string, string>): Set<string> {
  return new Set(Object.keys(headers).map((name) => name.toLowerCase()));
}

function toQueryBag(query: ReadonlyArray<readonly [string, string | null]>): QueryParameterBag {
  const bag: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, raw] of query) {
    const value = raw ?? '';
    const existing = bag[key];
    if (existing === undefined) bag[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else bag[key] = [existing, value];
  }
  return bag;
}

/** The user's pairs in their order, then the signature parameters smithy added. */
function fromQueryBag(original: ReadonlyArray<readonly [string, string | null]>, bag: QueryParameterBag): Array<[string, string | null]> {
  const originalKeys = new Set(original.map(([key]) => key));
  const out: Array<[string, string | null]> = original.map(([key, value]) => [key, value]);
  for (const key of Object.keys(bag)) {
    if (originalKeys.has(key)) continue;
    const value = bag[key];
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else if (typeof value === 'string') out.push([key, value]);
  }
  return out;
}

function toWireHeaders(headers: Record<string, string>, wireNames: Map<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const lower of wireNames.keys()) {
    const name = wireNames.get(lower) as string;
    const value = headers[name];
    if (value !== undefined) {
      out.push([name, value]);
      seen.add(name);
    }
  }
  for (const name of Object.keys(headers)) {
    if (!seen.has(name)) out.push([name, headers[name] as string]);
  }
  return out;
}

function extractSignedHeaders(signed: SmithyRequest, isQuerySigned: boolean): string {
  if (isQuerySigned) return String(signed.query?.['X-Amz-SignedHeaders'] ?? '');
  return /SignedHeaders=([^,]+)/.exec(signed.headers['authorization'] ?? '')?.[1] ?? '';
}

function extractSignature(signed: SmithyRequest, isQuerySigned: boolean): string {
  if (isQuerySigned) return String(signed.query?.['X-Amz-Signature'] ?? '');
  return /Signature=([0-9a-f]+)/.exec(signed.headers['authorization'] ?? '')?.[1] ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
