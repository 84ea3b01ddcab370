import { z } from 'zod';
import { CaptureResultSchema, CheckResultSchema } from './checks';
import { EntityIdSchema } from './collections';

// Running a collection (or one of its folders) as tests, from the window. The same runner backs
// `shomei run`; results never hold a secret value.

/** The outcome of one request in one iteration of a run. */
export const RunStepResultSchema = z.object({
  iteration: z.number().int(),
  stepIndex: z.number().int(),
  requestId: z.string(),
  name: z.string(),
  folderPath: z.array(z.string()),
  method: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  timeMs: z.number().optional(),
  outcome: z.enum(['passed', 'failed', 'error', 'skipped']),
  checks: z.array(CheckResultSchema),
  captures: z.array(CaptureResultSchema),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RunStepResult = z.infer<typeof RunStepResultSchema>;

/** A run's totals so far. */
export const RunTotalsSchema = z.object({
  requests: z.object({
    total: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
  }),
  checks: z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int() }),
  durationMs: z.number(),
  isBailed: z.boolean(),
  isCancelled: z.boolean(),
});
export type RunTotals = z.infer<typeof RunTotalsSchema>;

export const runnerChannels = {
  /** Starts a run of a saved collection or folder with the active environment; results arrive as `runner:result`. */
  'runner:start': {
    input: z.object({
      collectionId: EntityIdSchema,
      folderId: EntityIdSchema.optional(),
      /** The environment to run with; `null` runs with none; absent: the active one. */
      environmentId: EntityIdSchema.nullable().optional(),
      /** Only these requests (re-running the failed ones). */
      requestIds: z.array(EntityIdSchema).max(10_000).optional(),
      iterations: z.number().int().min(1).max(10_000).optional(),
      /** The text of a CSV (header row first) or JSON (array of objects) data file: one iteration per row. */
      data: z.object({ text: z.string().max(10 * 1024 * 1024), format: z.enum(['csv', 'json']) }).optional(),
      parallel: z.number().int().min(1).max(16).default(1),
      shouldBail: z.boolean().default(false),
    }),
    output: z.object({ runId: z.string(), total: z.number().int() }),
  },
  /** Stops a run: nothing more starts, requests in flight are cancelled. */
  'runner:cancel': { input: z.object({ runId: z.string().max(200) }), output: z.object({ isCancelled: z.boolean() }) },
  /** The last finished run's report as JSON or JUnit XML, for the window to save. */
  'runner:report': {
    input: z.object({ runId: z.string().max(200), format: z.enum(['json', 'junit']) }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
} as const;

export const runnerEvents = {
  /** One request of a run ended. */
  'runner:result': z.object({ runId: z.string(), result: RunStepResultSchema, totals: RunTotalsSchema }),
  /** The run ended (finished, bailed or cancelled). */
  'runner:done': z.object({ runId: z.string(), totals: RunTotalsSchema }),
} as const;
