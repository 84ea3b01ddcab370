import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import { createHttpTransport, type HttpTransport } from '../../electron/core/http/http-transport';
import { parsePastedCredentials } from '../../shared/credentials/parse-pasted-credentials';
import { type CredentialSource, type InlineCredentials, type RequestSpecInput } from '../../shared/contract/http';
import { planRequestSpec } from '../../electron/core/requests/planned-request';
import { CEPH, hasCeph, startCephGateway, type CephGateway } from '../support/ceph-rgw';

/**
 * The real thing: Debian's Ceph RADOS Gateway verifies SigV4 the way AWS does and answers
 * sts:AssumeRole. Runs in CI (`.ci/run` installs Ceph); alone with `npm run test:interop`.
 */
const isRequired = process.env.CI === 'true' || process.env.SHOMEI_INTEROP === '1';
const canRun = hasCeph();

describe.skipIf(!canRun && !isRequired)('against a real S3 + STS gateway (Ceph RGW on loopback)', () => {
  let gateway: CephGateway;
  let core: Core;
  let dataDir: string;
  let awsDir: string;
  let sends = 0;
  const bucket = `shomei-${randomUUID().slice(0, 8)}`;
  const env: NodeJS.ProcessEnv = {};
  const savedEnv = { ...process.env };

  const s3 = (method: string, path: string, credentials: CredentialSource, body?: string): RequestSpecInput => ({
    method,
    url: `${gateway.endpoint}/${bucket}${path}`,
    ...(body === undefined ? {} : { body: { kind: 'text', text: body, contentType: 'text/plain' } }),
    auth: { type: 'aws-sigv4', credentials, region: CEPH.region, service: 's3' },
  });
  const send = (spec: RequestSpecInput) => core.requests.send(randomUUID(), planRequestSpec(spec));
  const STATIC: CredentialSource = { source: 'inline', accessKeyId: CEPH.accessKeyId, secretAccessKey: CEPH.secretAccessKey };

  beforeAll(async () => {
    if (!canRun) throw new Error('Ceph RGW is not installed: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common (.ci/run does this)');
    gateway = await startCephGateway();
    awsDir = mkdtempSync(join(tmpdir(), 'shomei-interop-aws-'));
    const processScript = join(awsDir, 'creds.sh');
    writeFileSync(processScript, `#!/bin/sh\nprintf '{"Version":1,"AccessKeyId":"${CEPH.accessKeyId}","SecretAccessKey":"${CEPH.secretAccessKey}"}'\n`);
    chmodSync(processScript, 0o755);
    writeFileSync(join(awsDir, 'credentials'), `[gw]\naws_access_key_id = ${CEPH.accessKeyId}\naws_secret_access_key = ${CEPH.secretAccessKey}\n`);
    writeFileSync(
      join(awsDir, 'config'),
      `[profile gw]\nregion = us-east-1\n[profile gw-process]\ncredential_process = ${processScript}\n[profile gw-role]\nrole_arn = ${CEPH.roleArn}\nsource_profile = gw\nrole_session_name = shomei-interop\nregion = us-east-1\n`,
    );
    Object.assign(env, { AWS_CONFIG_FILE: join(awsDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials') });
    // The SDK's own STS client (for role_arn chains in ~/.aws/config) reads this from the process.
    process.env.AWS_ENDPOINT_URL_STS = gateway.endpoint;
    process.env.AWS_REGION = CEPH.region;
    const real = createHttpTransport({ now: () => new Date() });
    const counting: HttpTransport = {
      send: (request, options) => {
        sends += 1;
        return real.send(request, options);
      },
      close: () => real.close(),
    };
    dataDir = mkdtempSync(join(tmpdir(), 'shomei-interop-'));
    core = createCore({ host: 'test', version: 'interop', dataDir, workingDirectory: dataDir, env, transport: counting });
    const created = await send(s3('PUT', '', STATIC));
    expect(created.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    process.env = savedEnv;
    await core?.close();
    await gateway?.stop();
    for (const dir of [dataDir, awsDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('assumes the role through a saved AssumeRole profile, and S3 accepts the temporary keys', async () => {
    const base = await core.credentials.save({ name: 'gateway user', keys: { accessKeyId: CEPH.accessKeyId, secretAccessKey: CEPH.secretAccessKey } });
    const role = await core.credentials.save({
      name: 'gateway role',
      assumeRole: { base: { source: 'profile', profileId: base.id }, roleArn: CEPH.roleArn, sessionName: 'shomei-interop', durationSeconds: 900, stsEndpoint: gateway.endpoint, stsRegion: 'us-east-1' },
    });
    const put = await send(s3('PUT', '/hello.txt', { source: 'profile', profileId: role.id }, 'hello from an assumed role'));
    expect(put.status).toBe(200);
    const summary = core.credentials.store.summary(role.id);
    expect(summary.hasSessionToken).toBe(true);
    expect(summary.expiration).toBeDefined();
    const get = await send(s3('GET', '/hello.txt', { source: 'profile', profileId: role.id }));
    expect(get.status).toBe(200);
    expect(Buffer.from(get.body.base64, 'base64').toString('utf8')).toBe('hello from an assumed role');
    expect(get.request.headers.find(([name]) => name.toLowerCase() === 'x-amz-security-token')?.[1]).toBe('‹redacted›');
  });

  it('is refused by the gateway when the session token is removed or altered', async () => {
    const role = core.credentials.store.findByName('gateway role');
    const assumed = await core.credentials.resolver.resolve({ source: 'profile', profileId: role?.id ?? '' });
    expect(assumed.sessionToken).toBeTruthy();
    const keys = { source: 'inline' as const, accessKeyId: assumed.accessKeyId, secretAccessKey: assumed.secretAccessKey };
    expect((await send(s3('GET', '/hello.txt', { ...keys, sessionToken: assumed.sessionToken }))).status).toBe(200);
    expect((await send(s3('GET', '/hello.txt', keys))).status).toBe(403);
    const altered = `${assumed.sessionToken?.slice(0, -6)}AAAAA=`;
    expect((await send(s3('GET', '/hello.txt', { ...keys, sessionToken: altered }))).status).toBe(403);
  });

  it.skipIf(!existsSync('/usr/bin/aws'))('reads what `aws sts assume-role` printed against the gateway, and S3 accepts the pasted keys', async () => {
    const printed = execFileSync(
      '/usr/bin/aws',
      ['sts', 'assume-role', '--role-arn', CEPH.roleArn, '--role-session-name', 'pasted', '--endpoint-url', gateway.endpoint, '--region', CEPH.region],
      { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: awsDir, AWS_ACCESS_KEY_ID: CEPH.accessKeyId, AWS_SECRET_ACCESS_KEY: CEPH.secretAccessKey, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } },
    );
    const pasted = parsePastedCredentials(printed);
    expect(pasted).toMatchObject({ ok: true, value: { format: 'sts-json' } });
    if (!pasted.ok) return;
    expect(pasted.value.expiration?.getTime()).toBeGreaterThan(Date.now());
    const credentials: CredentialSource = {
      source: 'inline',
      accessKeyId: pasted.value.accessKeyId,
      secretAccessKey: pasted.value.secretAccessKey,
      ...(pasted.value.sessionToken ? { sessionToken: pasted.value.sessionToken } : {}),
      ...(pasted.value.expiration ? { expiration: pasted.value.expiration.toISOString() } : {}),
    };
    expect((await send(s3('GET', '/hello.txt', credentials))).status).toBe(200);
  });

  it('makes presigned URLs the gateway accepts with temporary keys, and refuses once expired', async () => {
    const role = core.credentials.store.findByName('gateway role');
    const spec = (expiresInSeconds: number) =>
      planRequestSpec({ ...s3('GET', '/hello.txt', { source: 'profile', profileId: role?.id ?? '' }), auth: { type: 'aws-sigv4', credentials: { source: 'profile', profileId: role?.id ?? '' }, region: CEPH.region, service: 's3', expiresInSeconds } });
    const { url } = await core.requests.presign(spec(300));
    expect(url).toMatch(/X-Amz-Security-Token=/);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello from an assumed role');
    const short = await core.requests.presign(spec(1));
    await new Promise((done) => setTimeout(done, 2500));
    expect((await fetch(short.url)).status).toBe(403);
  });

  it('uploads a 24 MB file streamed from disk, and the gateway stores exactly those bytes', async () => {
    const content = randomBytes(24 * 1024 * 1024);
    const file = join(dataDir, 'upload.bin');
    writeFileSync(file, content);
    const put = await core.drafts.send({
      requestId: randomUUID(),
      credentials: STATIC as InlineCredentials,
      request: {
        name: 'upload',
        method: 'PUT',
        url: `${gateway.endpoint}/${bucket}/upload.bin`,
        params: [],
        headers: [],
        body: { kind: 'binary', filePath: file, contentType: 'application/octet-stream' },
        auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: CEPH.region, service: 's3', isQuerySigned: false, expiresInSeconds: 900, isSessionTokenSigned: true },
      },
    });
    expect(put.status).toBe(200);
    // A single PUT's ETag is the MD5 of what the gateway stored.
    const etag = put.headers.find(([name]) => name === 'etag')?.[1];
    expect(etag).toBe(`"${createHash('md5').update(content).digest('hex')}"`);
    expect(put.request.headers.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1]).toBe(createHash('sha256').update(content).digest('hex'));
    const head = await send(s3('HEAD', '/upload.bin', STATIC));
    expect(head.headers.find(([name]) => name === 'content-length')?.[1]).toBe(String(content.byteLength));
  });

  it('refuses expired credentials before anything is sent', async () => {
    const before = sends;
    await expect(send(s3('GET', '/hello.txt', { ...STATIC, sessionToken: 'x', expiration: '2020-01-01T00:00:00Z' }))).rejects.toMatchObject({
      code: 'CREDENTIALS_EXPIRED',
      message: expect.stringContaining('Nothing was sent'),
    });
    expect(sends).toBe(before);
  });

  it.each([
    ['a static profile', 'gw'],
    ['a credential_process profile', 'gw-process'],
    ['a role_arn + source_profile chain (AssumeRole through the gateway)', 'gw-role'],
  ])('signs with %s from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and S3 says 200', async (_label, profile) => {
    const response = await send(s3('GET', '/hello.txt', { source: 'aws-profile', profile }));
    expect(response.status).toBe(200);
    const usedToken = response.request.headers.some(([name]) => name.toLowerCase() === 'x-amz-security-token');
    expect(usedToken).toBe(profile === 'gw-role');
  });
});
