/**
 * A sent draft's response checks and captures: the results added to the response, captured values
 * stored in the active environment outside a run, or handed back to the run.
 */
import type { ResponseSummary } from '../../../shared/contract/http';
import type { CapturedValue } from '../checks/evaluate-checks';
import { testResponse } from '../checks/response-checks';
import { storeCaptured } from '../checks/store-captured';
import type { VariableLookup } from '../variables/substitute';
import type { DraftSend, DraftSenderDeps } from './draft-sender';

/**
 * The response with its checks' and captures' results; captured values go to the active
 * environment outside a run, unless `unstoredBecause` says why not.
 */
export async function withTests(
  deps: Pick<DraftSenderDeps, 'environments' | 'requests'>,
  response: ResponseSummary,
  input: Pick<DraftSend, 'request' | 'runVariables'>,
  context: { lookup: VariableLookup; secretValues: readonly string[]; unstoredBecause?: string | undefined },
): Promise<ResponseSummary & { captured?: CapturedValue[] }> {
  const { checks, captures } = input.request;
  if ((checks?.length ?? 0) === 0 && (captures?.length ?? 0) === 0) return response;
  const { unstoredBecause, ...reading } = context;
  const tests = testResponse(response, input.request, { ...reading, readBody: deps.requests.readBody });
  const results = input.runVariables
    ? tests.captures
    : await storeCaptured(deps.environments, tests.captured, { unstoredBecause });
  return {
    ...response,
    tests: { checks: tests.checks, captures: results },
    ...(input.runVariables ? { captured: tests.captured } : {}),
  };
}
