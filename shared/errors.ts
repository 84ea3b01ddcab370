import { z } from 'zod';

/** Every error code a call can answer with. Code branches on these; people read `message`. */
export const ErrorCodeSchema = z.enum([
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'CREDENTIALS_MISSING',
  'CREDENTIALS_EXPIRED',
  'CREDENTIALS_INVALID',
  'VAULT_LOCKED',
  'MFA_REQUIRED',
  'SIGNING_FAILED',
  'NETWORK_ERROR',
  'TLS_ERROR',
  'DNS_ERROR',
  'TIMEOUT',
  'CANCELLED',
  'RESPONSE_TOO_LARGE',
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE_ERROR',
  'IMPORT_FAILED',
  /** A body file outside the working directory that the user has not allowed. */
  'FILE_NOT_ALLOWED',
  /** An imported collection asked for something (a file, credentials, connect-to, a Host header) before the user trusted it. */
  'UNTRUSTED',
  /** The send needs the user's yes first (the bytes go to another host than the one signed); details say what to confirm. */
  'CONFIRMATION_NEEDED',
  /** AppSync refused a subscription (its connection or its `start`); the message names AppSync's errors. */
  'SUBSCRIPTION_REFUSED',
  /** A WebSocket server answered the handshake with an HTTP status instead of 101; details carry it and the body. */
  'HANDSHAKE_REFUSED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The error half of every answer: plain JSON, safe to show, never carries a secret. */
export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/**
 * The one exception the core throws on purpose. The dispatcher turns it into
 * `{ ok: false, error }`; any other throw becomes `INTERNAL` with a generic message.
 */
export class ShomeiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ShomeiError';
    this.code = code;
    this.details = details;
  }

  /** The plain-JSON form that crosses the process boundary. */
  toJSON(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Narrowing helper: is this a deliberate, user-facing error? */
export function isShomeiError(value: unknown): value is ShomeiError {
  return value instanceof ShomeiError;
}
