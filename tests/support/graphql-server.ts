import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { verifySigV4, type KnownCredentials, type Verdict } from './verifying-server';

/** The schema the test server answers, a small AppSync-like API. */
export const TEST_SCHEMA_SDL = `
  type Item { id: ID!, name: String!, tags: [String!]! }
  type Query { item(id: ID!): Item, items(limit: Int): [Item!]! }
  type Mutation { addItem(name: String!): Item! }
`;

/** A running GraphQL server on loopback that verifies SigV4 (service `appsync`) with aws4. */
export interface GraphqlTestServer {
  url: string;
  /** Verdicts of every request, oldest first; the body each carried. */
  received: Array<{ verdict: Verdict; body: unknown; contentType: string | undefined }>;
  close(): Promise<void>;
}

const ITEMS = [
  { id: '1', name: 'first', tags: ['a'] },
  { id: '2', name: 'second', tags: ['b', 'c'] },
];

/**
 * Starts `graphql`'s reference executor behind a SigV4 check done by the independent `aws4`
 * library: unsigned or wrongly signed requests get 401 with an AppSync-style error body, signed
 * ones get the execution result, introspection included.
 */
export async function startGraphqlServer(known: KnownCredentials[]): Promise<GraphqlTestServer> {
  const schema = buildSchema(TEST_SCHEMA_SDL);
  const root = {
    item: ({ id }: { id: string }) => ITEMS.find((item) => item.id === id) ?? null,
    items: ({ limit }: { limit?: number }) => ITEMS.slice(0, limit ?? ITEMS.length),
    addItem: ({ name }: { name: string }) => ({ id: '3', name, tags: [] }),
  };
  const received: GraphqlTestServer['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const rawHeaders: Array<[string, string]> = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
        const verdict = verifySigV4(req.method ?? 'GET', req.url ?? '/', rawHeaders, body, known);
        let parsed: { query?: unknown; variables?: unknown; operationName?: unknown } = {};
        try {
          parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
        } catch {
          parsed = {};
        }
        received.push({ verdict, body: parsed, contentType: req.headers['content-type'] });
        res.setHeader('content-type', 'application/json');
        if (!verdict.ok) {
          res.writeHead(401);
          res.end(
            JSON.stringify({
              errors: [{ errorType: 'UnauthorizedException', message: `Signature check failed: ${verdict.reason}` }],
            }),
          );
          return;
        }
        if (req.method !== 'POST' || typeof parsed.query !== 'string') {
          res.writeHead(400);
          res.end(JSON.stringify({ errors: [{ message: 'POST a JSON body with a query' }] }));
          return;
        }
        const result = await graphql({
          schema,
          source: parsed.query,
          rootValue: root,
          variableValues: (parsed.variables ?? undefined) as Record<string, unknown> | undefined,
          operationName: typeof parsed.operationName === 'string' ? parsed.operationName : undefined,
        });
        res.writeHead(200);
        res.end(JSON.stringify(result));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
