import { z } from 'zod';

// Declarative tests of a response, and values taken from it for the requests that follow. No
// script ever runs: a check is data, evaluated in main (`electron/core/checks`).

/** What part of the response a check or capture reads. */
export const ResponseTargetSchema = z.discriminatedUnion('kind', [
  /** The HTTP status code. */
  z.object({ kind: z.literal('status') }),
  /** A response header (case-insensitive; repeated headers are joined with `, `). */
  z.object({ kind: z.literal('header'), name: z.string().min(1).max(256) }),
  /** A value in a JSON body at a JSONPath (`$.items[0].id`). */
  z.object({ kind: z.literal('json-path'), path: z.string().min(1).max(2048) }),
  /** A value in a JSON body at a JMESPath expression (`items[0].id`), as the AWS CLI's `--query`. */
  z.object({ kind: z.literal('jmespath'), expression: z.string().min(1).max(2048) }),
  /** The body as text. */
  z.object({ kind: z.literal('body') }),
  /** The total response time in milliseconds. */
  z.object({ kind: z.literal('time') }),
]);
export type ResponseTarget = z.infer<typeof ResponseTargetSchema>;

/**
 * How a check compares. `equals` compares JSON values when the expected text is JSON (`3`,
 * `true`, `{"a":1}`), else text; `between` takes `min..max` (`200..299`); `type` takes one of
 * `string number boolean object array null`; `matches` takes a regular expression.
 */
export const CheckOperatorSchema = z.enum([
  'equals',
  'not-equals',
  'exists',
  'not-exists',
  'contains',
  'matches',
  'type',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
]);
export type CheckOperator = z.infer<typeof CheckOperatorSchema>;

/** Operators that need no expected value. */
export const VALUELESS_OPERATORS: ReadonlySet<CheckOperator> = new Set(['exists', 'not-exists']);

/** One declarative check of a response; `expected` may hold `{{variables}}`. */
export const CheckSchema = z.object({
  id: z.string().min(1).max(128),
  isEnabled: z.boolean().default(true),
  target: ResponseTargetSchema,
  operator: CheckOperatorSchema,
  expected: z.string().max(64 * 1024).default(''),
});
export type Check = z.infer<typeof CheckSchema>;
export type CheckInput = z.input<typeof CheckSchema>;

/** Where a captured value is read: a JSON value, a header, or a regex group of the body. */
export const CaptureSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('json-path'), path: z.string().min(1).max(2048) }),
  z.object({ kind: z.literal('jmespath'), expression: z.string().min(1).max(2048) }),
  z.object({ kind: z.literal('header'), name: z.string().min(1).max(256) }),
  /** The first match of `pattern` in the body; group 1 when the pattern has one, else the match. */
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(2048) }),
]);
export type CaptureSource = z.infer<typeof CaptureSourceSchema>;

/**
 * Sets a variable from a response for the requests that follow. A captured value that looks like
 * a secret (by its name or its shape) is kept as a secret variable: in the vault, never in a file.
 */
export const CaptureSchema = z.object({
  id: z.string().min(1).max(128),
  isEnabled: z.boolean().default(true),
  variable: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^{}\r\n]+$/, 'A variable name may not contain braces or line breaks'),
  from: CaptureSourceSchema,
  /** Force the secret treatment; otherwise it is decided from the name and the value. */
  isSecret: z.boolean().optional(),
});
export type Capture = z.infer<typeof CaptureSchema>;
export type CaptureInput = z.input<typeof CaptureSchema>;

/** The outcome of one check: never holds a secret value (those are masked before it is built). */
export const CheckResultSchema = z.object({
  checkId: z.string(),
  /** One line a person reads: `status equals 200`, `$.id exists`. */
  description: z.string(),
  isPassed: z.boolean(),
  expected: z.string(),
  /** What the response held, cut to 300 characters. */
  actual: z.string(),
  /** Why the check could not be evaluated (bad JSONPath, body not JSON…). */
  error: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** The outcome of one capture: the value only when it is not secret. */
export const CaptureResultSchema = z.object({
  captureId: z.string(),
  variable: z.string(),
  isCaptured: z.boolean(),
  isSecret: z.boolean(),
  /** Absent for secrets and failures; cut to 300 characters. */
  preview: z.string().optional(),
  /** Where a single send stored the value (`environment “dev”`); absent in runs. */
  storedIn: z.string().optional(),
  error: z.string().optional(),
});
export type CaptureResult = z.infer<typeof CaptureResultSchema>;
