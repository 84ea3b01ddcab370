import type { Capture, CaptureResult, Check, CheckResult } from '../../../shared/contract/checks';
import type { ResponseSummary } from '../../../shared/contract/http';
import type { VariableLookup } from '../variables/substitute';
import { evaluateCaptures, evaluateChecks, type CapturedValue, type CheckedResponse } from './evaluate-checks';

/** Bodies up to this size are read whole for checks, even when the summary holds only a preview. */
export const MAX_CHECKED_BODY_BYTES = 8 * 1024 * 1024;

/** Reads part of a body that was spooled to a file (the request service's `readBody`). */
export type BodyReader = (bodyId: string, offset: number, length: number) => { base64: string };

/** The outcome of a response's checks and captures. */
export interface ResponseTests {
  checks: CheckResult[];
  captures: CaptureResult[];
  /** The captured values, for the variables of the requests that follow; never sent to the window. */
  captured: CapturedValue[];
}

/** The response as checks read it: the whole body as text when it is at most 8 MiB. */
export function checkedResponseOf(response: ResponseSummary, readBody?: BodyReader): CheckedResponse {
  const base = { status: response.status, headers: response.headers, timeMs: Math.round(response.timing.totalMs) };
  const { body } = response;
  if (!body.isTruncated) return { ...base, bodyText: Buffer.from(body.base64, 'base64').toString('utf8') };
  if (body.bodyId === undefined || readBody === undefined || body.size > MAX_CHECKED_BODY_BYTES)
    return { ...base, bodyText: undefined, bodyMissingReason: `the body (${body.size} bytes) is over the 8 MiB that checks read` };
  const whole = readBody(body.bodyId, 0, body.size);
  return { ...base, bodyText: Buffer.from(whole.base64, 'base64').toString('utf8') };
}

/** Evaluates a request's checks and captures against its response; never throws for bad checks. */
export function testResponse(
  response: ResponseSummary,
  tests: { checks?: readonly Check[] | undefined; captures?: readonly Capture[] | undefined },
  options: { lookup?: VariableLookup; secretValues?: readonly string[]; readBody?: BodyReader } = {},
): ResponseTests {
  const checks = tests.checks ?? [];
  const captures = tests.captures ?? [];
  if (checks.length === 0 && captures.length === 0) return { checks: [], captures: [], captured: [] };
  const checked = checkedResponseOf(response, options.readBody);
  const captured = evaluateCaptures(captures, checked);
  return {
    checks: evaluateChecks(checks, checked, {
      ...(options.lookup ? { lookup: options.lookup } : {}),
      secretValues: [...(options.secretValues ?? []), ...captured.filter((c) => c.result.isSecret && c.value).map((c) => c.value as string)],
    }),
    captures: captured.map((c) => c.result),
    captured,
  };
}
