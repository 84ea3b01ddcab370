import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { verifySigV4, type KnownCredentials, type Verdict } from './verifying-server';

/** One handshake as the server saw it, with the signature's verdict. */
export interface SeenHandshake {
  target: string;
  rawHeaders: Array<[string, string]>;
  verdict: Verdict;
}

/** A running WebSocket echo server. */
export interface WebSocketEchoServer {
  /** `ws://127.0.0.1:<port>` */
  origin: string;
  handshakes: SeenHandshake[];
  /** Sockets the server accepted and has not seen close. */
  open: Set<WebSocket>;
  close(): Promise<void>;
}

/**
 * A loopback WebSocket server that verifies each handshake's SigV4 (query or header form) with the
 * independent `aws4` library, answers 403 with an AWS-style body when it does not hold, and echoes
 * every message back as it came (text as text, binary as binary). Paths under `/open/` take any
 * handshake (for the other auth types, whose headers the test reads from `handshakes`). A text
 * message `close:<code>:<reason>` makes the server close with that code.
 */
export async function startWebSocketEchoServer(known: KnownCredentials[]): Promise<WebSocketEchoServer> {
  const handshakes: SeenHandshake[] = [];
  const open = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('WebSocket only');
  });
  server.on('upgrade', (req, socket, head) => {
    const rawHeaders: Array<[string, string]> = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      rawHeaders.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
    const target = req.url ?? '/';
    const verdict = verifySigV4('GET', target, rawHeaders, Buffer.alloc(0), known);
    handshakes.push({ target, rawHeaders, verdict });
    if (!verdict.ok && !target.startsWith('/open/')) {
      const body = JSON.stringify({ message: `Forbidden: ${verdict.reason}` });
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      ws.on('close', () => open.delete(ws));
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? '' : data.toString();
        const match = /^close:(\d{4}):(.*)$/.exec(text);
        if (match) ws.close(Number(match[1]), match[2]);
        else ws.send(data, { binary: isBinary });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `ws://127.0.0.1:${port}`,
    handshakes,
    open,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
