import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from './loopback-listen';

// Cognito's SRP group (RFC 5054's 3072-bit N, g = 2), as its clients use it.
const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const big = (hex: string) => BigInt(`0x${hex}`);
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}
const k = big(hexHash(padHex(N) + padHex(g)));

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', kid: 'test' })}.${part(claims)}.c2ln`;
}

/** A loopback user pool that only speaks SRP (as an app client that requires it), then SMS MFA when asked. */
export interface SrpCognitoServer {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** Every request body it got, to show the password never went over the wire. */
  bodies: string[];
  /** When set, a correct password is followed by an SMS_MFA challenge expecting this code. */
  smsCode?: string | undefined;
  close(): Promise<void>;
}

/**
 * The AWS JSON 1.1 protocol of `AWSCognitoIdentityProviderService` as the SDK client speaks it:
 * `InitiateAuth` with USER_SRP_AUTH answers PASSWORD_VERIFIER (salt, B, secret block); the
 * `RespondToAuthChallenge` signature is checked with the server side of SRP (verifier v = g^x).
 */
export async function startSrpCognitoServer(users: Record<string, string>): Promise<SrpCognitoServer> {
  const userPoolId = 'us-east-1_SrpPool01';
  const poolName = 'SrpPool01';
  const clientId = 'srpclient0000000000000001';
  const bodies: string[] = [];
  const sessions = new Map<string, { username: string; A: bigint; B: bigint; b: bigint; v: bigint; secretBlock: string; stage: 'srp' | 'sms' }>();
  const state: SrpCognitoServer = {
    endpoint: '',
    userPoolId,
    clientId,
    bodies,
    close: () => Promise.resolve(),
  };
  const tokens = (username: string) => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
    return {
      AuthenticationResult: {
        IdToken: fakeJwt({ token_use: 'id', 'cognito:username': username, iss, exp }),
        AccessToken: fakeJwt({ token_use: 'access', username, iss, exp, client_id: clientId }),
        RefreshToken: `refresh-${randomBytes(8).toString('hex')}`,
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
      ChallengeParameters: {},
    };
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      bodies.push(text);
      const reply = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          ...(type ? { 'x-amzn-errortype': type } : {}),
        });
        res.end(JSON.stringify(body));
      };
      const fail = (type: string, message: string) => reply(400, { __type: type, message }, type);
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(text) as Record<string, unknown>;
      if (input.ClientId !== clientId) return fail('ResourceNotFoundException', 'User pool client does not exist.');
      if (target === 'AWSCognitoIdentityProviderService.InitiateAuth') {
        if (input.AuthFlow !== 'USER_SRP_AUTH')
          return fail('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
        const params = input.AuthParameters as Record<string, string>;
        const username = params.USERNAME ?? '';
        const password = users[username];
        if (password === undefined) return fail('UserNotFoundException', 'User does not exist.');
        const A = big(params.SRP_A ?? '0');
        if (A % N === 0n) return fail('InvalidParameterException', 'bad SRP_A');
        const salt = big(randomBytes(16).toString('hex'));
        const x = big(hexHash(padHex(salt) + sha256Hex(`${poolName}${username}:${password}`)));
        const v = modPow(g, x, N);
        const b = big(randomBytes(32).toString('hex'));
        const B = (k * v + modPow(g, b, N)) % N;
        const secretBlock = randomBytes(64).toString('base64');
        const session = randomBytes(16).toString('hex');
        sessions.set(session, { username, A, B, b, v, secretBlock, stage: 'srp' });
        return reply(200, {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: salt.toString(16), SRP_B: B.toString(16), SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: username },
          Session: session,
        });
      }
      if (target === 'AWSCognitoIdentityProviderService.RespondToAuthChallenge') {
        const found = sessions.get(String(input.Session));
        const responses = input.ChallengeResponses as Record<string, string>;
        if (!found) return fail('NotAuthorizedException', 'Invalid session for the user.');
        if (input.ChallengeName === 'SMS_MFA' && found.stage === 'sms') {
          sessions.delete(String(input.Session));
          return responses.SMS_MFA_CODE === state.smsCode
            ? reply(200, tokens(found.username))
            : fail('CodeMismatchException', 'Invalid code received for user');
        }
        if (input.ChallengeName !== 'PASSWORD_VERIFIER' || found.stage !== 'srp')
          return fail('InvalidParameterException', 'unexpected challenge');
        sessions.delete(String(input.Session));
        const u = big(hexHash(padHex(found.A) + padHex(found.B)));
        const S = modPow(found.A * modPow(found.v, u, N), found.b, N);
        const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
        const expected = createHmac('sha256', key)
          .update(
            Buffer.concat([
              Buffer.from(poolName),
              Buffer.from(found.username),
              Buffer.from(found.secretBlock, 'base64'),
              Buffer.from(responses.TIMESTAMP ?? ''),
            ]),
          )
          .digest();
        const claimed = Buffer.from(responses.PASSWORD_CLAIM_SIGNATURE ?? '', 'base64');
        if (claimed.length !== expected.length || !timingSafeEqual(claimed, expected))
          return fail('NotAuthorizedException', 'Incorrect username or password.');
        if (state.smsCode) {
          const session = randomBytes(16).toString('hex');
          sessions.set(session, { ...found, stage: 'sms' });
          return reply(200, {
            ChallengeName: 'SMS_MFA',
            ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USER_ID_FOR_SRP: found.username },
            Session: session,
          });
        }
        return reply(200, tokens(found.username));
      }
      return fail('UnknownOperationException', target);
    });
  });
  const listening = await listenOnLoopback(server);
  state.endpoint = listening.origin;
  state.close = listening.close;
  return state;
}
