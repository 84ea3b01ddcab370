import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../../../electron/core/signing/node-sha256';
import { signRequest } from '../../../../electron/core/signing/sign-request';
import { AWS_SUITE_CREDENTIALS, AWS_SUITE_DATE, awsSuiteSessionToken, loadAwsSuite } from '../../../support/aws-suite';

const DATE = new Date('2026-01-01T00:00:00Z');
const KEY_ID = 'AKIDEXAMPLE0000000000';

describe('signRequest with a reused signer', () => {
  it('signs every AWS suite case at once with the same keys, each with its own canonical request', async () => {
    const cases = loadAwsSuite();
    const signed = await Promise.all(
      cases.map((testCase) =>
        signRequest({
          method: testCase.method,
          url: testCase.url,
          headers: testCase.headers.filter(([n]) => n.toLowerCase() !== 'x-amz-security-token'),
          body: Buffer.from(testCase.body, 'utf8'),
          region: 'us-east-1',
          service: 'service',
          credentials: {
            ...AWS_SUITE_CREDENTIALS,
            sessionToken: testCase.name.startsWith('post-sts-token/') ? awsSuiteSessionToken() : undefined,
          },
          signingDate: AWS_SUITE_DATE,
          isSessionTokenSigned: testCase.name !== 'post-sts-token/post-sts-header-after',
          isPathVerbatim: true,
        }),
      ),
    );
    cases.forEach((testCase, i) => {
      const one = signed[i];
      expect(one?.signing.canonicalRequest, testCase.name).toBe(testCase.creq);
      expect(one?.signing.stringToSign, testCase.name).toBe(testCase.sts);
      expect(one?.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1], testCase.name).toBe(testCase.authz);
    });
  });

  it('reports the signature and signed headers that are in the Authorization header, and the scope of the string to sign', async () => {
    const signed = await signRequest({
      method: 'POST',
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10',
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from('{}'),
      region: 'eu-west-1',
      service: 'execute-api',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: 'secret-one' },
      signingDate: DATE,
    });
    const authorization = signed.headers.find(([n]) => n === 'authorization')?.[1] ?? '';
    expect(authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${KEY_ID}/20260101/eu-west-1/execute-api/aws4_request, SignedHeaders=${signed.signing.signedHeaders}, Signature=${signed.signing.signature}`,
    );
    expect(signed.signing.signedHeaders).toBe('content-type;host;x-amz-date');
    expect(signed.signing.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.signing.credentialScope).toBe('20260101/eu-west-1/execute-api/aws4_request');
  });

  it('never signs with an old secret: a new secret or session token under the same key id signs as a fresh smithy signer does', async () => {
    const sign = (secretAccessKey: string, sessionToken?: string) =>
      signRequest({
        method: 'GET',
        url: 'https://example.amazonaws.com/',
        headers: [],
        body: new Uint8Array(0),
        region: 'us-east-1',
        service: 'execute-api',
        credentials: { accessKeyId: KEY_ID, secretAccessKey, sessionToken },
        signingDate: DATE,
      });
    const smithy = async (secretAccessKey: string, sessionToken?: string) => {
      const signer = new SignatureV4({
        credentials: { accessKeyId: KEY_ID, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        region: 'us-east-1',
        service: 'execute-api',
        sha256: NodeSha256,
        applyChecksum: false,
      });
      const signed = await signer.sign(
        {
          method: 'GET',
          protocol: 'https:',
          hostname: 'example.amazonaws.com',
          path: '/',
          query: {},
          headers: { host: 'example.amazonaws.com' },
        },
        { signingDate: DATE },
      );
      return signed.headers['authorization'];
    };
    const first = await sign('secret-one');
    const second = await sign('secret-two');
    const withToken = await sign('secret-two', 'token-two');
    expect(first.signing.signature).not.toBe(second.signing.signature);
    expect(first.headers.find(([n]) => n === 'authorization')?.[1]).toBe(await smithy('secret-one'));
    expect(second.headers.find(([n]) => n === 'authorization')?.[1]).toBe(await smithy('secret-two'));
    expect(withToken.headers.find(([n]) => n === 'authorization')?.[1]).toBe(await smithy('secret-two', 'token-two'));
    expect(withToken.headers).toContainEqual(['x-amz-security-token', 'token-two']);
  });

  it('signs a header and a query parameter named __proto__ as data, polluting nothing', async () => {
    const signed = await signRequest({
      method: 'GET',
      url: 'https://example.amazonaws.com/?__proto__=1&constructor=2',
      headers: [['__proto__', 'x']],
      body: new Uint8Array(0),
      region: 'us-east-1',
      service: 'execute-api',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: 'secret-one' },
      signingDate: DATE,
    });
    expect(signed.url).toBe('https://example.amazonaws.com/?__proto__=1&constructor=2');
    expect(signed.headers).toContainEqual(['__proto__', 'x']);
    expect(signed.signing.signedHeaders).toBe('__proto__;host;x-amz-date');
    expect(signed.signing.canonicalRequest.split('\n')).toContain('__proto__:x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
