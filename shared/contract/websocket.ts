import { z } from 'zod';
import { DraftInputSchema, RequestIdSchema } from './request';
import { OutgoingMessageSchema } from './websocket-message';

// WebSocket requests: main opens and owns the socket (its handshake signed like a send), the
// window sees only events. Credentials never leave main; previews are capped.

/** A caller-chosen id that names one connection (like a send's `requestId`). */
export const ConnectionIdSchema = RequestIdSchema;

export {
  BinaryEncodingSchema,
  MessageFormatSchema,
  OutgoingMessageSchema,
  type BinaryEncoding,
  type MessageFormat,
  type OutgoingMessage,
} from './websocket-message';

/** The largest preview of one message an event carries; the size is always the whole message's. */
export const MESSAGE_PREVIEW_BYTES = 64 * 1024;

/** One thing that happened on a connection, for the window's Messages log. Never carries a credential. */
export const WebSocketEventSchema = z.object({
  connectionId: z.string(),
  /** Order of events on this connection, from 0. */
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['open', 'message', 'close', 'error']),
  direction: z.enum(['sent', 'received']).optional(),
  /** Bytes of the whole message. */
  size: z.number().int().optional(),
  isBinary: z.boolean().optional(),
  /** A text message (or `open`'s URL), cut to `MESSAGE_PREVIEW_BYTES`; credentials redacted. */
  text: z.string().optional(),
  /** A binary message's first `MESSAGE_PREVIEW_BYTES` bytes. */
  base64: z.string().optional(),
  isTruncated: z.boolean().optional(),
  /** `close`: the code and reason the server (or Shomei) gave, explained. */
  code: z.number().int().optional(),
  reason: z.string().optional(),
  /** What a close code, an error or a refused handshake means, in words. */
  explanation: z.string().optional(),
  /** `error` of a refused handshake: the HTTP status and the start of the server's body. */
  status: z.number().int().optional(),
  body: z.string().optional(),
});
export type WebSocketEvent = z.infer<typeof WebSocketEventSchema>;

/** Channels of the `websocket` domain. */
export const websocketChannels = {
  /**
   * Opens a WebSocket for the editor's request (variables substituted, auth applied, the handshake
   * signed in the query or headers as its AWS Signature says). Resolves once the socket is open;
   * a refused handshake is `HANDSHAKE_REFUSED` with the status and body in `details`. Events follow.
   */
  'websocket:connect': {
    input: DraftInputSchema.extend({
      connectionId: ConnectionIdSchema,
      /** The editor tab: an unsaved request's "connect anyway" (see `trust:confirm-destination`) is remembered for it. */
      tabId: RequestIdSchema.optional(),
    }).strict(),
    output: z.object({
      connectionId: z.string(),
      /** The URL connected to, signature and session token redacted. */
      url: z.string(),
      signedIn: z.enum(['query', 'headers', 'none']),
    }),
  },
  /** Sends one message on an open connection; a message that does not read as its format is refused (`INVALID_INPUT`). */
  'websocket:send': {
    input: z.object({ connectionId: ConnectionIdSchema, message: OutgoingMessageSchema }).strict(),
    output: z.object({ size: z.number().int() }),
  },
  /** Closes a connection (1000 unless told); `wasOpen` false when there was none. */
  'websocket:disconnect': {
    input: z
      .object({
        connectionId: ConnectionIdSchema,
        code: z.number().int().min(1000).max(4999).optional(),
        reason: z.string().max(120).optional(),
      })
      .strict(),
    output: z.object({ wasOpen: z.boolean() }),
  },
} as const;

/** Events of the `websocket` domain. */
export const websocketEvents = {
  'websocket:event': WebSocketEventSchema,
} as const;
