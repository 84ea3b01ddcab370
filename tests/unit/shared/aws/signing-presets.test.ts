import { describe, expect, it } from 'vitest';
import { detectSigningTarget } from '../../../../shared/aws/signing-presets';

describe('detectSigningTarget reads service, region and payload rules from real-world hosts', () => {
  it.each([
    // host, service, region, payload, x-amz-content-sha256, path encoding
    ['abc123defg.execute-api.ap-northeast-1.amazonaws.com', 'execute-api', 'ap-northeast-1', 'signed', false, 'double'],
    ['https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/items?x=1', 'execute-api', 'us-east-1', 'signed', false, 'double'],
    ['abc123defg-vpce-0a1b2c3d4e5f67890.execute-api.eu-west-1.amazonaws.com', 'execute-api', 'eu-west-1', 'signed', false, 'double'],
    ['vpce-0a1b2c3d4e5f67890-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com', 'execute-api', 'eu-west-1', 'signed', false, 'double'],
    ['abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-2.on.aws', 'lambda', 'us-east-2', 'signed', false, 'double'],
    ['my-bucket.s3.eu-central-1.amazonaws.com', 's3', 'eu-central-1', 'signed', true, 'single'],
    ['us-east-1-logs.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1', 'signed', true, 'single'],
    ['my-bucket-1.s3.amazonaws.com', 's3', 'us-east-1', 'signed', true, 'single'],
    ['s3.us-west-2.amazonaws.com', 's3', 'us-west-2', 'signed', true, 'single'],
    ['my-bucket.s3-us-west-1.amazonaws.com', 's3', 'us-west-1', 'signed', true, 'single'],
    ['my-bucket.s3.amazonaws.com', 's3', 'us-east-1', 'signed', true, 'single'],
    ['s3.amazonaws.com', 's3', 'us-east-1', 'signed', true, 'single'],
    ['my-bucket.s3.dualstack.ap-south-1.amazonaws.com', 's3', 'ap-south-1', 'signed', true, 'single'],
    ['my-bucket.s3-fips.us-gov-west-1.amazonaws.com', 's3', 'us-gov-west-1', 'signed', true, 'single'],
    ['finance-docs-123456789012.s3-accesspoint.us-east-1.amazonaws.com', 's3', 'us-east-1', 'signed', true, 'single'],
    ['my-olap-123456789012.s3-object-lambda.us-east-1.amazonaws.com', 's3-object-lambda', 'us-east-1', 'signed', true, 'single'],
    ['my-bucket.s3.cn-north-1.amazonaws.com.cn', 's3', 'cn-north-1', 'signed', true, 'single'],
    ['search-logs-abcdefghijklmnopqrstuvwxyz.eu-west-3.es.amazonaws.com', 'es', 'eu-west-3', 'signed', false, 'double'],
    ['vpc-logs-abcdefghijklmnop.us-east-1.es.amazonaws.com', 'es', 'us-east-1', 'signed', false, 'double'],
    ['abcdefghij0123456789.us-east-1.aoss.amazonaws.com', 'aoss', 'us-east-1', 'signed', true, 'double'],
    ['abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1', 'signed', false, 'double'],
    ['abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1', 'signed', false, 'double'],
    ['my-service-0bf3f2882e9cc805a.7d67968.vpc-lattice-svcs.us-west-2.on.aws', 'vpc-lattice-svcs', 'us-west-2', 'unsigned', true, 'double'],
    ['dynamodb.us-west-2.amazonaws.com', 'dynamodb', 'us-west-2', 'signed', false, 'double'],
    ['lambda.eu-north-1.amazonaws.com', 'lambda', 'eu-north-1', 'signed', false, 'double'],
    ['sqs-fips.us-east-1.amazonaws.com', 'sqs', 'us-east-1', 'signed', false, 'double'],
    ['sts.amazonaws.com', 'sts', 'us-east-1', 'signed', false, 'double'],
    ['iam.amazonaws.com', 'iam', 'us-east-1', 'signed', false, 'double'],
    ['sts.ap-southeast-2.amazonaws.com:443', 'sts', 'ap-southeast-2', 'signed', false, 'double'],
  ])('%s → %s in %s', (host, service, region, payload, isContentSha256Sent, pathEncoding) => {
    expect(detectSigningTarget(host)).toMatchObject({ service, region, payload, isContentSha256Sent, pathEncoding });
  });

  it.each(['api.example.com', 'localhost', '127.0.0.1', 'example.on.aws', 'amazonaws.com.evil.example', 'foo.execute-api.amazonaws.com'])(
    'leaves %s to the fields the user set',
    (host) => {
      expect(detectSigningTarget(host)).toBeUndefined();
    },
  );

  it('offers UNSIGNED-PAYLOAD only where the service accepts it', () => {
    expect(detectSigningTarget('b.s3.us-east-1.amazonaws.com')?.isUnsignedPayloadAllowed).toBe(true);
    expect(detectSigningTarget('x.execute-api.us-east-1.amazonaws.com')?.isUnsignedPayloadAllowed).toBe(false);
  });

  it('signs S3 Multi-Region Access Points with SigV4a for every region, and nothing else', () => {
    expect(detectSigningTarget('https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key.txt')).toMatchObject({
      service: 's3',
      algorithm: 'sigv4a',
      regionSet: '*',
      isContentSha256Sent: true,
      pathEncoding: 'single',
      label: 'S3 Multi-Region Access Point',
    });
    expect(detectSigningTarget('my-bucket.s3.us-east-1.amazonaws.com')?.algorithm).toBeUndefined();
    expect(detectSigningTarget('x.mrap.accesspoint.s3-global.amazonaws.com.evil.example')).toBeUndefined();
  });
});
