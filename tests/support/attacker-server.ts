import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the loopback "attacker" received, byte for byte. */
export interface ReceivedByAttacker {
  method: string;
  target: string;
  /** The `Host` header it was sent with (the signed host, when a signature was redirected to it). */
  host: string;
  /** The raw headers as JSON, to search for a signature or a key. */
  headers: string;
  body: Buffer;
}

/** A loopback server that keeps every byte it is sent and answers 200 `thanks`. */
export interface Attacker {
  origin: string;
  port: number;
  received: ReceivedByAttacker[];
  close(): Promise<void>;
}

/** Starts an attacker on a free loopback port; the test closes it in `afterAll`. */
export async function startAttacker(): Promise<Attacker> {
  const received: ReceivedByAttacker[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        target: req.url ?? '',
        host: req.headers.host ?? '',
        headers: JSON.stringify(req.rawHeaders),
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
