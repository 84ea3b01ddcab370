import { serviceRules } from './service-rules';

/** Which kind of AWS endpoint a host is. */
export type PresetKind = 'api-gateway' | 'lambda-url' | 's3' | 'opensearch' | 'opensearch-serverless' | 'appsync' | 'vpc-lattice' | 'aws';

/** How to sign for an endpoint, read from its host name; every field stays overridable. */
export interface SigningTarget {
  kind: PresetKind;
  /** e.g. "API Gateway", "S3 access point". */
  label: string;
  service: string;
  region: string;
  /** What the payload hash is by default. */
  payload: 'signed' | 'unsigned';
  /** True when the service also accepts `UNSIGNED-PAYLOAD`, offered as a visible choice. */
  isUnsignedPayloadAllowed: boolean;
  /** Send (and sign) `x-amz-content-sha256`. */
  isContentSha256Sent: boolean;
  /** S3-style services encode the path once and never normalize it; the rest encode twice. */
  pathEncoding: 'single' | 'double';
  /** Set for endpoints that need SigV4a (S3 Multi-Region Access Points), signed for `regionSet`. */
  algorithm?: 'sigv4a';
  regionSet?: string;
}

/** A region label (`eu-west-3`, `us-gov-west-1`); strict, so a bucket named `my-bucket-1` is not one. */
const REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
/** Services whose one global endpoint signs for us-east-1 (aws partition). */
const GLOBAL_SERVICES = new Set(['iam', 'sts', 'route53', 'cloudfront', 'organizations', 'shield', 'globalaccelerator', 's3']);

function target(kind: PresetKind, label: string, service: string, region: string, extra: Partial<SigningTarget> = {}): SigningTarget {
  return { kind, label, service, region, ...serviceRules(service), ...extra };
}

/**
 * Reads the SigV4 service and region from an AWS host: API Gateway (incl. private and VPC-endpoint
 * names), Lambda function URLs, S3 (virtual-hosted, path-style, dual-stack, FIPS, access points,
 * Object Lambda, the global endpoint, Multi-Region Access Points with SigV4a), OpenSearch and OpenSearch Serverless, AppSync, VPC Lattice,
 * and any `<service>.<region>.amazonaws.com`. Undefined for a custom domain: the user's fields rule.
 */
export function detectSigningTarget(hostOrUrl: string): SigningTarget | undefined {
  let host = hostOrUrl.trim().toLowerCase();
  const schemeEnd = host.indexOf('://');
  if (schemeEnd >= 0) host = host.slice(schemeEnd + 3).split(/[/?#]/)[0] ?? '';
  host = host.replace(/^[^@]*@/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  const isAmazonaws = /\.amazonaws\.com(\.cn)?$/.test(host) || /^[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host);
  const isOnAws = /\.on\.aws$/.test(host);
  if (!isAmazonaws && !isOnAws) return undefined;
  const labels = host.split('.');
  // The last region-like label: bucket and domain names come before the region.
  const region = labels.findLast((label) => REGION.test(label));
  const has = (label: string) => labels.includes(label);

  if (isOnAws) {
    if (has('lambda-url') && region) return target('lambda-url', 'Lambda function URL', 'lambda', region);
    if (has('vpc-lattice-svcs') && region) {
      // VPC Lattice does not sign payloads: UNSIGNED-PAYLOAD, sent in x-amz-content-sha256 (service-rules).
      return target('vpc-lattice', 'VPC Lattice service', 'vpc-lattice-svcs', region);
    }
    return undefined;
  }
  if (has('execute-api')) return region ? target('api-gateway', has('vpce') ? 'API Gateway (VPC endpoint)' : 'API Gateway', 'execute-api', region) : undefined;
  if (has('appsync-api') || has('appsync-realtime-api')) return region ? target('appsync', 'AppSync', 'appsync', region) : undefined;
  if (has('aoss') && region) return target('opensearch-serverless', 'OpenSearch Serverless', 'aoss', region);
  if (has('es') && region) return target('opensearch', 'OpenSearch', 'es', region);

  // S3 Multi-Region Access Points: <alias>.mrap.accesspoint.s3-global.amazonaws.com, SigV4a for every region.
  if (/\.mrap\.accesspoint\.s3-global\.amazonaws\.com$/.test(host)) {
    return target('s3', 'S3 Multi-Region Access Point', 's3', 'us-east-1', { algorithm: 'sigv4a', regionSet: '*' });
  }
  const s3Label = labels.find((label) => label === 's3' || label.startsWith('s3-') || label === 's3express');
  if (s3Label) {
    if (s3Label === 's3-object-lambda') return target('s3', 'S3 Object Lambda', 's3-object-lambda', region ?? 'us-east-1');
    const legacyRegion = /^s3-(?:fips-)?(.+)$/.exec(s3Label)?.[1];
    const label = s3Label === 's3-accesspoint' ? 'S3 access point' : has('dualstack') ? 'S3 (dual-stack)' : 'S3';
    return target('s3', label, 's3', region ?? (legacyRegion && REGION.test(legacyRegion) ? legacyRegion : 'us-east-1'));
  }

  // <service>[-fips].<region>.amazonaws.com, or a global <service>.amazonaws.com.
  const regionIndex = region === undefined ? -1 : labels.indexOf(region);
  const serviceLabel = regionIndex > 0 ? labels[regionIndex - 1] : labels.length === 3 || (labels.length === 4 && host.endsWith('.cn')) ? labels[0] : undefined;
  if (!serviceLabel) return undefined;
  const service = serviceLabel.replace(/-fips$/, '');
  if (region) return target('aws', service, service, region);
  return GLOBAL_SERVICES.has(service) ? target('aws', `${service} (global)`, service, host.endsWith('.cn') ? 'cn-north-1' : 'us-east-1') : undefined;
}
