import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server expects, by path: a check of the request that says why it fails, or undefined when it holds. */
export type AuthCheck = (request: {
  headers: IncomingMessage['headers'];
  rawHeaders: Array<[string, string]>;
  query: URLSearchParams;
}) => string | undefined;

/** A request as the server saw it. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  rawHeaders: Array<[string, string]>;
  status: number;
}

/** A running auth-checking server. */
export interface AuthCheckingServer {
  origin: string;
  seen: SeenRequest[];
  checks: Map<string, AuthCheck>;
  /** Paths that answer 302 to the given URL, before any check. */
  redirects: Map<string, string>;
  close(): Promise<void>;
}

/**
 * A loopback server that checks auth the way real APIs do: each path has a check of the headers
 * and query; 200 with `{ok: true}` when it holds, 401 with the reason when it does not. Paths
 * without a check answer 200 and only record what came.
 */
export async function startAuthCheckingServer(): Promise<AuthCheckingServer> {
  const seen: SeenRequest[] = [];
  const checks = new Map<string, AuthCheck>();
  const redirects = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawHeaders: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      const redirect = redirects.get(url.pathname);
      if (redirect) {
        seen.push({ path: url.pathname, query: url.searchParams, rawHeaders, status: 302 });
        res.writeHead(302, { location: redirect });
        return res.end();
      }
      const failure = checks.get(url.pathname)?.({ headers: req.headers, rawHeaders, query: url.searchParams });
      const status = failure === undefined ? 200 : 401;
      seen.push({ path: url.pathname, query: url.searchParams, rawHeaders, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failure === undefined ? { ok: true } : { ok: false, reason: failure }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    checks,
    redirects,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
