/**
 * How each AWS service wants to be signed, written once: the signer (main), the presets read from
 * a host, the editor's "headers Shomei adds" and the code generator all ask here, so they cannot
 * drift apart.
 */

/** Services that encode the path once and never normalise it, and that accept `UNSIGNED-PAYLOAD`. */
const S3_STYLE_SERVICES: ReadonlySet<string> = new Set(['s3', 's3-object-lambda', 's3express', 's3-outposts']);
/** Services that want `x-amz-content-sha256` sent (and signed) with the payload hash. */
const CONTENT_SHA256_SERVICES: ReadonlySet<string> = new Set([
  ...S3_STYLE_SERVICES,
  'aoss',
  'glacier',
  'vpc-lattice-svcs',
]);
/** Services that do not sign payloads: their default is `UNSIGNED-PAYLOAD`. */
const UNSIGNED_PAYLOAD_SERVICES: ReadonlySet<string> = new Set(['vpc-lattice-svcs']);

/** The literal SigV4 puts in place of a payload hash when the body is not signed. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** The signing rules of one service (its SigV4 signing name, e.g. `s3`, `execute-api`). */
export interface ServiceRules {
  /** S3-style services sign the path as sent (`single`); the rest encode each segment again (`double`) and normalise it. */
  pathEncoding: 'single' | 'double';
  /** Send and sign `x-amz-content-sha256`. */
  isContentSha256Sent: boolean;
  /** The payload hash by default. */
  payload: 'signed' | 'unsigned';
  /** True when the service also accepts `UNSIGNED-PAYLOAD`, offered as a visible choice. */
  isUnsignedPayloadAllowed: boolean;
}

/** The rules for `service` (trimmed); an unknown service gets SigV4's defaults. Never throws. */
export function serviceRules(service: string): ServiceRules {
  const name = service.trim();
  const isS3Style = S3_STYLE_SERVICES.has(name);
  const isUnsignedByDefault = UNSIGNED_PAYLOAD_SERVICES.has(name);
  return {
    pathEncoding: isS3Style ? 'single' : 'double',
    isContentSha256Sent: CONTENT_SHA256_SERVICES.has(name),
    payload: isUnsignedByDefault ? 'unsigned' : 'signed',
    isUnsignedPayloadAllowed: isS3Style || isUnsignedByDefault,
  };
}
