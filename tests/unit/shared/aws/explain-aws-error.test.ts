import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAwsError, type AwsErrorInput, type SignedSide } from '../../../../shared/aws/explain-aws-error';

/**
 * The bodies under fixtures/aws-errors are shaped like AWS's own answers. The signature-mismatch
 * ones quote canonical requests and strings to sign produced by Shomei's signer (GET
 * /prod/items?a=1&b=two%20words on execute-api, PUT and GET on S3, 2024-01-01T00:00:00Z), so
 * each test makes our side differ from AWS's in one known place.
 */
const DIR = resolve(import.meta.dirname, '../../../fixtures/aws-errors');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const APIGW_HEADERS: Array<[string, string]> = [
  ['content-type', 'application/json'],
  ['x-amzn-RequestId', '6b0f2c1e-8d3a-4f5b-9c7e-2a1d0e9f8b76'],
  ['x-amz-apigw-id', 'Qx7yZHb1oAMF3dA='],
  ['x-amzn-ErrorType', 'InvalidSignatureException'],
];
const S3_HEADERS: Array<[string, string]> = [
  ['content-type', 'application/xml'],
  ['x-amz-request-id', '4442587FB7D0A2F9'],
  ['server', 'AmazonS3'],
];
const STS_HEADERS: Array<[string, string]> = [
  ['content-type', 'text/xml'],
  ['x-amzn-RequestId', '4c3d6a8e-2b1f-4f7e-9a55-0d8c1b2e3f40'],
];

/** AWS's side, as quoted in an API Gateway message. */
function quotedBy(body: string): SignedSide {
  const message = (JSON.parse(body) as { message: string }).message;
  const canonicalRequest = /should have been\n'([\s\S]*?)'\n\nThe String-to-Sign/.exec(message)?.[1];
  const stringToSign = /The String-to-Sign should have been\n'([\s\S]*?)'\n$/.exec(message)?.[1];
  if (canonicalRequest === undefined || stringToSign === undefined)
    throw new Error('fixture without canonical strings');
  return { canonicalRequest, stringToSign };
}

const APIGW_BODY = read('apigw-signature-mismatch.json');
const APIGW = quotedBy(APIGW_BODY);

function apigwMismatch(signed: SignedSide, body = APIGW_BODY): AwsErrorInput {
  return { status: 403, headers: APIGW_HEADERS, body, signed };
}

function changedLines(input: AwsErrorInput) {
  return explainAwsError(input)?.diff?.lines.filter((line) => line.kind !== 'same');
}

describe('the fixtures are real SigV4 strings', () => {
  it.each([
    'apigw-signature-mismatch.json',
    'apigw-signature-mismatch-path.json',
    'apigw-signature-mismatch-session-token.json',
  ])('%s: the string to sign carries the SHA-256 of the canonical request', (name) => {
    const { canonicalRequest, stringToSign } = quotedBy(read(name));
    expect(stringToSign.split('\n')).toEqual([
      'AWS4-HMAC-SHA256',
      '20240101T000000Z',
      '20240101/us-east-1/execute-api/aws4_request',
      sha256(canonicalRequest),
    ]);
  });

  it('the API Gateway canonical request is GET /prod/items with a=1&b=two%20words, host and x-amz-date signed', () => {
    expect(APIGW.canonicalRequest.split('\n')).toEqual([
      'GET',
      '/prod/items',
      'a=1&b=two%20words',
      'host:abc123defg.execute-api.us-east-1.amazonaws.com',
      'x-amz-date:20240101T000000Z',
      '',
      'host;x-amz-date',
      sha256(''),
    ]);
  });
});

describe('API Gateway SignatureDoesNotMatch: the culprit is named by the canonical-request line that differs', () => {
  it('reads the code, keeps AWS message without the quoted strings, and calls it a signature problem', () => {
    const result = explainAwsError(apigwMismatch(APIGW));
    expect(result).toMatchObject({
      code: 'InvalidSignatureException',
      isSignatureProblem: true,
      title: 'The signature did not match',
    });
    expect(result?.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('line 1: the method', () => {
    const input = apigwMismatch({ ...APIGW, canonicalRequest: APIGW.canonicalRequest.replace(/^GET/, 'POST') });
    expect(explainAwsError(input)?.diff?.culprit).toBe('the method (ours: `POST`, theirs: `GET`)');
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: 'GET' },
      { kind: 'ours', text: 'POST' },
    ]);
  });

  it('line 2: the path encoded once where execute-api encodes it twice, both paths shown', () => {
    const body = read('apigw-signature-mismatch-path.json');
    const theirs = quotedBy(body);
    const input = apigwMismatch(
      {
        ...theirs,
        canonicalRequest: theirs.canonicalRequest.replace('/prod/items/two%2520words', '/prod/items/two%20words'),
      },
      body,
    );
    const result = explainAwsError(input);
    expect(result?.diff?.of).toBe('canonical-request');
    expect(result?.diff?.culprit).toContain('the path encoding (S3 encodes once, other services twice)');
    expect(result?.diff?.culprit).toContain('ours `/prod/items/two%20words`, theirs `/prod/items/two%2520words`');
    expect(result?.nextSteps.join(' ')).toMatch(/encoded the path twice.*not s3/);
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: '/prod/items/two%2520words' },
      { kind: 'ours', text: '/prod/items/two%20words' },
    ]);
  });

  it('line 3: one query pair encoded differently', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace('b=two%20words', 'b=two+words'),
    });
    expect(explainAwsError(input)?.diff?.culprit).toBe(
      'the query string: pair `b` differs (ours: `b=two+words`, theirs: `b=two%20words`)',
    );
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: 'a=1&b=two%20words' },
      { kind: 'ours', text: 'a=1&b=two+words' },
    ]);
  });

  it('line 3: a query pair AWS received but Shomei did not sign', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace('a=1&b=two%20words', 'a=1'),
    });
    expect(explainAwsError(input)?.diff?.culprit).toBe('the query string: pair `b=two%20words` is missing from ours');
  });

  it('a header line: the header name and both values', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace('x-amz-date:20240101T000000Z', 'x-amz-date:20240101T000001Z'),
    });
    expect(explainAwsError(input)?.diff?.culprit).toBe(
      'the header `x-amz-date` (ours: `20240101T000001Z`, theirs: `20240101T000000Z`)',
    );
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: 'x-amz-date:20240101T000000Z' },
      { kind: 'ours', text: 'x-amz-date:20240101T000001Z' },
    ]);
  });

  it('a header signed on one side only names it, not the signed-headers line it drags along', () => {
    const canonicalRequest = APIGW.canonicalRequest
      .replace('host:', 'content-type:application/json\nhost:')
      .replace('\nhost;x-amz-date\n', '\ncontent-type;host;x-amz-date\n');
    const culprit = explainAwsError(apigwMismatch({ ...APIGW, canonicalRequest }))?.diff?.culprit;
    expect(culprit).toBe('a header signed on one side only: `content-type` (only ours: `application/json`)');
  });

  it('the signed-headers line alone: the list of signed headers', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace('\nhost;x-amz-date\n', '\nx-amz-date;host\n'),
    });
    expect(explainAwsError(input)?.diff?.culprit).toBe(
      'the list of signed headers (ours: `x-amz-date;host`, theirs: `host;x-amz-date`)',
    );
  });

  it('the last line: the payload hash', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace(sha256(''), sha256('{"id":1}')),
    });
    const result = explainAwsError(input);
    expect(result?.diff?.culprit).toContain(
      'the payload hash (the body changed after signing, or UNSIGNED-PAYLOAD vs a signed hash)',
    );
    expect(result?.diff?.culprit).toContain(`ours \`${sha256('{"id":1}')}\``);
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: sha256('') },
      { kind: 'ours', text: sha256('{"id":1}') },
    ]);
  });

  it('UNSIGNED-PAYLOAD against a signed hash is the payload hash too', () => {
    const input = apigwMismatch({
      ...APIGW,
      canonicalRequest: APIGW.canonicalRequest.replace(sha256(''), 'UNSIGNED-PAYLOAD'),
    });
    expect(explainAwsError(input)?.diff?.culprit).toMatch(/^the payload hash .*ours `UNSIGNED-PAYLOAD`/);
  });

  it('identical canonical request and string to sign: the secret access key is wrong', () => {
    const result = explainAwsError(apigwMismatch(APIGW));
    expect(result?.diff?.culprit).toBe(
      'the canonical request matches: the secret access key is wrong (or the key belongs to another account)',
    );
    expect(result?.diff?.lines.every((line) => line.kind === 'same')).toBe(true);
    expect(result?.diff?.lines).toHaveLength(8);
    expect(result?.cause).toMatch(/secret access key is wrong/);
  });

  it('same canonical request, different scope: the region of the string to sign', () => {
    const input = apigwMismatch({ ...APIGW, stringToSign: APIGW.stringToSign.replace('/us-east-1/', '/us-west-2/') });
    const result = explainAwsError(input);
    expect(result?.diff?.of).toBe('string-to-sign');
    expect(result?.diff?.culprit).toBe("the credential scope's region (ours: `us-west-2`, theirs: `us-east-1`)");
    expect(result?.nextSteps).toContain('Set the signing region to `us-east-1`, as AWS expects for this endpoint.');
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: '20240101/us-east-1/execute-api/aws4_request' },
      { kind: 'ours', text: '20240101/us-west-2/execute-api/aws4_request' },
    ]);
  });

  it('same canonical request, different service in the scope', () => {
    const input = apigwMismatch({ ...APIGW, stringToSign: APIGW.stringToSign.replace('/execute-api/', '/lambda/') });
    expect(explainAwsError(input)?.diff?.culprit).toBe(
      "the credential scope's service (ours: `lambda`, theirs: `execute-api`)",
    );
  });

  it("matches Shomei's redacted session token against the real one, and never repeats the token AWS quotes", () => {
    const body = read('apigw-signature-mismatch-session-token.json');
    const theirs = quotedBy(body);
    const token = /x-amz-security-token:(.+)/.exec(theirs.canonicalRequest)?.[1] as string;
    expect(token).toMatch(/^IQoJ/);
    const ours = { ...theirs, canonicalRequest: theirs.canonicalRequest.replace(token, '‹redacted›') };
    const same = explainAwsError(apigwMismatch(ours, body));
    expect(same?.diff?.culprit).toMatch(/^the canonical request matches/);
    expect(same?.diff?.lines).toContainEqual({ kind: 'same', text: 'x-amz-security-token:‹redacted›' });

    const withoutToken = {
      ...theirs,
      canonicalRequest: theirs.canonicalRequest
        .replace(/\nx-amz-security-token:.+/, '')
        .replace(';x-amz-security-token', ''),
    };
    const missing = explainAwsError(apigwMismatch(withoutToken, body));
    expect(missing?.diff?.culprit).toBe(
      'a header signed on one side only: `x-amz-security-token` (only theirs: `‹redacted›`)',
    );
    expect(JSON.stringify([same, missing])).not.toContain(token);
  });

  it('reads the code from x-amzn-errortype with its namespace suffix', () => {
    const headers: Array<[string, string]> = [
      ['X-Amzn-ErrorType', 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/'],
    ];
    expect(explainAwsError({ status: 403, headers, body: APIGW_BODY })?.code).toBe('InvalidSignatureException');
  });

  it('without headers, knows the message for what it is, and explains without a diff when nothing was signed', () => {
    const result = explainAwsError({ status: 403, headers: [], body: APIGW_BODY });
    expect(result).toMatchObject({ code: 'InvalidSignatureException', isSignatureProblem: true });
    expect(result?.diff).toBeUndefined();
    expect(result?.cause).toMatch(/sent back the canonical request it expected/);
  });
});

describe('S3 SignatureDoesNotMatch XML', () => {
  const S3_PUT = read('s3-signature-mismatch.xml');
  const S3_GET = read('s3-signature-mismatch-entities.xml');
  const putTheirs: SignedSide = {
    canonicalRequest: [
      'PUT',
      '/photos/summer%20trip.jpg',
      '',
      'host:examplebucket.s3.us-east-1.amazonaws.com',
      `x-amz-content-sha256:${sha256('hello')}`,
      'x-amz-date:20240101T000000Z',
      '',
      'host;x-amz-content-sha256;x-amz-date',
      sha256('hello'),
    ].join('\n'),
    stringToSign: '',
  };
  putTheirs.stringToSign = [
    'AWS4-HMAC-SHA256',
    '20240101T000000Z',
    '20240101/us-east-1/s3/aws4_request',
    sha256(putTheirs.canonicalRequest),
  ].join('\n');

  it('reads <CanonicalRequest> and <StringToSign> with literal newlines', () => {
    const result = explainAwsError({ status: 403, headers: S3_HEADERS, body: S3_PUT, signed: putTheirs });
    expect(result).toMatchObject({ code: 'SignatureDoesNotMatch', isSignatureProblem: true });
    expect(result?.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
    expect(result?.diff?.culprit).toMatch(/^the canonical request matches: the secret access key is wrong/);
  });

  it('a path encoded twice for S3: the path encoding, and a hint to sign as s3', () => {
    const ours = {
      ...putTheirs,
      canonicalRequest: putTheirs.canonicalRequest.replace('summer%20trip', 'summer%2520trip'),
    };
    const result = explainAwsError({ status: 403, headers: S3_HEADERS, body: S3_PUT, signed: ours });
    expect(result?.diff?.culprit).toBe(
      'the path encoding (S3 encodes once, other services twice): ours `/photos/summer%2520trip.jpg`, theirs `/photos/summer%20trip.jpg`',
    );
    expect(result?.nextSteps.join(' ')).toMatch(/set the service to s3/);
  });

  it('a body changed after signing: the header and the payload hash', () => {
    const ours = {
      ...putTheirs,
      canonicalRequest: putTheirs.canonicalRequest.replaceAll(sha256('hello'), sha256('hello\n')),
    };
    const input = { status: 403, headers: S3_HEADERS, body: S3_PUT, signed: ours };
    const culprit = explainAwsError(input)?.diff?.culprit ?? '';
    expect(culprit).toMatch(/^the header `x-amz-content-sha256` .*; the payload hash/);
    expect(changedLines(input)?.map((line) => line.kind)).toEqual(['theirs', 'ours', 'theirs', 'ours']);
  });

  it('decodes &#10; newlines and &amp; in the query, and names the differing query pair', () => {
    const theirs =
      'GET\n/\nlist-type=2&prefix=a%26b\nhost:examplebucket.s3.us-east-1.amazonaws.com\n' +
      `x-amz-content-sha256:${sha256('')}\nx-amz-date:20240101T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n${sha256('')}`;
    const stringToSign = `AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/s3/aws4_request\n${sha256(theirs)}`;
    const same = explainAwsError({
      status: 403,
      headers: S3_HEADERS,
      body: S3_GET,
      signed: { canonicalRequest: theirs, stringToSign },
    });
    expect(same?.diff?.lines.map((line) => line.text)).toEqual(theirs.split('\n'));
    expect(same?.diff?.culprit).toMatch(/^the canonical request matches/);

    const ours = theirs.replace('prefix=a%26b', 'prefix=a%2526b');
    const input = { status: 403, headers: S3_HEADERS, body: S3_GET, signed: { canonicalRequest: ours, stringToSign } };
    expect(explainAwsError(input)?.diff?.culprit).toBe(
      'the query string: pair `prefix` differs (ours: `prefix=a%2526b`, theirs: `prefix=a%26b`)',
    );
    expect(changedLines(input)).toEqual([
      { kind: 'theirs', text: 'list-type=2&prefix=a%26b' },
      { kind: 'ours', text: 'list-type=2&prefix=a%2526b' },
    ]);
  });

  it('falls back to <CanonicalRequestBytes> when the text element is absent', () => {
    const body = S3_PUT.replace(/<CanonicalRequest>[\s\S]*<\/CanonicalRequest>/, '');
    const ours = { ...putTheirs, canonicalRequest: putTheirs.canonicalRequest.replace(/^PUT/, 'POST') };
    expect(explainAwsError({ status: 403, headers: S3_HEADERS, body, signed: ours })?.diff?.culprit).toBe(
      'the method (ours: `POST`, theirs: `PUT`)',
    );
  });

  it('with only a string to sign, a differing hash points at the canonical request as a whole', () => {
    const body = S3_PUT.replace(/<CanonicalRequest>[\s\S]*<\/CanonicalRequestBytes>/, '');
    const ours = { ...putTheirs, stringToSign: putTheirs.stringToSign.replace(/[0-9a-f]{64}$/, sha256('other')) };
    const result = explainAwsError({ status: 403, headers: S3_HEADERS, body, signed: ours });
    expect(result?.diff?.of).toBe('string-to-sign');
    expect(result?.diff?.culprit).toMatch(/^the canonical request \(its hash differs/);
  });
});

describe('credentials AWS does not accept', () => {
  it('STS InvalidClientTokenId: unknown key id or token, not a signature problem, and notices no token was signed', () => {
    const result = explainAwsError({
      status: 403,
      headers: STS_HEADERS,
      body: read('sts-invalid-client-token-id.xml'),
      signed: APIGW,
    });
    expect(result).toMatchObject({
      code: 'InvalidClientTokenId',
      isSignatureProblem: false,
      title: 'AWS does not recognise these credentials',
    });
    expect(result?.message).toBe('The security token included in the request is invalid.');
    expect(result?.cause).toMatch(/another partition/);
    expect(result?.nextSteps[0]).toMatch(/No session token was signed: if the access key id starts with ASIA/);
  });

  it('STS ExpiredToken: renew the temporary credentials', () => {
    const result = explainAwsError({ status: 403, headers: STS_HEADERS, body: read('sts-expired-token.xml') });
    expect(result).toMatchObject({
      code: 'ExpiredToken',
      isSignatureProblem: false,
      title: 'The temporary credentials have expired',
    });
    expect(result?.nextSteps[0]).toMatch(/^Renew them/);
  });

  it.each([
    [
      'dynamodb-unrecognized-client.json',
      [],
      'UnrecognizedClientException',
      'AWS does not recognise these credentials',
    ],
    ['dynamodb-expired-token.json', [], 'ExpiredTokenException', 'The temporary credentials have expired'],
    [
      'apigw-invalid-security-token.json',
      [],
      'UnrecognizedClientException',
      'AWS does not recognise these credentials',
    ],
    [
      'apigw-invalid-security-token.json',
      [['x-amzn-ErrorType', 'UnrecognizedClientException']],
      'UnrecognizedClientException',
      'AWS does not recognise these credentials',
    ],
  ] as Array<[string, Array<[string, string]>, string, string]>)('%s %j → %s', (name, headers, code, title) => {
    expect(explainAwsError({ status: 403, headers, body: read(name) })).toMatchObject({
      code,
      title,
      isSignatureProblem: false,
    });
  });
});

describe('a valid signature refused by policy', () => {
  it('AccessDeniedException from x-amzn-errortype: names principal, action and reason; not a signature problem', () => {
    const headers: Array<[string, string]> = [
      ['x-amzn-ErrorType', 'AccessDeniedException'],
      ['x-amzn-RequestId', 'f1e2d3c4'],
    ];
    const result = explainAwsError({ status: 403, headers, body: read('apigw-access-denied.json'), signed: APIGW });
    expect(result).toMatchObject({
      code: 'AccessDeniedException',
      isSignatureProblem: false,
      title: 'AWS accepted the signature but refused the action',
    });
    expect(result?.cause).toContain('arn:aws:sts::123456789012:assumed-role/ReadOnly/dev');
    expect(result?.cause).toContain(
      'execute-api:Invoke on arn:aws:execute-api:us-east-1:********9012:abc123defg/prod/GET/items',
    );
    expect(result?.cause).toContain('because no identity-based policy allows');
    expect(result?.cause).toMatch(/permissions problem, not a signing problem/);
    expect(result?.diff).toBeUndefined();
  });

  it('AccessDeniedException in __type with an explicit deny', () => {
    const result = explainAwsError({ status: 400, headers: [], body: read('dynamodb-access-denied.json') });
    expect(result).toMatchObject({ code: 'AccessDeniedException', isSignatureProblem: false });
    expect(result?.cause).toContain('with an explicit deny in a service control policy');
  });

  it("API Gateway's bare Forbidden: API key, private API, resource policy", () => {
    const result = explainAwsError({ status: 403, headers: [], body: read('apigw-forbidden.json') });
    expect(result).toMatchObject({ code: 'ForbiddenException', isSignatureProblem: false });
    expect(result?.nextSteps.join(' ')).toContain('x-api-key');
  });
});

describe('Missing Authentication Token', () => {
  const body = read('apigw-missing-authentication-token.json');

  it('unsigned: the request was not signed', () => {
    const headers: Array<[string, string]> = [['x-amzn-ErrorType', 'MissingAuthenticationTokenException']];
    const result = explainAwsError({ status: 403, headers, body });
    expect(result).toMatchObject({
      code: 'MissingAuthenticationTokenException',
      title: 'The request was not signed',
      isSignatureProblem: true,
    });
  });

  it('signed: most likely a path, stage or method API Gateway does not have', () => {
    const result = explainAwsError({ status: 403, headers: [], body, signed: APIGW });
    expect(result).toMatchObject({ code: 'MissingAuthenticationTokenException', isSignatureProblem: false });
    expect(result?.cause).toMatch(/wrong stage/);
  });

  it('the query-protocol code', () => {
    const xml =
      '<ErrorResponse><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error></ErrorResponse>';
    expect(explainAwsError({ status: 403, headers: STS_HEADERS, body: xml })?.code).toBe('MissingAuthenticationToken');
  });
});

describe('clock skew', () => {
  it('S3 RequestTimeTooSkewed: <RequestTime> against <ServerTime>, 20 minutes behind', () => {
    const result = explainAwsError({ status: 403, headers: S3_HEADERS, body: read('s3-request-time-too-skewed.xml') });
    expect(result).toMatchObject({ code: 'RequestTimeTooSkewed', clockSkewSeconds: -1200, isSignatureProblem: true });
    expect(result?.title).toBe("Your clock is 20 minutes behind AWS's");
    expect(result?.cause).toContain('Your clock is 20 minutes behind');
  });

  it('without times in the body: the response Date header against sentAt, 30 minutes ahead', () => {
    const body = read('s3-request-time-too-skewed.xml').replace(/<RequestTime>.*<\/MaxAllowedSkewMilliseconds>/, '');
    const headers: Array<[string, string]> = [...S3_HEADERS, ['Date', 'Mon, 01 Jan 2024 00:00:00 GMT']];
    const result = explainAwsError({ status: 403, headers, body, sentAt: new Date('2024-01-01T00:30:00Z') });
    expect(result?.clockSkewSeconds).toBe(1800);
    expect(result?.title).toBe("Your clock is 30 minutes ahead of AWS's");
  });

  it('without sentAt, the signed X-Amz-Date stands for when it was sent', () => {
    const body = read('s3-request-time-too-skewed.xml').replace(/<RequestTime>.*<\/MaxAllowedSkewMilliseconds>/, '');
    const headers: Array<[string, string]> = [['Date', 'Mon, 01 Jan 2024 00:06:30 GMT']];
    expect(explainAwsError({ status: 403, headers, body, signed: APIGW })?.clockSkewSeconds).toBe(-390);
  });

  it('"Signature expired": AWS\'s current time is the one in brackets, 15 minutes behind', () => {
    const headers: Array<[string, string]> = [['x-amzn-ErrorType', 'InvalidSignatureException']];
    const result = explainAwsError({
      status: 403,
      headers,
      body: read('apigw-signature-expired.json'),
      sentAt: new Date('2024-01-01T00:00:00Z'),
    });
    expect(result).toMatchObject({
      code: 'InvalidSignatureException',
      clockSkewSeconds: -900,
      isSignatureProblem: true,
    });
    expect(result?.title).toMatch(/15 minutes behind/);
    expect(result?.diff).toBeUndefined();
  });

  it('"Signature expired" as the brief wrote it: 10 minutes behind the bracketed time', () => {
    const body = JSON.stringify({
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T001500Z (20240101T001000Z - 5 min.)',
    });
    expect(explainAwsError({ status: 403, headers: [], body })?.clockSkewSeconds).toBe(-600);
  });

  it('"Signature not yet current": 20 minutes ahead', () => {
    const result = explainAwsError({ status: 403, headers: [], body: read('apigw-signature-not-yet-current.json') });
    expect(result).toMatchObject({ code: 'InvalidSignatureException', clockSkewSeconds: 1200 });
    expect(result?.title).toMatch(/20 minutes ahead/);
  });

  it('no time to compare: explains without a number', () => {
    const body = read('s3-request-time-too-skewed.xml').replace(/<RequestTime>.*<\/MaxAllowedSkewMilliseconds>/, '');
    const result = explainAwsError({ status: 403, headers: S3_HEADERS, body });
    expect(result?.clockSkewSeconds).toBeUndefined();
    expect(result?.title).toMatch(/clock/);
  });
});

describe('other signing errors', () => {
  it('XAmzContentSHA256Mismatch: the body hash, both hashes shown', () => {
    const result = explainAwsError({ status: 400, headers: S3_HEADERS, body: read('s3-content-sha256-mismatch.xml') });
    expect(result).toMatchObject({
      code: 'XAmzContentSHA256Mismatch',
      isSignatureProblem: true,
      title: 'The body does not match its signed hash',
    });
    expect(result?.cause).toContain(sha256('hello'));
    expect(result?.cause).toContain(sha256('hello\n'));
  });

  it('IncompleteSignature from the message alone', () => {
    const result = explainAwsError({ status: 403, headers: [], body: read('apigw-incomplete-signature.json') });
    expect(result).toMatchObject({
      code: 'IncompleteSignatureException',
      isSignatureProblem: true,
      title: 'The signature is incomplete or malformed',
    });
  });

  it('a credential scoped to a region that does not exist', () => {
    const body = JSON.stringify({ message: "Credential should be scoped to a valid region, not 'us-east-3'. " });
    const result = explainAwsError({ status: 403, headers: [['x-amzn-ErrorType', 'InvalidSignatureException']], body });
    expect(result).toMatchObject({
      code: 'InvalidSignatureException',
      title: 'The signature names the wrong region or service',
      isSignatureProblem: true,
    });
    expect(result?.cause).toContain('`us-east-3` is not a region');
  });

  it('S3 AuthorizationHeaderMalformed: the region the bucket expects', () => {
    const body =
      "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message><Region>eu-west-1</Region><RequestId>1B2C</RequestId></Error>";
    const result = explainAwsError({ status: 400, headers: S3_HEADERS, body });
    expect(result?.nextSteps[0]).toBe('Set the region to eu-west-1.');
  });

  it('any other AWS code gets a plain fallback', () => {
    const body =
      '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}';
    expect(explainAwsError({ status: 400, headers: [], body })).toMatchObject({
      code: 'ResourceNotFoundException',
      title: 'AWS refused the request: ResourceNotFoundException',
      cause: 'Requested resource not found',
      isSignatureProblem: false,
    });
  });
});

describe('not an AWS error', () => {
  it.each([
    [
      'a 200, even with an error-shaped body',
      { status: 200, headers: S3_HEADERS, body: read('s3-signature-mismatch.xml') },
    ],
    ['a 302', { status: 302, headers: [['location', 'https://example.com/']], body: '' }],
    ['an nginx 403 page', { status: 403, headers: [['server', 'nginx/1.24.0']], body: read('not-aws-nginx-403.html') }],
    [
      'an OAuth error',
      { status: 400, headers: [['content-type', 'application/json']], body: read('not-aws-oauth.json') },
    ],
    [
      'an app error with a code but no AWS headers',
      { status: 404, headers: [], body: '{"code":"USER_NOT_FOUND","message":"No such user"}' },
    ],
    ['a plain-text Forbidden', { status: 403, headers: [], body: 'Forbidden' }],
    ['an empty 500', { status: 500, headers: [], body: '' }],
  ] as Array<[string, AwsErrorInput]>)('%s → undefined', (_name, input) => {
    expect(explainAwsError(input)).toBeUndefined();
  });

  it('the same app-style code next to AWS request-id headers is an AWS error', () => {
    const input: AwsErrorInput = {
      status: 404,
      headers: [['x-amzn-RequestId', 'abc']],
      body: '{"code":"NotFoundException","message":"Invalid stage identifier specified"}',
    };
    expect(explainAwsError(input)?.code).toBe('NotFoundException');
  });
});
