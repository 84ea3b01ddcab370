import { z } from 'zod';
import { RequestSpecSchema, ResponseSummarySchema } from './http';

/** A caller-chosen id that names one send, so it can be cancelled and its progress followed. */
export const RequestIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Channels of the `request` domain. */
export const requestChannels = {
  'request:send': {
    input: z.object({ requestId: RequestIdSchema, request: RequestSpecSchema }).strict(),
    output: ResponseSummarySchema,
  },
  'request:cancel': {
    input: z.object({ requestId: RequestIdSchema }).strict(),
    output: z.object({ wasCancelled: z.boolean() }),
  },
  /** A slice of a large response body that was streamed to a temporary file (its `bodyId`). */
  'response:read-body': {
    input: z
      .object({
        bodyId: z.string().min(1).max(128),
        offset: z.number().int().min(0),
        length: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024),
      })
      .strict(),
    output: z.object({ base64: z.string(), offset: z.number().int(), length: z.number().int(), size: z.number().int(), isEnd: z.boolean() }),
  },
} as const;

/** Events of the `request` domain. */
export const requestEvents = {
  /**
   * Where a send is: `hashing` a body file from disk, `signing`, `sending`, `uploading` a body
   * file, `receiving` the answer, `done`. `bytes` of `totalBytes` (when known) for the phase.
   */
  'request:progress': z.object({
    requestId: z.string(),
    phase: z.enum(['hashing', 'signing', 'sending', 'uploading', 'receiving', 'done']),
    bytes: z.number().int().optional(),
    totalBytes: z.number().int().optional(),
  }),
} as const;
