import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on a free 127.0.0.1 port; `close` drops open connections first, so it never waits on keep-alive. */
export async function listenOnLoopback(server: Server): Promise<{ origin: string; close(): Promise<void> }> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
