import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../electron/core/signing/sign-request';
import { loadSigV4aSuite, type SigV4aSuiteCase } from '../../../support/sigv4a-suite';

const cases = loadSigV4aSuite();
const withExpected = cases.filter((c) => c.expected);

function publicKeyOf(key: { X: string; Y: string }): KeyObject {
  const b64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(key.X), y: b64url(key.Y) }, format: 'jwk' });
}

/** Node's own ECDSA verifier: independent of the signer's bundled elliptic-curve code. */
function verifies(key: KeyObject, stringToSign: string, signatureHex: string): boolean {
  return verify(
    'sha256',
    Buffer.from(stringToSign, 'utf8'),
    { key, dsaEncoding: 'der' },
    Buffer.from(signatureHex, 'hex'),
  );
}

function signCase(testCase: SigV4aSuiteCase, isQuerySigned: boolean): ReturnType<typeof signRequest> {
  const { context } = testCase;
  const token = context.credentials.token;
  return signRequest({
    method: testCase.method,
    url: testCase.url,
    headers: testCase.headers,
    body: Buffer.from(testCase.body, 'utf8'),
    region: 'unused-by-sigv4a',
    service: context.service,
    algorithm: 'sigv4a',
    regionSet: context.region,
    credentials: {
      accessKeyId: context.credentials.access_key_id,
      secretAccessKey: context.credentials.secret_access_key,
      sessionToken: token,
    },
    signingDate: new Date(context.timestamp),
    isQuerySigned,
    expiresInSeconds: context.expiration_in_seconds,
    isContentSha256Sent: context.sign_body,
    isSessionTokenSigned: !context.omit_session_token,
    // Normalized cases: the request line is the raw path, encoded by the signer (twice, as for most
    // services). Unnormalized ones: the path is encoded once and kept as it is, as for S3.
    isPathVerbatim: context.normalize,
    pathEncoding: context.normalize ? 'double' : 'single',
  });
}

describe('AWS Common Runtime SigV4a test suite', () => {
  it('finds every case folder in ../shared/sigv4a-test-suite (38 with expected results, 2 request-only)', () => {
    expect(cases).toHaveLength(40);
    expect(withExpected).toHaveLength(38);
  });

  it("accepts the suite's own sample signatures with Node's verifier, and rejects them for another string to sign", () => {
    const vanilla = withExpected.find((c) => c.name === 'get-vanilla');
    if (!vanilla?.expected) throw new Error('get-vanilla is missing');
    const key = publicKeyOf(vanilla.expected.publicKey);
    const sample =
      '3045022018b4e277d0281864beb51d3600e23f88510ea5031d68ddfbb68614b82a5eb7d2022100effb9c5f22ed9ef3ae0ab243d21f06bce82365bbb79529a07b6888c343ae5f8c';
    expect(verifies(key, vanilla.expected.header.stringToSign, sample)).toBe(true);
    expect(verifies(key, vanilla.expected.query.stringToSign, sample)).toBe(false);
  });

  describe.each(withExpected.map((c) => [c.name, c] as const))('%s', (name, testCase) => {
    const expected = testCase.expected;
    if (!expected) throw new Error(`${name} has no expected results`);
    const key = publicKeyOf(expected.publicKey);

    it('header form: canonical request and string to sign byte for byte, a signature the public key verifies', async () => {
      const signed = await signCase(testCase, false);
      expect(signed.signing.canonicalRequest).toBe(expected.header.canonicalRequest);
      expect(signed.signing.stringToSign).toBe(expected.header.stringToSign);
      expect(signed.signing.algorithm).toBe('sigv4a');
      expect(verifies(key, expected.header.stringToSign, signed.signing.signature)).toBe(true);
      const authorization = signed.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1] ?? '';
      expect(authorization).toBe(
        `AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/service/aws4_request, SignedHeaders=${signed.signing.signedHeaders}, Signature=${signed.signing.signature}`,
      );
      expect(signed.headers).toContainEqual(['x-amz-region-set', testCase.context.region]);
      const token = testCase.context.credentials.token;
      if (token) expect(signed.headers.find(([n]) => n.toLowerCase() === 'x-amz-security-token')?.[1]).toBe(token);
    });

    it('query form (presigned URL): canonical request and string to sign byte for byte, a signature the public key verifies', async () => {
      const signed = await signCase(testCase, true);
      expect(signed.signing.canonicalRequest).toBe(expected.query.canonicalRequest);
      expect(signed.signing.stringToSign).toBe(expected.query.stringToSign);
      expect(verifies(key, expected.query.stringToSign, signed.signing.signature)).toBe(true);
      const query = new URL(signed.url).searchParams;
      expect(query.get('X-Amz-Algorithm')).toBe('AWS4-ECDSA-P256-SHA256');
      expect(query.get('X-Amz-Region-Set')).toBe(testCase.context.region);
      expect(query.get('X-Amz-Signature')).toBe(signed.signing.signature);
      expect(signed.headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(false);
      const token = testCase.context.credentials.token;
      if (token) expect(query.get('X-Amz-Security-Token')).toBe(token);
    });
  });

  describe.each(cases.filter((c) => !c.expected).map((c) => [c.name, c] as const))(
    '%s (request only)',
    (_name, testCase) => {
      it('sorts repeated query keys by value, and the derived key verifies the signature', async () => {
        const vanilla = withExpected.find((c) => c.name === 'get-vanilla')?.expected;
        if (!vanilla) throw new Error('get-vanilla is missing');
        const signed = await signCase(testCase, false);
        // SigV4 sorts the encoded pairs by key, then by value (code point order: `V` before `v`).
        const pairs = new URL(testCase.url).search.slice(1).split('&');
        const sorted = [...pairs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(signed.signing.canonicalRequest.split('\n')[2]).toBe(sorted.join('&'));
        expect(verifies(publicKeyOf(vanilla.publicKey), signed.signing.stringToSign, signed.signing.signature)).toBe(
          true,
        );
      });
    },
  );

  it('refuses a region set that is not * or a comma-separated list', async () => {
    await expect(
      signRequest({
        method: 'GET',
        url: 'https://example.amazonaws.com/',
        headers: [],
        body: new Uint8Array(0),
        region: 'us-east-1',
        service: 's3',
        algorithm: 'sigv4a',
        regionSet: 'us-east-1;rm -rf',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
