import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** A cognito-local (npm) user pool server on a free loopback port, in its own temp folder. */
export interface CognitoLocal {
  endpoint: string;
  region: string;
  client: CognitoIdentityProviderClient;
  /** Creates a pool, an app client (with a secret when asked) and a confirmed user. */
  createUser(options: { username: string; password: string; withSecret?: boolean }): Promise<{
    userPoolId: string;
    clientId: string;
    clientSecret?: string | undefined;
  }>;
  /** Turns on TOTP MFA for the user (signs in once to get an access token); returns the TOTP secret. */
  enableTotp(userPoolId: string, clientId: string, username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts cognito-local: `PORT=0`, `HOST=127.0.0.1`, and waits for its "running on" line. Stopped by PID. */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const dir = mkdtempSync(join(tmpdir(), 'shomei-cognito-local-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules/cognito-local/lib/bin/start.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`cognito-local did not start in 30 s: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // eslint-disable-next-line no-control-regex
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.replace(/\u001b\[[0-9;]*m/g, ''));
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`cognito-local exited with ${code}: ${output}`));
    });
  });
  const region = 'us-east-1';
  // cognito-local checks no signature; the admin calls need some credentials to be signed with.
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'AKIDCOGNITOLOCAL0000', secretAccessKey: 'cognito-local-admin' },
  });
  return {
    endpoint,
    region,
    client,
    async createUser({ username, password, withSecret }) {
      const pool = await client.send(new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, MfaConfiguration: 'OPTIONAL' }));
      const userPoolId = pool.UserPool?.Id ?? '';
      const appClient = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: 'shomei-test',
          GenerateSecret: withSecret === true,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      await client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
      await client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }),
      );
      return {
        userPoolId,
        clientId: appClient.UserPoolClient?.ClientId ?? '',
        clientSecret: appClient.UserPoolClient?.ClientSecret,
      };
    },
    async enableTotp(_userPoolId, clientId, username, password) {
      const signedIn = await client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      const accessToken = signedIn.AuthenticationResult?.AccessToken ?? '';
      const associated = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
      const secret = associated.SecretCode ?? '';
      await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(secret) }));
      await client.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      return secret;
    },
    stop: () =>
      new Promise<void>((done) => {
        client.destroy();
        const finish = () => {
          rmSync(dir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null || child.pid === undefined) return finish();
        child.once('exit', finish);
        process.kill(child.pid, 'SIGTERM');
      }),
  };
}

/** The current RFC 6238 code (SHA-1, 30 s, 6 digits) of a Base32 TOTP secret, as an authenticator app shows it. */
export function totp(base32Secret: string, at: number = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/**
 * A check of a token as an API (or an identity pool) behind the pool does it: a JWT signed by the
 * pool's key (cognito-local's JWKS), of this pool, of `use` (`id` or `access`), for `clientId` when
 * given. Undefined when it holds; otherwise why not.
 */
export async function poolTokenCheck(
  local: CognitoLocal,
  userPoolId: string,
  use: 'id' | 'access' = 'id',
  clientId?: string,
): Promise<(token: string) => string | undefined> {
  const jwks = (await (await fetch(`${local.endpoint}/${userPoolId}/.well-known/jwks.json`)).json()) as {
    keys: Array<JsonWebKey & { kid: string }>;
  };
  return (token) => {
    if (token.startsWith('Bearer ')) return 'a Bearer prefix';
    const [head = '', body = '', signature = ''] = token.split('.');
    let kid: unknown;
    let claims: Record<string, unknown>;
    try {
      kid = (JSON.parse(Buffer.from(head, 'base64url').toString()) as { kid?: unknown }).kid;
      claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    } catch {
      return `not a JWT: ${token.slice(0, 20)}`;
    }
    const jwk = jwks.keys.find((k) => k.kid === kid);
    if (!jwk) return `no key ${String(kid)} in the pool`;
    const isValid = verify(
      'RSA-SHA256',
      Buffer.from(`${head}.${body}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
    if (!isValid) return 'bad signature';
    if (claims.token_use !== use) return `token_use ${String(claims.token_use)}`;
    if (!String(claims.iss).endsWith(`/${userPoolId}`)) return `iss ${String(claims.iss)}`;
    if (clientId !== undefined && (use === 'id' ? claims.aud : claims.client_id) !== clientId) return 'another app client';
    return undefined;
  };
}

/**
 * In the window: the Auth tab set to *Cognito user pool* for `user` of `local` (creating the
 * passphrase vault the secret fields need), every field typed, before *Sign in*.
 */
export async function fillCognitoAuthTab(
  page: Page,
  local: CognitoLocal,
  user: { userPoolId: string; clientId: string; clientSecret?: string | undefined; username: string; password: string },
): Promise<void> {
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'Cognito user pool' });
  await page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
  await page.getByRole('button', { name: 'Create vault' }).click();
  // scrypt at N = 2^17 takes seconds on a busy machine.
  await expect.poll(() => page.getByLabel('Vault passphrase').count(), { timeout: 20_000 }).toBe(0);
  await page.getByLabel('User pool id').fill(user.userPoolId);
  await page.getByLabel('Region').fill(local.region);
  await page.getByLabel('App client id').fill(user.clientId);
  if (user.clientSecret) await page.getByLabel('Client secret').fill(user.clientSecret);
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Endpoint').fill(local.endpoint);
}
