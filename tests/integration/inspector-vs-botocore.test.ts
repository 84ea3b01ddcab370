import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestSpecInput } from '../../shared/contract/http';
import { planRequestSpec } from '../../electron/core/requests/planned-request';
import { createTestCore } from '../support/test-core';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

/** botocore's own signers as an oracle (the workplace tool beside the project; Debian's python3-botocore). */
const ORACLE = resolve(import.meta.dirname, '../../../shared/tools/ceph-rgw/botocore_sign.py');
const PYTHON = '/usr/bin/python3';
const hasBotocore = existsSync(ORACLE) && existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import botocore'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const KEYS = { accessKeyId: 'AKIAINSPECTORCHECK01', secretAccessKey: 'inspectorSecret/0000000000000000000000000', sessionToken: 'IQoJInspector//token+value==' };

interface Oracle {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
}

/**
 * The inspector shows exactly what was signed: its canonical request, string to sign and
 * signature equal what botocore computes for the same request at the same instant, and the
 * server (verifying with aws4) accepted the bytes that were sent.
 */
describe.skipIf(!hasBotocore && process.env.CI !== 'true')('the signature inspector against botocore', () => {
  let target: VerifyingServer;
  const test = createTestCore();
  beforeAll(async () => {
    target = await startVerifyingServer([KEYS]);
  });
  afterAll(async () => {
    await target.close();
    await test.dispose();
  });

  it.each([
    ['execute-api POST with a query, a header and a session token', 'sigv4', 'execute-api', 'POST', '/prod/items/caf%C3%A9?b=2&a=hello%20world&a=1', [['Content-Type', 'application/json'], ['X-Trace', '  spaced   value ']], '{"x":1}'],
    ['S3 PUT with a path that needs single encoding', 's3', 's3', 'PUT', '/bucket/a%20b/c~d.txt?x-id=PutObject', [['Content-Type', 'text/plain']], 'hello'],
    ['a GET without a body', 'sigv4', 'lambda', 'GET', '/2015-03-31/functions?MaxItems=10', [], undefined],
  ] as const)('%s', async (_label, mode, service, method, path, headers, body) => {
    const spec: RequestSpecInput = {
      method,
      url: `${target.origin}${path}`,
      headers: headers.map(([name, value]) => ({ name, value })),
      ...(body === undefined ? {} : { body: { kind: 'text', text: body } }),
      auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...KEYS }, region: 'eu-west-1', service },
    };
    const summary = await test.core.requests.send(randomUUID(), planRequestSpec(spec));
    expect(summary.status).toBe(200);
    expect(target.received.at(-1)?.verdict.ok).toBe(true);
    const amzDate = summary.request.headers.find(([name]) => name.toLowerCase() === 'x-amz-date')?.[1];
    const signedNames = new Set(summary.signing?.signedHeaders.split(';'));
    const oracleHeaders = summary.request.headers.filter(([name]) => signedNames.has(name.toLowerCase()) && !/^(host|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i.test(name));
    const oracle = JSON.parse(
      execFileSync(PYTHON, [ORACLE], {
        input: JSON.stringify({
          method,
          url: `${target.origin}${path}`,
          headers: oracleHeaders,
          ...(body === undefined ? {} : { body }),
          region: 'eu-west-1',
          service,
          mode,
          accessKeyId: KEYS.accessKeyId,
          secretAccessKey: KEYS.secretAccessKey,
          sessionToken: KEYS.sessionToken,
          amzDate,
        }),
        encoding: 'utf8',
      }),
    ) as Oracle;
    // The inspector redacts the session token; put it back to compare with botocore's text.
    const unredact = (text: string | undefined) => text?.replace('‹redacted›', KEYS.sessionToken);
    expect(unredact(summary.signing?.canonicalRequest)).toBe(oracle.canonicalRequest);
    expect(summary.signing?.stringToSign).toBe(oracle.stringToSign);
    expect(summary.signing?.signature).toBe(oracle.signature);
    expect(summary.signing?.signedHeaders).toBe(oracle.signedHeaders);
  });

  it('appends the session token after signing when asked (AWS IoT style), with the signature botocore computes for that', async () => {
    const summary = await test.core.requests.send(
      randomUUID(),
      planRequestSpec({
        method: 'GET',
        url: `${target.origin}/iot/things`,
        auth: { type: 'aws-sigv4', credentials: { source: 'inline', ...KEYS }, region: 'eu-west-1', service: 'iotdevicegateway', isSessionTokenSigned: false },
      }),
    );
    expect(summary.signing?.signedHeaders).not.toContain('x-amz-security-token');
    expect(target.received.at(-1)?.rawHeaders.find(([name]) => name.toLowerCase() === 'x-amz-security-token')?.[1]).toBe(KEYS.sessionToken);
    // The loopback verifier, like most AWS services, insists on a signed token; this style is for the few that do not.
    expect(target.received.at(-1)?.verdict.reason).toBe('SessionTokenNotSigned');
    const amzDate = summary.request.headers.find(([name]) => name.toLowerCase() === 'x-amz-date')?.[1];
    const oracle = JSON.parse(
      execFileSync(PYTHON, [ORACLE], {
        input: JSON.stringify({ method: 'GET', url: `${target.origin}/iot/things`, headers: [], region: 'eu-west-1', service: 'iotdevicegateway', accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey, sessionToken: KEYS.sessionToken, sessionTokenSigned: false, amzDate }),
        encoding: 'utf8',
      }),
    ) as Oracle;
    expect(summary.signing?.signature).toBe(oracle.signature);
    expect(summary.signing?.signedHeaders).toBe(oracle.signedHeaders);
  });
});
