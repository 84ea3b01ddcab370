import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAwsProfiles } from '../../../../electron/core/credentials/aws-profiles';
import { createCredentialResolver } from '../../../../electron/core/credentials/credential-resolver';
import { createCredentialStore } from '../../../../electron/core/credentials/credential-store';
import type { StsApi } from '../../../../electron/core/credentials/sts';
import { createTestCipher } from '../../../../electron/core/vault/memory-ciphers';
import type { AssumeRoleSettings } from '../../../../shared/contract/credentials';

const STATIC = { accessKeyId: 'AKIASTATICPROFILE001', secretAccessKey: 'staticProfileSecret/000000000000000000000' };
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shomei-awsfiles-'));
  const processScript = join(dir, 'creds.js');
  writeFileSync(
    processScript,
    `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESSPROFILE01', SecretAccessKey: 'processSecret/0000000000000000000000000', SessionToken: 'processToken', Expiration: '2099-01-01T00:00:00Z' }))`,
  );
  writeFileSync(join(dir, 'credentials'), `[static]\naws_access_key_id = ${STATIC.accessKeyId}\naws_secret_access_key = ${STATIC.secretAccessKey}\n`);
  writeFileSync(
    join(dir, 'config'),
    [
      '[default]',
      'region = eu-west-1',
      '[profile static]',
      'region = us-east-2',
      '[profile proc]',
      `credential_process = "${process.execPath}" "${processScript}"`,
      '[profile broken-proc]',
      `credential_process = "${process.execPath}" -e "process.exit(3)"`,
      '[profile chained]',
      'role_arn = arn:aws:iam::123456789012:role/Chained',
      'source_profile = static',
      '[profile sso-user]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Dev',
      'region = us-east-1',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
  env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), HOME: dir };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeSts(): StsApi & { calls: Array<{ settings: AssumeRoleSettings; mfaCode?: string | undefined; baseKey: string }> } {
  const calls: Array<{ settings: AssumeRoleSettings; mfaCode?: string | undefined; baseKey: string }> = [];
  let n = 0;
  return {
    calls,
    assumeRole(base, settings, mfaCode) {
      calls.push({ settings, mfaCode, baseKey: base.accessKeyId });
      n += 1;
      return Promise.resolve({
        accessKeyId: `ASIAASSUMED${String(n).padStart(9, '0')}`,
        secretAccessKey: `assumedSecret${n}/000000000000000000000000`,
        sessionToken: `assumedToken${n}`,
        expiration: new Date(clock.getTime() + settings.durationSeconds * 1000),
        accountId: '123456789012',
      });
    },
    getCallerIdentity: () => Promise.resolve({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/x', userId: 'AIDAX' }),
  };
}

let clock = new Date('2026-12-01T10:00:00Z');
function setup(extraEnv: NodeJS.ProcessEnv = {}) {
  const sts = fakeSts();
  const store = createCredentialStore({ dataDir: mkdtempSync(join(dir, 'data-')), cipher: createTestCipher(), now: () => clock });
  const resolver = createCredentialResolver({ store, sts, env: { ...env, ...extraEnv }, now: () => clock });
  return { sts, store, resolver };
}

describe('~/.aws profiles', () => {
  it('lists the profiles of both files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) with their kind and region', async () => {
    const listed = await listAwsProfiles(env);
    expect(listed.configFile).toBe(join(dir, 'config'));
    expect(listed.profiles.map((p) => [p.name, p.kind, p.region ?? null])).toEqual([
      ['default', 'other', 'eu-west-1'],
      ['broken-proc', 'process', null],
      ['chained', 'assume-role', null],
      ['proc', 'process', null],
      ['sso-user', 'sso', 'us-east-1'],
      ['static', 'static', 'us-east-2'],
    ]);
    expect(listed.profiles.find((p) => p.name === 'static')?.files).toEqual(['config', 'credentials']);
    expect(JSON.stringify(listed)).not.toContain(STATIC.secretAccessKey);
  });

  it('resolves a static profile and a credential_process profile through the SDK', async () => {
    const { resolver } = setup();
    await expect(resolver.resolve({ source: 'aws-profile', profile: 'static' })).resolves.toMatchObject({ ...STATIC, sourceLabel: '~/.aws profile static' });
    const proc = await resolver.resolve({ source: 'aws-profile', profile: 'proc' });
    expect(proc).toMatchObject({ accessKeyId: 'ASIAPROCESSPROFILE01', sessionToken: 'processToken' });
    expect(proc.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
  });

  it('says what to do when a profile is missing, its process fails, or its SSO session is not logged in', async () => {
    const { resolver } = setup();
    await expect(resolver.resolve({ source: 'aws-profile', profile: 'nope' })).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING', message: expect.stringContaining('"nope" is not in') });
    await expect(resolver.resolve({ source: 'aws-profile', profile: 'broken-proc' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID', message: expect.stringContaining('Nothing was sent') });
    await expect(resolver.resolve({ source: 'aws-profile', profile: 'sso-user' })).rejects.toMatchObject({
      code: 'CREDENTIALS_EXPIRED',
      message: expect.stringContaining('aws sso login --profile sso-user'),
    });
  });
});

describe('environment and default chain', () => {
  it('reads AWS_* variables including the expiry, and refuses when they are absent', async () => {
    const withKeys = setup({ AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 'envSecret', AWS_SESSION_TOKEN: 'envToken', AWS_CREDENTIAL_EXPIRATION: '2026-12-01T11:00:00Z' });
    const resolved = await withKeys.resolver.resolve({ source: 'env' });
    expect(resolved).toMatchObject({ accessKeyId: 'ASIAENVIRONMENT00001', sessionToken: 'envToken' });
    expect(resolved.expiration?.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    await expect(withKeys.resolver.resolve({ source: 'default-chain' })).resolves.toMatchObject({ accessKeyId: 'ASIAENVIRONMENT00001' });
    await expect(setup().resolver.resolve({ source: 'env' })).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING' });
  });
});

describe('saved profiles and AssumeRole', () => {
  const role = (base: AssumeRoleSettings['base'], extra: Partial<AssumeRoleSettings> = {}): AssumeRoleSettings => ({
    base,
    roleArn: 'arn:aws:iam::210987654321:role/CrossAccount',
    sessionName: 'shomei',
    durationSeconds: 3600,
    ...extra,
  });

  it('assumes a role from a saved profile once, caches the keys encrypted, and renews them five minutes before expiry', async () => {
    clock = new Date('2026-12-01T10:00:00Z');
    const { resolver, store, sts } = setup();
    const base = await store.saveKeys({ name: 'base', keys: STATIC });
    const cross = await store.saveAssumeRole({ name: 'cross', settings: role({ source: 'profile', profileId: base.id }, { externalId: 'ext-123' }) });
    const first = await resolver.resolve({ source: 'profile', profileId: cross.id });
    expect(first.accessKeyId).toBe('ASIAASSUMED000000001');
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]).toMatchObject({ baseKey: STATIC.accessKeyId, settings: { externalId: 'ext-123' } });
    expect(store.summary(cross.id)).toMatchObject({ keyIdMasked: 'ASIA…0001', hasSessionToken: true, accountId: '123456789012', expiration: '2026-12-01T11:00:00.000Z' });

    clock = new Date('2026-12-01T10:50:00Z');
    // Security: a profile is found by id only; its name (as a shared file might write it) picks nothing.
    await expect(resolver.resolve({ source: 'profile', profileId: 'cross' })).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING' });
    expect((await resolver.resolve({ source: 'profile', profileId: cross.id })).accessKeyId).toBe('ASIAASSUMED000000001');
    expect(sts.calls).toHaveLength(1);

    clock = new Date('2026-12-01T10:56:00Z');
    expect((await resolver.resolve({ source: 'profile', profileId: cross.id })).accessKeyId).toBe('ASIAASSUMED000000002');
    expect(sts.calls).toHaveLength(2);
  });

  it('asks for an MFA code instead of calling STS without one, then uses the code', async () => {
    const { resolver, store, sts } = setup({ AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 'envSecret' });
    const mfa = await store.saveAssumeRole({ name: 'mfa', settings: role({ source: 'env' }, { mfaSerial: 'arn:aws:iam::123456789012:mfa/me' }) });
    await expect(resolver.resolve({ source: 'profile', profileId: mfa.id })).rejects.toMatchObject({ code: 'MFA_REQUIRED', details: { profileId: mfa.id } });
    expect(sts.calls).toHaveLength(0);
    await resolver.assumeNow(mfa.id, '123456');
    expect(sts.calls[0]?.mfaCode).toBe('123456');
    await expect(resolver.resolve({ source: 'profile', profileId: mfa.id })).resolves.toMatchObject({ accessKeyId: 'ASIAASSUMED000000001' });
  });

  it('refuses expired base keys before calling STS, and names a missing profile', async () => {
    const { resolver, store, sts } = setup();
    const old = await store.saveKeys({ name: 'old', keys: { ...STATIC, accessKeyId: 'ASIAOLDKEYS000000001', sessionToken: 't', expiration: new Date('2026-11-30T00:00:00Z') } });
    const viaOld = await store.saveAssumeRole({ name: 'via-old', settings: role({ source: 'profile', profileId: old.id }) });
    await expect(resolver.resolve({ source: 'profile', profileId: viaOld.id })).rejects.toMatchObject({ code: 'CREDENTIALS_EXPIRED' });
    expect(sts.calls).toHaveLength(0);
    await expect(resolver.resolve({ source: 'profile', profileId: 'team-prod' })).rejects.toMatchObject({ code: 'CREDENTIALS_MISSING', message: expect.stringContaining('"team-prod"') });
  });

  it('passes the expiry of pasted inline keys on, so the send can be refused', async () => {
    const { resolver } = setup();
    const resolved = await resolver.resolve({ source: 'inline', ...STATIC, expiration: '2026-12-01T09:00:00Z' });
    expect(resolved.expiration?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });
});
