import { describe, expect, it } from 'vitest';
import { KeptAwsAuthSchema } from '../../../../shared/contract/session';

const KEPT_BEFORE_SIGV4A = {
  credentialChoice: 'env',
  profileId: '',
  awsProfile: '',
  region: 'eu-west-1',
  service: 's3',
  isScopeOverridden: false,
  isQuerySigned: false,
  expiresInSeconds: 900,
  payload: 'default',
  isSessionTokenSigned: true,
};

describe('kept Auth tab and SigV4a', () => {
  it('opens a session kept before SigV4a existed as SigV4', () => {
    expect(KeptAwsAuthSchema.parse(KEPT_BEFORE_SIGV4A)).toMatchObject({ algorithm: 'sigv4', regionSet: '' });
  });

  it('keeps SigV4a and its region set, and refuses an unknown algorithm', () => {
    expect(KeptAwsAuthSchema.parse({ ...KEPT_BEFORE_SIGV4A, algorithm: 'sigv4a', regionSet: 'us-*' })).toMatchObject({ algorithm: 'sigv4a', regionSet: 'us-*' });
    expect(KeptAwsAuthSchema.safeParse({ ...KEPT_BEFORE_SIGV4A, algorithm: 'hmac-md5' }).success).toBe(false);
  });
});
