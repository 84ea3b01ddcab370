import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token request as the endpoint saw it. */
export interface SeenTokenRequest {
  headers: IncomingHttpHeaders;
  /** The form body as sent, undecoded. */
  body: string;
  form: URLSearchParams;
  status: number;
}

/** A running loopback OAuth 2.0 token endpoint with an API behind it. */
export interface OAuthTokenServer {
  origin: string;
  /** `POST /token`: the client credentials grant. */
  tokenUrl: string;
  /** `GET /api`: 200 for `Authorization: Bearer <a token this server issued>`, 401 otherwise. */
  apiUrl: string;
  tokenRequests: SeenTokenRequest[];
  /** The Authorization headers `/api` received. */
  apiAuthorizations: Array<string | undefined>;
  /** The client this endpoint knows; change `secret` to make the next token request fail. */
  client: { id: string; secret: string; scopes: string[] };
  /** `expires_in` of the tokens it issues (undefined: none given). */
  lifetimeSeconds: number | undefined;
  /** `token_type` as the server writes it. */
  tokenType: string;
  /** The tokens issued so far. */
  issued: string[];
  close(): Promise<void>;
}

/**
 * A token endpoint that checks the client the way RFC 6749 says: the client id and secret in an
 * `Authorization: Basic` header (form-encoded, then base64: a raw `:` or `%` in either is refused)
 * or in the body, never both; a wrong
 * secret gets 401 `invalid_client`, a scope the client may not have gets 400 `invalid_scope`.
 * `/html` answers an HTML page (a wrong token URL); `/moved` redirects to `/token`.
 */
export async function startOAuthTokenServer(): Promise<OAuthTokenServer> {
  const state: Omit<OAuthTokenServer, 'origin' | 'tokenUrl' | 'apiUrl' | 'close'> = {
    tokenRequests: [],
    apiAuthorizations: [],
    client: { id: 'shomei-client', secret: 'client-secret-0123456789', scopes: ['orders/read', 'orders/write'] },
    lifetimeSeconds: 3600,
    tokenType: 'bearer',
    issued: [],
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/api') {
        state.apiAuthorizations.push(req.headers.authorization);
        const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
        return token && state.issued.includes(token)
          ? json(res, 200, { ok: true })
          : json(res, 401, { message: 'Unauthorized' });
      }
      if (path === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body>Sign in</body></html>');
      }
      if (path === '/moved') {
        res.writeHead(307, { location: '/token' });
        return res.end();
      }
      if (path !== '/token' || req.method !== 'POST') return json(res, 404, { error: 'not_found' });
      const body = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(body);
      const seen: SeenTokenRequest = { headers: req.headers, body, form, status: 0 };
      state.tokenRequests.push(seen);
      const answer = (status: number, body: unknown) => {
        seen.status = status;
        json(res, status, body);
      };
      if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
        return answer(400, { error: 'invalid_request', error_description: 'form body expected' });
      if (form.get('grant_type') !== 'client_credentials') return answer(400, { error: 'unsupported_grant_type' });
      let id: string | undefined;
      let secret: string | undefined;
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (basic) {
        if (form.has('client_secret')) return answer(400, { error: 'invalid_request', error_description: 'two ways' });
        // RFC 6749 §2.3.1: split at the one `:` (the id and secret are form-encoded), then decode each.
        const pair = Buffer.from(basic, 'base64').toString('utf8').split(':');
        if (pair.length !== 2)
          return answer(401, { error: 'invalid_client', error_description: 'id:secret not form-encoded' });
        try {
          [id, secret] = pair.map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
        } catch {
          return answer(401, { error: 'invalid_client', error_description: 'not form-encoded' });
        }
      } else {
        id = form.get('client_id') ?? undefined;
        secret = form.get('client_secret') ?? undefined;
      }
      if (id !== state.client.id || secret !== state.client.secret)
        return answer(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const scope = form.get('scope');
      if (scope && scope.split(' ').some((s) => !state.client.scopes.includes(s)))
        return answer(400, { error: 'invalid_scope' });
      const token = `issued-token-${state.issued.length + 1}-${Math.random().toString(36).slice(2, 12)}`;
      state.issued.push(token);
      return answer(200, {
        access_token: token,
        token_type: state.tokenType,
        ...(state.lifetimeSeconds === undefined ? {} : { expires_in: state.lifetimeSeconds }),
        ...(scope ? { scope } : {}),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    origin,
    tokenUrl: `${origin}/token`,
    apiUrl: `${origin}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
