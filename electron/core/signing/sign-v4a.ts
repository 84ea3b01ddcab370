import {
  ALGORITHM_IDENTIFIER_V4A,
  ALGORITHM_QUERY_PARAM,
  AMZ_DATE_QUERY_PARAM,
  CREDENTIAL_QUERY_PARAM,
  EXPIRES_QUERY_PARAM,
  REGION_SET_PARAM,
  SIGNATURE_QUERY_PARAM,
  SIGNED_HEADERS_QUERY_PARAM,
  TOKEN_QUERY_PARAM,
  getCanonicalHeaders,
  getPayloadHash,
  moveHeadersToQuery,
  prepareRequest,
} from '@smithy/signature-v4';
import { SignatureV4a } from '@smithy/signature-v4a';
import type { HeaderBag, HttpRequest as SmithyRequest } from '@smithy/types';

/** The SigV4a algorithm name, as it appears in `Authorization` and `X-Amz-Algorithm`. */
export const SIGV4A_ALGORITHM = ALGORITHM_IDENTIFIER_V4A;

/**
 * A region set for SigV4a: `*` (every region) or regions joined by commas, each possibly ending
 * in a `*` wildcard (`us-*`). Lower-case letters, digits and `-`.
 */
export const REGION_SET_PATTERN = /^(?:\*|[a-z0-9-]+\*?)(?:,(?:\*|[a-z0-9-]+\*?))*$/;

/**
 * smithy's SigV4a signer (ECDSA P-256 from `@smithy/signature-v4a`), remembering the canonical
 * request and string to sign it produced, like the SigV4 one in `sign-request.ts`, and adding the
 * presigned-URL form smithy's SigV4a class lacks (it only signs headers).
 */
export class InspectableSignerV4a extends SignatureV4a {
  canonicalRequest: string | undefined;
  stringToSign: string | undefined;
  /** A payload hash computed outside smithy (a streamed body), used in place of smithy's own. */
  payloadSha256: string | undefined;
  /** While presigning: the query-form canonical request that replaces the header form. */
  private presignedCanonicalRequest: string | undefined;

  protected override createCanonicalRequest(
    request: SmithyRequest,
    canonicalHeaders: HeaderBag,
    payloadHash: string,
  ): string {
    return (
      this.presignedCanonicalRequest ??
      super.createCanonicalRequest(request, canonicalHeaders, this.payloadSha256 ?? payloadHash)
    );
  }

  protected override async createStringToSign(
    longDate: string,
    credentialScope: string,
    canonicalRequest: string,
    algorithmIdentifier: string,
  ): Promise<string> {
    const stringToSign = await super.createStringToSign(
      longDate,
      credentialScope,
      canonicalRequest,
      algorithmIdentifier,
    );
    this.canonicalRequest = canonicalRequest;
    this.stringToSign = stringToSign;
    return stringToSign;
  }

  /**
   * Signs into the query string, as the AWS Common Runtime's SigV4a presigning does: headers stay
   * headers (the caller lists them as unhoistable), `X-Amz-Region-Set` joins the usual `X-Amz-*`
   * parameters. The canonical request is built with smithy's own canonicalization and then signed
   * through smithy's header signer, so key derivation and ECDSA stay the library's.
   */
  async presign(
    original: SmithyRequest,
    options: { signingDate: Date; expiresIn: number; unhoistableHeaders: Set<string> },
  ): Promise<SmithyRequest> {
    const credentials = await this.credentialProvider();
    this.validateResolvedCredentials(credentials);
    const regionSet = await this.regionProvider();
    const { longDate, shortDate } = this.formatDate(options.signingDate);
    const request = moveHeadersToQuery(prepareRequest(original), {
      unhoistableHeaders: options.unhoistableHeaders,
      hoistableHeaders: new Set(),
    });
    if (credentials.sessionToken) request.query[TOKEN_QUERY_PARAM] = credentials.sessionToken;
    request.query[ALGORITHM_QUERY_PARAM] = ALGORITHM_IDENTIFIER_V4A;
    request.query[CREDENTIAL_QUERY_PARAM] = `${credentials.accessKeyId}/${shortDate}/${this.service}/aws4_request`;
    request.query[AMZ_DATE_QUERY_PARAM] = longDate;
    request.query[EXPIRES_QUERY_PARAM] = String(options.expiresIn);
    request.query[REGION_SET_PARAM] = regionSet;
    const canonicalHeaders = getCanonicalHeaders(request);
    request.query[SIGNED_HEADERS_QUERY_PARAM] = this.getCanonicalHeaderList(canonicalHeaders);
    const payloadHash = this.payloadSha256 ?? (await getPayloadHash(original, this.sha256));
    this.presignedCanonicalRequest = super.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    try {
      const signed = (await this.sign(
        { ...original, headers: {} },
        { signingDate: options.signingDate },
      )) as SmithyRequest;
      const signature = /Signature=([0-9a-f]+)/.exec(signed.headers['authorization'] ?? '')?.[1];
      if (!signature) throw new Error('no signature produced');
      request.query[SIGNATURE_QUERY_PARAM] = signature;
    } finally {
      this.presignedCanonicalRequest = undefined;
    }
    return request;
  }
}
