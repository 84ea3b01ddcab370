import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from './loopback-listen';

/** Keys the identity server hands out; a SigV4-verifying server is told them beforehand. */
export interface IssuedKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** What a Logins map must hold for the pool to answer: why not, or undefined when it holds. */
export type LoginsCheck = (logins: Record<string, string> | undefined) => string | undefined;

export interface CognitoIdentityServer {
  endpoint: string;
  identityPoolId: string;
  /** The key sets handed out in turn (one per GetCredentialsForIdentity). */
  keys: IssuedKeys[];
  /** Each call as it came: target and Logins. */
  calls: Array<{ target: string; logins: Record<string, string> | undefined }>;
  check: LoginsCheck;
  /** Seconds the keys live. */
  lifetimeSeconds: number;
  close(): Promise<void>;
}

/** N fresh temporary keys (ASIA…), to hand to both servers. */
export function issuedKeys(count: number): IssuedKeys[] {
  return Array.from({ length: count }, () => ({
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJ${randomBytes(90).toString('base64')}`,
  }));
}

/**
 * A loopback Cognito Identity (`AWSCognitoIdentityService`, AWS JSON 1.1) for the SDK client:
 * GetId and GetCredentialsForIdentity, each refusing with NotAuthorizedException when `check`
 * says the Logins map is wrong. cognito-local does not do identity pools.
 */
export async function startCognitoIdentityServer(keys: IssuedKeys[]): Promise<CognitoIdentityServer> {
  const identityPoolId = 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  let next = 0;
  const state: CognitoIdentityServer = {
    endpoint: '',
    identityPoolId,
    keys,
    calls: [],
    check: () => undefined,
    lifetimeSeconds: 3600,
    close: () => Promise.resolve(),
  };
  const identities = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const logins = input.Logins as Record<string, string> | undefined;
      state.calls.push({ target, logins });
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      const fail = (type: string, message: string) => reply(400, { __type: type, message });
      const problem = state.check(logins);
      if (problem) return fail('NotAuthorizedException', problem);
      const loginKey = JSON.stringify(logins ?? {});
      if (target === 'AWSCognitoIdentityService.GetId') {
        if (input.IdentityPoolId !== identityPoolId) return fail('ResourceNotFoundException', 'IdentityPool not found');
        const id = identities.get(loginKey) ?? `us-east-1:${randomBytes(16).toString('hex')}`;
        identities.set(loginKey, id);
        return reply(200, { IdentityId: id });
      }
      if (target === 'AWSCognitoIdentityService.GetCredentialsForIdentity') {
        if (![...identities.values()].includes(String(input.IdentityId)))
          return fail('ResourceNotFoundException', 'Identity not found');
        const issued = keys[next % keys.length] as IssuedKeys;
        next += 1;
        return reply(200, {
          IdentityId: input.IdentityId,
          Credentials: {
            AccessKeyId: issued.accessKeyId,
            SecretKey: issued.secretAccessKey,
            SessionToken: issued.sessionToken,
            // Epoch seconds, as Cognito Identity writes it.
            Expiration: Math.floor(Date.now() / 1000) + state.lifetimeSeconds,
          },
        });
      }
      return fail('UnknownOperationException', target);
    });
  });
  const listening = await listenOnLoopback(server);
  state.endpoint = listening.origin;
  state.close = listening.close;
  return state;
}
