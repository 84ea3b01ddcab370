import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { createTestCore } from '../support/test-core';
import { startVerifyingServer, type VerifyingServer } from '../support/verifying-server';

const KEYS = { accessKeyId: 'AKIAIDENTITYCHECK001', secretAccessKey: 'identityCheckSecret/0000000000000000000' };

/**
 * "Check identity" calls sts:GetCallerIdentity. Ceph does not implement it, so a loopback
 * stand-in answers — but only after `aws4` (not our signer, not the SDK's) verified the signature.
 */
describe('check identity (sts:GetCallerIdentity)', () => {
  let sts: VerifyingServer;
  const test = createTestCore();
  const dispatcher = createDispatcher(createHandlers(test.core));
  const dispatch = (channel: string, input: unknown) => dispatcher.dispatch(channel, input, { emit: () => undefined });

  beforeAll(async () => {
    sts = await startVerifyingServer([KEYS]);
    sts.routes.set('/', (_req, res, received) => {
      const body = received.body.toString('utf8');
      if (!received.verdict.ok || !body.includes('Action=GetCallerIdentity')) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${received.verdict.ok ? 'wrong action' : received.verdict.reason}</Message></Error></ErrorResponse>`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAALICE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  afterAll(async () => {
    await sts.close();
    await test.dispose();
  });

  it('shows the account and ARN of a saved profile, and never the secret', async () => {
    const saved = await dispatch('credentials:save', { name: 'alice', keys: KEYS });
    expect(saved.ok).toBe(true);
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    const answer = await dispatch('credentials:check-identity', { credentials: { source: 'profile', profileId: id }, stsEndpoint: sts.origin });
    expect(answer).toEqual({ ok: true, value: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDAALICE', keyIdMasked: 'AKIA…K001' } });
    expect(sts.received.at(-1)?.verdict.ok).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(KEYS.secretAccessKey);
  });

  it('reports refused keys as a clear credentials error', async () => {
    const answer = await dispatch('credentials:check-identity', {
      credentials: { source: 'inline', accessKeyId: KEYS.accessKeyId, secretAccessKey: 'wrong-secret' },
      stsEndpoint: sts.origin,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_INVALID', message: expect.stringContaining('refused by STS') } });
  });

  it('refuses expired keys before calling STS', async () => {
    const before = sts.received.length;
    const answer = await dispatch('credentials:check-identity', {
      credentials: { source: 'inline', ...KEYS, sessionToken: 't', expiration: '2020-01-01T00:00:00Z' },
      stsEndpoint: sts.origin,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_EXPIRED' } });
    expect(sts.received.length).toBe(before);
  });
});
