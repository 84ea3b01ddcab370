import { z } from 'zod';
import { AppErrorSchema, type AppError } from './errors';

/** What every call answers: a value, or an error with a code. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** The schema of a `Result` whose value is `T`; used by the doors to check answers. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}
