import { detectSigningTarget } from '../../../shared/aws/signing-presets';

/** Region and service read from an AWS host name; either may be missing. */
export interface AwsScopeGuess {
  region?: string | undefined;
  service?: string | undefined;
  /** `sigv4a` for hosts that need it (S3 Multi-Region Access Points). */
  algorithm?: 'sigv4a' | undefined;
}

/**
 * Guesses the SigV4 region and service from a host such as `abc.execute-api.eu-west-1.amazonaws.com`,
 * `lambda.us-east-1.amazonaws.com`, `bucket.s3.us-west-2.amazonaws.com` or a Lambda function URL
 * (see `detectSigningTarget` for every preset). Returns what it could tell; the user can always override.
 */
export function guessAwsScope(host: string): AwsScopeGuess {
  const detected = detectSigningTarget(host);
  if (!detected) return {};
  return {
    region: detected.region,
    service: detected.service,
    ...(detected.algorithm ? { algorithm: detected.algorithm } : {}),
  };
}
