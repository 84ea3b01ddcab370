import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SmithyRequest } from '@smithy/types';
import { NodeSha256 } from './node-sha256';
import type { SigningCredentials } from './sign-request';

const RECORD = Symbol('signing call');
type Tracked = { [RECORD]?: SigningCall };

/** What one call signed, found again on the body object it handed smithy (a fresh view per call). */
export interface SigningCall {
  /** A payload hash computed outside smithy (a streamed body), used in place of smithy's own. */
  payloadSha256: string | undefined;
  canonicalRequest?: string;
  /** Set by the time smithy's signature is. */
  stringToSign?: string;
}

/**
 * smithy's signer, remembering the canonical request and string to sign each call produced,
 * through its protected steps — so the inspector shows exactly what was signed. One instance
 * signs many requests, concurrently too: each call's record rides on its own body object, and
 * smithy calls `createStringToSign` right after `createCanonicalRequest`, in the same turn.
 */
export class InspectableSigner extends SignatureV4 {
  private current: SigningCall | undefined;

  /** The body to hand smithy for one call (the same bytes in a fresh object) carrying that call's record. */
  track(body: Uint8Array | object, record: SigningCall): Uint8Array | object {
    const own: Uint8Array | object =
      body instanceof Uint8Array ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : { ...body };
    // A symbol-keyed property, not a WeakMap: under Node 24 a WeakMap keyed by these short-lived
    // views grew the process's memory with every signature.
    (own as Tracked)[RECORD] = record;
    return own;
  }

  protected override createCanonicalRequest(
    request: SmithyRequest,
    canonicalHeaders: Record<string, string>,
    payloadHash: string,
  ): string {
    const record = (request.body as Tracked | undefined)?.[RECORD];
    const canonicalRequest = super.createCanonicalRequest(
      request,
      canonicalHeaders,
      record?.payloadSha256 ?? payloadHash,
    );
    if (record) record.canonicalRequest = canonicalRequest;
    this.current = record;
    return canonicalRequest;
  }

  protected override createStringToSign(
    longDate: string,
    credentialScope: string,
    canonicalRequest: string,
    algorithmIdentifier: string,
  ): Promise<string> {
    // Read now, before anything awaits: smithy called createCanonicalRequest for this very call just now.
    const record = this.current;
    this.current = undefined;
    const stringToSign = super.createStringToSign(longDate, credentialScope, canonicalRequest, algorithmIdentifier);
    // Registered before smithy awaits the same promise, so it is set before the signature is.
    if (record)
      void stringToSign.then(
        (text) => (record.stringToSign = text),
        () => undefined,
      );
    return stringToSign;
  }
}

/** SigV4 signers kept for reuse, by key id, service and path encoding; the region is given per call. */
const SIGNERS = new Map<
  string,
  { secretAccessKey: string; sessionToken: string | undefined; signer: InspectableSigner }
>();
const MAX_SIGNERS = 16;
/** The entry used last, checked first without building a key (most sends reuse the keys of the one before). */
let lastSigner:
  | {
      accessKeyId: string;
      service: string;
      uriEscapePath: boolean;
      secretAccessKey: string;
      sessionToken: string | undefined;
      signer: InspectableSigner;
    }
  | undefined;

/**
 * The SigV4 signer for these keys, service and path encoding: the one made last time when the
 * keys are the same. Security: the cache lives in main only, holds at most 16 signers (the oldest
 * goes first), and a different secret or session token under the same key id replaces the entry.
 */
export function sigV4Signer(
  credentials: SigningCredentials,
  service: string,
  uriEscapePath: boolean,
): InspectableSigner {
  const last = lastSigner;
  if (
    last &&
    last.accessKeyId === credentials.accessKeyId &&
    last.service === service &&
    last.uriEscapePath === uriEscapePath &&
    last.secretAccessKey === credentials.secretAccessKey &&
    last.sessionToken === credentials.sessionToken
  )
    return last.signer;
  const key = `${credentials.accessKeyId}\n${service}\n${uriEscapePath ? 'double' : 'single'}`;
  const kept = SIGNERS.get(key);
  if (kept && kept.secretAccessKey === credentials.secretAccessKey && kept.sessionToken === credentials.sessionToken) {
    lastSigner = { ...kept, accessKeyId: credentials.accessKeyId, service, uriEscapePath };
    return kept.signer;
  }
  const signer = new InspectableSigner({
    credentials: { ...credentials },
    region: 'us-east-1', // never used: every call passes its own signingRegion
    service,
    sha256: NodeSha256,
    uriEscapePath,
    applyChecksum: false,
  });
  const entry = { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken, signer };
  SIGNERS.delete(key);
  SIGNERS.set(key, entry);
  if (SIGNERS.size > MAX_SIGNERS) SIGNERS.delete(SIGNERS.keys().next().value as string);
  lastSigner = { ...entry, accessKeyId: credentials.accessKeyId, service, uriEscapePath };
  return signer;
}
