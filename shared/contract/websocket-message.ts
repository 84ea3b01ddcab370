import { z } from 'zod';

// A WebSocket message as typed: read by the live connection (contract/websocket.ts) and kept with
// a saved WebSocket request (contract/collections.ts), so it lives apart from both.

/** How a message's box is read: text as typed, JSON (checked, sent as typed) or binary bytes typed as base64 or hex. */
export const MessageFormatSchema = z.enum(['text', 'json', 'binary']);
export type MessageFormat = z.infer<typeof MessageFormatSchema>;

/** How binary bytes are typed in the message box. */
export const BinaryEncodingSchema = z.enum(['base64', 'hex']);
export type BinaryEncoding = z.infer<typeof BinaryEncodingSchema>;

/** A message as the user typed it. */
export const OutgoingMessageSchema = z.object({
  format: MessageFormatSchema,
  text: z.string().max(16 * 1024 * 1024),
  /** How `text` spells the bytes of a binary message; absent: base64. */
  binaryEncoding: BinaryEncodingSchema.optional(),
});
export type OutgoingMessage = z.infer<typeof OutgoingMessageSchema>;

/** A message kept with a saved WebSocket request, to send again. */
export const SavedMessageSchema = OutgoingMessageSchema.extend({
  text: z.string().max(1024 * 1024),
  name: z.string().max(256).optional(),
});
export type SavedMessage = z.infer<typeof SavedMessageSchema>;

/** What makes a saved request a WebSocket request (its URL is ws:// or wss://): the messages saved with it. */
export const SavedWebSocketSchema = z.object({
  messages: z.array(SavedMessageSchema).max(200).default([]),
});
export type SavedWebSocket = z.infer<typeof SavedWebSocketSchema>;
