import type { IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import { MESSAGE_PREVIEW_BYTES, type OutgoingMessage, type WebSocketEvent } from '../../../shared/contract/websocket';
import type { SendOptions } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { explainCloseCode, explainHandshakeStatus, messageProblem } from '../../../shared/websocket/messages';
import type { SignedHandshake } from '../requests/sign-without-sending';
import { socketRoute } from './socket-route';

/** What opening a socket needs: the signed handshake and the send options that apply to it. */
export interface WebSocketOpen extends SignedHandshake {
  options: SendOptions;
}

/** Receives every event of one connection, in order. */
export type WebSocketEventSink = (event: WebSocketEvent) => void;

/**
 * Main's WebSocket connections (the `ws` library): opened from a signed handshake, each named by
 * the caller's connection id. Events carry sizes and capped previews with credentials redacted;
 * the socket and its handshake never leave main.
 */
export interface WebSocketService {
  /** Resolves once open; a refused handshake is `HANDSHAKE_REFUSED` with the status and body. */
  connect(connectionId: string, open: WebSocketOpen, onEvent: WebSocketEventSink): Promise<void>;
  /** Sends one message; refuses one that does not read as its format, or a connection not open. */
  send(connectionId: string, message: OutgoingMessage): { size: number };
  /** Closes one connection (1000 unless told); false when there was none. */
  disconnect(connectionId: string, code?: number, reason?: string): boolean;
  /** Closes every connection (the window went away, the app quits). */
  closeAll(): void;
}

/** Limits of the service. */
export interface WebSocketServiceDeps {
  now: () => Date;
  /** Open connections at once (default 32). */
  maxConnections?: number;
  /** Largest message accepted from a server (default 16 MiB). */
  maxMessageBytes?: number;
}

interface Connection {
  socket: WebSocket;
  seq: number;
  emit: (event: Omit<WebSocketEvent, 'connectionId' | 'seq' | 'at'>) => void;
  redact: (text: string) => string;
}

const BODY_PREVIEW_BYTES = 4096;

/** Builds the WebSocket service. */
export function createWebSocketService(deps: WebSocketServiceDeps): WebSocketService {
  const connections = new Map<string, Connection>();
  const maxConnections = deps.maxConnections ?? 32;
  const maxPayload = deps.maxMessageBytes ?? 16 * 1024 * 1024;

  const connect = (connectionId: string, open: WebSocketOpen, onEvent: WebSocketEventSink): Promise<void> => {
    if (connections.has(connectionId)) throw new ShomeiError('CONFLICT', 'A connection with this id is already open');
    if (connections.size >= maxConnections) {
      throw new ShomeiError(
        'CONFLICT',
        `Not connected: ${maxConnections} WebSockets are open already; disconnect one first.`,
      );
    }
    // The headers as signed, Host included: what is signed is what is sent (a Host header the user
    // set was confirmed with the destination check before the handshake was signed).
    const headers: Record<string, string> = Object.fromEntries(open.headers);
    const socket = new WebSocket(open.url, {
      headers,
      handshakeTimeout: open.options.timeoutMs,
      maxPayload,
      followRedirects: false,
      rejectUnauthorized: open.options.isTlsVerified,
      ...(open.options.caBundlePem ? { ca: open.options.caBundlePem } : {}),
      ...routeOf(open),
    });
    const connection: Connection = {
      socket,
      seq: 0,
      redact: open.redact,
      emit: (event) => onEvent({ connectionId, seq: connection.seq++, at: deps.now().toISOString(), ...event }),
    };
    connections.set(connectionId, connection);
    return new Promise<void>((resolve, reject) => {
      let isOpen = false;
      let isRefused = false;
      socket.on('open', () => {
        isOpen = true;
        connection.emit({
          kind: 'open',
          text: open.redact(open.url),
          explanation: `Connected (signed in the ${open.signedIn === 'none' ? 'auth type’s headers or query' : open.signedIn}).`,
        });
        resolve();
      });
      socket.on('unexpected-response', (_request, response: IncomingMessage) => {
        isRefused = true;
        void readCapped(response, BODY_PREVIEW_BYTES).then((body) => {
          const status = response.statusCode ?? 0;
          const explanation = explainHandshakeStatus(status);
          const shown = open.redact(body);
          connection.emit({ kind: 'error', status, body: shown, explanation });
          connections.delete(connectionId);
          socket.terminate();
          reject(
            new ShomeiError(
              'HANDSHAKE_REFUSED',
              `Not connected: ${explanation}${shown ? ` The server said: ${shown.slice(0, 500)}` : ''}`,
              { status, body: shown },
            ),
          );
        });
      });
      socket.on('message', (data: RawData, isBinary: boolean) => {
        connection.emit({ kind: 'message', direction: 'received', ...preview(toBuffer(data), isBinary, open.redact) });
      });
      socket.on('error', (error: Error) => {
        if (isRefused) return;
        const message = open.redact(error.message);
        connection.emit({ kind: 'error', explanation: message });
        if (!isOpen) {
          connections.delete(connectionId);
          reject(
            new ShomeiError(/timed out/i.test(message) ? 'TIMEOUT' : 'NETWORK_ERROR', `Not connected: ${message}`),
          );
        }
      });
      socket.on('close', (code: number, reason: Buffer) => {
        connections.delete(connectionId);
        if (isRefused) return;
        const text = open.redact(reason.toString('utf8'));
        connection.emit({ kind: 'close', code, reason: text, explanation: explainCloseCode(code) });
        if (!isOpen) reject(new ShomeiError('CANCELLED', 'Not connected: the connection was closed before it opened'));
      });
    });
  };

  return {
    connect,
    send(connectionId, message) {
      const connection = connections.get(connectionId);
      if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
        throw new ShomeiError('NOT_FOUND', 'Not sent: this WebSocket is not connected; Connect first.');
      }
      const problem = messageProblem(message);
      if (problem) throw new ShomeiError('INVALID_INPUT', problem);
      const isBinary = message.format === 'binary';
      const bytes = isBinary
        ? Buffer.from(message.text.replace(/\s+/g, ''), message.binaryEncoding === 'hex' ? 'hex' : 'base64')
        : Buffer.from(message.text, 'utf8');
      connection.socket.send(bytes, { binary: isBinary });
      connection.emit({ kind: 'message', direction: 'sent', ...preview(bytes, isBinary, connection.redact) });
      return { size: bytes.byteLength };
    },
    disconnect(connectionId, code = 1000, reason = '') {
      const connection = connections.get(connectionId);
      if (!connection) return false;
      if (connection.socket.readyState === WebSocket.CONNECTING) connection.socket.terminate();
      else connection.socket.close(code, reason);
      return true;
    },
    closeAll() {
      for (const { socket } of connections.values()) {
        if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
        else socket.close(1001, 'Shomei closed the window');
      }
    },
  };
}

/** A connect-to address or a proxy, as `ws` takes it (see `socketRoute`); nothing when it goes straight. */
function routeOf(open: WebSocketOpen): { createConnection?: ReturnType<typeof socketRoute> } {
  const createConnection = socketRoute(open.url, open.options);
  return createConnection ? { createConnection } : {};
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A message's size and capped preview: text (redacted) or base64 of the first bytes. */
function preview(
  bytes: Buffer,
  isBinary: boolean,
  redact: (text: string) => string,
): Pick<WebSocketEvent, 'size' | 'isBinary' | 'text' | 'base64' | 'isTruncated'> {
  const isTruncated = bytes.byteLength > MESSAGE_PREVIEW_BYTES;
  const head = isTruncated ? bytes.subarray(0, MESSAGE_PREVIEW_BYTES) : bytes;
  return isBinary
    ? { size: bytes.byteLength, isBinary, base64: head.toString('base64'), isTruncated }
    : { size: bytes.byteLength, isBinary, text: redact(head.toString('utf8')), isTruncated };
}

async function readCapped(response: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (size < limit) chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= limit) break;
    }
  } catch {
    // The server cut the body short: show what came.
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}
