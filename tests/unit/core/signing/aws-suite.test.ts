import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../electron/core/signing/sign-request';
import { AWS_SUITE_CREDENTIALS, AWS_SUITE_DATE, awsSuiteSessionToken, loadAwsSuite } from '../../../support/aws-suite';

const cases = loadAwsSuite();

describe('AWS SigV4 test suite', () => {
  it('finds every case in ../shared/sigv4-test-suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(31);
  });

  it.each(cases.map((c) => [c.name, c] as const))('reproduces %s', async (name, testCase) => {
    const token = name.startsWith('post-sts-token/') ? awsSuiteSessionToken() : undefined;
    const headers = testCase.headers.filter(([n]) => n.toLowerCase() !== 'x-amz-security-token');
    const signed = await signRequest({
      method: testCase.method,
      url: testCase.url,
      headers,
      body: Buffer.from(testCase.body, 'utf8'),
      region: 'us-east-1',
      service: 'service',
      credentials: { ...AWS_SUITE_CREDENTIALS, sessionToken: token },
      signingDate: AWS_SUITE_DATE,
      isSessionTokenSigned: name !== 'post-sts-token/post-sts-header-after',
      // The vectors' request lines carry the raw wire path (`/ሴ`, `/example space/`).
      isPathVerbatim: true,
    });
    expect(signed.signing.canonicalRequest).toBe(testCase.creq);
    expect(signed.signing.stringToSign).toBe(testCase.sts);
    const authorization = signed.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
    expect(authorization).toBe(testCase.authz);
    if (token) {
      const sent = signed.headers.find(([n]) => n.toLowerCase() === 'x-amz-security-token');
      expect(sent?.[1]).toBe(token);
    }
  });
});
