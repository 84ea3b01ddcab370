import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePastedCredentials } from '../../../../shared/credentials/parse-pasted-credentials';

const DIR = resolve(import.meta.dirname, '../../../fixtures/credentials');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const K = 'ASIAQEXAMPLE7PASTE01';
const S = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPASTEKEY01';
const T = 'IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Xn0examplePASTEDsessionTOKENvalue+with/slashes==';
const EXPIRY = new Date('2026-11-25T12:34:56Z');

describe('parsePastedCredentials reads every format people paste', () => {
  it.each([
    ['sts-assume-role.json', 'sts-json', EXPIRY, '123456789012'],
    ['sts-get-session-token.json', 'sts-json', EXPIRY, undefined],
    ['sts-get-federation-token.json', 'sts-json', EXPIRY, '123456789012'],
    ['sts-assume-role-with-web-identity.json', 'sts-json', EXPIRY, '123456789012'],
    ['export-process.json', 'process-json', EXPIRY, undefined],
    ['export-env.sh', 'env', EXPIRY, undefined],
    ['export-env-no-export.sh', 'env-no-export', EXPIRY, undefined],
    ['export-powershell.ps1', 'powershell', EXPIRY, undefined],
    ['export-windows-cmd.bat', 'windows-cmd', EXPIRY, undefined],
    ['portal-macos-linux.sh', 'env', undefined, undefined],
    ['portal-windows.bat', 'windows-cmd', undefined, undefined],
    ['portal-powershell.ps1', 'powershell', undefined, undefined],
    ['portal-credentials-file.ini', 'ini', undefined, '123456789012'],
    ['plain-lines.txt', 'plain-lines', undefined, undefined],
    ['shell-prompt.txt', 'env', undefined, undefined],
  ] as const)('%s', (file, format, expiration, accountId) => {
    const result = parsePastedCredentials(read(file));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      accessKeyId: K,
      secretAccessKey: S,
      sessionToken: T,
      format,
      ...(expiration ? { expiration } : {}),
      ...(accountId ? { accountId } : {}),
    });
  });

  it('reads a static INI profile without a token', () => {
    const result = parsePastedCredentials(read('ini-profile.ini'));
    expect(result).toMatchObject({ ok: true, value: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', format: 'ini' } });
    expect(result.ok && result.value.sessionToken).toBeFalsy();
  });
});

describe('parsePastedCredentials refuses what it cannot fully read, and says why', () => {
  it.each([
    ['empty text', '', /Paste something first/],
    ['prose', 'hello, here are my notes about the meeting', /could not find AWS credentials/],
    ['a key id alone', `export AWS_ACCESS_KEY_ID=${K}`, /secret access key is missing/],
    ['a secret alone', `AWS_SECRET_ACCESS_KEY=${S}`, /access key ID is missing/],
    ['temporary keys without their token', `export AWS_ACCESS_KEY_ID=${K}\nexport AWS_SECRET_ACCESS_KEY=${S}`, /no session token came with them/],
    ['a malformed key id', `export AWS_ACCESS_KEY_ID=not-a-key!\nexport AWS_SECRET_ACCESS_KEY=${S}`, /does not look like an access key ID/],
    ['an unreadable expiry', `export AWS_ACCESS_KEY_ID=${K}\nexport AWS_SECRET_ACCESS_KEY=${S}\nexport AWS_SESSION_TOKEN=${T}\nexport AWS_CREDENTIAL_EXPIRATION=tomorrow-ish`, /expiry "tomorrow-ish" is not a date/],
    ['truncated JSON', read('sts-assume-role.json').slice(0, 120), /./],
    ['JSON without keys', '{"Credentials":{"Expiration":"2026-01-01T00:00:00Z"}}', /access key ID and secret access key are missing/],
    ['a cut-off secret', `export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=short`, /cut off/],
  ])('%s', (_label, text, message) => {
    const result = parsePastedCredentials(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('lists what it found and what is missing', () => {
    const result = parsePastedCredentials(`export AWS_ACCESS_KEY_ID=${K}\nexport AWS_SESSION_TOKEN=${T}`);
    expect(result).toMatchObject({ ok: false, found: ['access key ID', 'session token'], missing: ['secret access key'] });
  });
});

describe('parsePastedCredentials and S3-compatible gateways', () => {
  it('accepts the mixed-case key ids Ceph and MinIO issue when the text labels them', () => {
    const text = JSON.stringify({ Credentials: { AccessKeyId: 'Wv0mtcJoCok4dCxh37y', SecretAccessKey: '80ATWU5V7JY4EYO56F083K56A3EZKEV7I0YJRS3', SessionToken: T, Expiration: '2026-12-02T01:07:36.786Z' } });
    const result = parsePastedCredentials(text);
    expect(result).toMatchObject({ ok: true, value: { accessKeyId: 'Wv0mtcJoCok4dCxh37y', sessionToken: T, format: 'sts-json' } });
    if (result.ok) expect(result.value.expiration?.toISOString()).toBe('2026-12-02T01:07:36.786Z');
  });
});
