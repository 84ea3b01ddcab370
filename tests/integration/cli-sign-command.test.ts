import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../support/verifying-server';

const BIN = resolve(import.meta.dirname, '../../electron/cli/bin.mjs');
const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function sign(input: unknown) {
  const result = spawnSync(process.execPath, [BIN, 'sign'], { input: typeof input === 'string' ? input : JSON.stringify(input), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('shomei sign', () => {
  it('reproduces the AWS get-vanilla vector', () => {
    const { code, stdout } = sign({
      method: 'GET',
      url: 'https://example.amazonaws.com/',
      headers: [],
      region: 'us-east-1',
      service: 'service',
      credentials: KEYS,
      signingDate: '2015-08-30T12:36:00Z',
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { signature: string; headers: string[][]; signedHeaders: string; canonicalRequest: string };
    expect(out.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect(out.signedHeaders).toBe('host;x-amz-date');
    expect(out.headers).toContainEqual(['host', 'example.amazonaws.com']);
  });

  it('signs a body and a session token in a way aws4 verifies', () => {
    const token = 'FQoGZXIvYXdzEXAMPLE//token+/=';
    const { code, stdout } = sign({
      method: 'POST',
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/x?b=2&a=1',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
      region: 'eu-west-1',
      service: 'execute-api',
      credentials: { ...KEYS, sessionToken: token },
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { url: string; headers: Array<[string, string]> };
    const target = out.url.replace(/^https:\/\/[^/]+/, '');
    const verdict = verifySigV4('POST', target, out.headers, Buffer.from('{"a":1}'), [{ ...KEYS, sessionToken: token }]);
    expect(verdict.reason).toBe('verified');
  });

  it('presigns into the query string when signQuery is true', () => {
    const { code, stdout } = sign({ method: 'GET', url: 'https://bucket.s3.us-east-1.amazonaws.com/key', region: 'us-east-1', service: 's3', credentials: KEYS, signQuery: true, expiresIn: 60 });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { url: string };
    expect(out.url).toMatch(/X-Amz-Expires=60/);
    expect(out.url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
  });

  it('fills region and service from the URL, signs with the current time, and applies the S3 rules', () => {
    // X-Amz-Date has whole seconds: the signing instant lies between the second before the
    // process started and the moment it ended.
    const before = Math.floor(Date.now() / 1000) * 1000;
    const { code, stdout } = sign({ method: 'PUT', url: 'https://my-bucket.s3.eu-central-1.amazonaws.com/a%20b//c.txt', body: 'hello', credentials: KEYS });
    const after = Date.now();
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { region: string; service: string; url: string; headers: Array<[string, string]>; canonicalRequest: string };
    expect([out.region, out.service]).toEqual(['eu-central-1', 's3']);
    // S3: the path is encoded once and not normalized; the payload hash is sent and signed.
    expect(out.canonicalRequest.split('\n')[1]).toBe('/a%20b//c.txt');
    expect(out.headers.find(([name]) => name === 'x-amz-content-sha256')?.[1]).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    const amzDate = out.headers.find(([name]) => name === 'x-amz-date')?.[1] ?? '';
    const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(signedAt).toBeGreaterThanOrEqual(before);
    expect(signedAt).toBeLessThanOrEqual(after);
    const lambda = JSON.parse(sign({ method: 'GET', url: 'https://abc.lambda-url.ap-southeast-2.on.aws/', credentials: KEYS }).stdout) as { region: string; service: string; canonicalRequest: string };
    expect([lambda.region, lambda.service]).toEqual(['ap-southeast-2', 'lambda']);
  });

  it('signs with SigV4a ("algorithm": "sigv4a"): the suite\'s get-vanilla canonical request, and a signature its public key verifies', () => {
    const dir = resolve(import.meta.dirname, '../../../shared/sigv4a-test-suite/get-vanilla');
    const { code, stdout } = sign({ method: 'GET', url: 'https://example.amazonaws.com/', region: 'us-east-1', service: 'service', algorithm: 'sigv4a', regionSet: 'us-east-1', credentials: KEYS, signingDate: '2015-08-30T12:36:00Z' });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { algorithm: string; canonicalRequest: string; stringToSign: string; signature: string; region: string };
    expect(out.algorithm).toBe('sigv4a');
    expect(out.region).toBe('us-east-1');
    expect(out.canonicalRequest).toBe(readFileSync(resolve(dir, 'header-canonical-request.txt'), 'utf8'));
    expect(out.stringToSign).toBe(readFileSync(resolve(dir, 'header-string-to-sign.txt'), 'utf8'));
    const { X, Y } = JSON.parse(readFileSync(resolve(dir, 'public-key.json'), 'utf8')) as { X: string; Y: string };
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: Buffer.from(X, 'hex').toString('base64url'), y: Buffer.from(Y, 'hex').toString('base64url') }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(out.stringToSign), { key, dsaEncoding: 'der' }, Buffer.from(out.signature, 'hex'))).toBe(true);
  });

  it('signs an S3 Multi-Region Access Point with SigV4a for region set * when the input says nothing', () => {
    const { code, stdout } = sign({ method: 'GET', url: 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/a.txt', credentials: KEYS });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { algorithm: string; region: string; service: string; headers: Array<[string, string]> };
    expect([out.algorithm, out.region, out.service]).toEqual(['sigv4a', '*', 's3']);
    expect(out.headers).toContainEqual(['x-amz-region-set', '*']);
    expect(out.headers.find(([name]) => name === 'authorization')?.[1]).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/s3\/aws4_request, /);
  });

  it.each([
    ['not JSON', '{nope'],
    ['a region set that is not a list of regions', { method: 'GET', url: 'https://a/', service: 's3', algorithm: 'sigv4a', regionSet: 'us east', credentials: KEYS }],
    ['a region that cannot be told from a custom domain', { method: 'GET', url: 'https://api.example.com/', service: 'execute-api', credentials: KEYS }],
    ['a missing region', { method: 'GET', url: 'https://a/', service: 's3', credentials: KEYS }],
    ['a header with CR/LF', { method: 'GET', url: 'https://a/', region: 'us-east-1', service: 's3', credentials: KEYS, headers: [['X', 'a\r\nb: c']] }],
    ['a file URL', { method: 'GET', url: 'file:///etc/passwd', region: 'us-east-1', service: 's3', credentials: KEYS }],
  ])('rejects %s with one line on stderr and exit code 2', (_label, input) => {
    const { code, stdout, stderr } = sign(input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^shomei sign: /);
  });
});
