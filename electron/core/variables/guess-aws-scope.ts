/** Region and service read from an AWS host name; either may be missing. */
export interface AwsScopeGuess {
  region?: string | undefined;
  service?: string | undefined;
}

/**
 * Guesses the SigV4 region and service from a host such as `abc.execute-api.eu-west-1.amazonaws.com`,
 * `lambda.us-east-1.amazonaws.com`, `bucket.s3.us-west-2.amazonaws.com` or a Lambda function URL.
 * Returns what it could tell; the user can always override.
 */
export function guessAwsScope(host: string): AwsScopeGuess {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!/\.amazonaws\.com(\.cn)?$/.test(name) && !/\.on\.aws$/.test(name)) return {};
  const labels = name.split('.');
  const region = labels.find((label) => /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/.test(label));
  if (/\.lambda-url\./.test(name)) return { region, service: 'lambda' };
  if (labels.includes('execute-api')) return { region, service: 'execute-api' };
  if (labels.some((l) => l === 's3' || l.startsWith('s3-') || l === 's3-accesspoint'))
    return { region: region ?? 'us-east-1', service: 's3' };
  const regionIndex = region === undefined ? -1 : labels.indexOf(region);
  const service =
    regionIndex > 0 ? labels[regionIndex - 1] : labels.length >= 3 ? labels[labels.length - 3] : undefined;
  if (service === 'iam' || service === 'sts' || service === 'route53' || service === 'cloudfront') {
    return { region: region ?? 'us-east-1', service };
  }
  return { region, service };
}
