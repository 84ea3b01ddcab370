import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** A loopback HTTP proxy that opens CONNECT tunnels, and what it was asked for. */
export interface ConnectProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Each tunnel's target as asked (`host:port`) and the Proxy-Authorization it came with. */
  tunnels: Array<{ authority: string; proxyAuthorization: string | undefined }>;
  close(): Promise<void>;
}

/**
 * Starts a CONNECT proxy on a free loopback port. Every tunnel goes to `routeTo` (a loopback
 * server standing in for whatever host was asked), so a test can name hosts that do not resolve.
 */
export async function startConnectProxy(routeTo: { host: string; port: number }): Promise<ConnectProxy> {
  const tunnels: ConnectProxy['tunnels'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push({ authority: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    sockets.add(client);
    const upstream = connect(routeTo.port, routeTo.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
