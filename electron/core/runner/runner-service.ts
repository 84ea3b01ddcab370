import type { Collection } from '../../../shared/contract/collections';
import type { SendOptionsInput } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { CapturedValue } from '../checks/evaluate-checks';
import type { CollectionsService } from '../collections/collections-service';
import type { DraftSender } from '../collections/draft-sender';
import type { RequestService } from '../requests/request-service';
import type { RunReportContext } from './run-reports';
import {
  planRun,
  runSteps,
  type RunOptions,
  type RunStep,
  type RunStepResult,
  type RunSummary,
  type StepSender,
} from './run-collection';

/** What running needs of the core. */
export interface RunnerServiceDeps {
  collections: CollectionsService;
  drafts: DraftSender;
  requests: RequestService;
  newRunId?: () => string;
}

/** A run to start: a saved collection, or one of its folders (by id or a path of names). */
export interface RunInput extends Omit<RunOptions, 'signal'> {
  collectionId: string;
  /** A folder of the collection: its id, or its names from the top (`['Orders', 'Create']`). */
  folder?: string | readonly string[] | undefined;
  /** Only these requests, in the collection's order (re-running the failed ones). */
  requestIds?: readonly string[] | undefined;
  /** Send options applied to every request (per-request saved options win). */
  options?: SendOptionsInput | undefined;
  /** The environment to run with (`null`: none); the active one when absent. */
  environmentId?: string | null | undefined;
  /**
   * The explicit opt-in (`shomei run --allow-redirected-signing`): requests whose signature goes
   * elsewhere than their signed host are sent. Otherwise such a request fails with the reason,
   * unless the user confirmed it before from the editor.
   */
  isRedirectedSigningAllowed?: boolean | undefined;
}

/**
 * Runs saved collections as tests: every request is sent exactly as Send would (variables,
 * inheritance, credential and trust checks, history), its checks evaluated and its captures kept
 * for the requests that follow in the same iteration.
 */
export interface RunnerService {
  /** Starts a run; `onResult` is told of each request as it ends. Resolves when the run ends. */
  run(
    input: RunInput,
    onResult?: (result: RunStepResult, summary: RunSummary) => void,
  ): { runId: string; total: number; done: Promise<RunSummary> };
  /** Stops a run: nothing more is started and requests in flight are cancelled. */
  cancel(runId: string): boolean;
  /** A finished run (the last few are kept) with what its reports are named after. */
  finished(runId: string): { summary: RunSummary; context: RunReportContext } | undefined;
}

/** How many finished runs are kept for their reports. */
const KEPT_RUNS = 5;

/** Builds the runner service. */
export function createRunnerService(deps: RunnerServiceDeps): RunnerService {
  const runs = new Map<string, AbortController>();
  const done = new Map<string, { summary: RunSummary; context: RunReportContext }>();
  let counter = 0;
  const newRunId = deps.newRunId ?? (() => `run-${Date.now().toString(36)}-${(counter += 1)}`);
  return {
    run(input, onResult) {
      const collection = deps.collections.list().find((c) => c.id === input.collectionId);
      if (!collection) throw new ShomeiError('NOT_FOUND', 'That collection no longer exists');
      let steps = planRun(collection, folderPathOf(collection, input.folder));
      if (input.requestIds) {
        const wanted = new Set(input.requestIds);
        steps = steps.filter((step) => wanted.has(step.request.id));
      }
      if (steps.length === 0) throw new ShomeiError('INVALID_INPUT', 'There is no request to run here');
      const runId = newRunId();
      const controller = new AbortController();
      runs.set(runId, controller);
      const send = createDraftStepSender(
        deps,
        runId,
        input.options,
        input.environmentId,
        input.isRedirectedSigningAllowed === true,
      );
      const context: RunReportContext = { collectionName: collection.name, startedAt: new Date().toISOString() };
      const finished = runSteps(steps, send, {
        ...input,
        signal: controller.signal,
        readBody: deps.requests.readBody,
        ...(onResult ? { onResult } : {}),
      })
        .then((summary) => {
          done.set(runId, { summary, context });
          for (const old of [...done.keys()].slice(0, Math.max(0, done.size - KEPT_RUNS))) done.delete(old);
          return summary;
        })
        .finally(() => runs.delete(runId));
      const iterations = Math.max(1, input.iterations ?? (input.data?.length || 1));
      return { runId, total: iterations * steps.length, done: finished };
    },
    finished: (runId) => done.get(runId),
    cancel(runId) {
      const controller = runs.get(runId);
      controller?.abort();
      return controller !== undefined;
    },
  };
}

/** Sends steps through the draft sender, as Send does; cancelling aborts the request in flight. */
export function createDraftStepSender(
  deps: Pick<RunnerServiceDeps, 'drafts' | 'requests'>,
  runId: string,
  options?: SendOptionsInput,
  environmentId?: string | null,
  isRedirectedSigningAllowed = false,
): StepSender {
  let sequence = 0;
  return async (step: RunStep, variables, signal) => {
    if (signal.aborted) throw new ShomeiError('CANCELLED', 'The run was stopped');
    const requestId = `${runId}-${(sequence += 1)}`;
    const cancel = () => deps.requests.cancel(requestId);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const { kind: _kind, id: _id, ...draft } = step.request;
      const response = (await deps.drafts.send({
        requestId,
        request: draft,
        savedRequestId: step.request.id,
        runVariables: variables,
        isRecorded: false,
        ...(environmentId === undefined ? {} : { environmentId }),
        options: { ...options, ...step.request.options },
        // A run never waits for an answer: it fails the request with the reason, or sends with the opt-in.
        redirectedSigning: isRedirectedSigningAllowed ? 'allow' : 'refuse',
      })) as Awaited<ReturnType<DraftSender['send']>> & { captured?: CapturedValue[] };
      // The draft sender evaluated the checks already: hand its reading back without evaluating twice.
      return {
        response,
        lookup: () => undefined,
        secretValues: [],
        evaluated: response.tests ? { ...response.tests, captured: response.captured ?? [] } : undefined,
      };
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  };
}

function folderPathOf(collection: Collection, folder: RunInput['folder']): string[] {
  if (folder === undefined) return [];
  if (typeof folder !== 'string') return [...folder];
  // An id: find the path of names down to it.
  const search = (items: Collection['items'], trail: string[]): string[] | undefined => {
    for (const item of items) {
      if (item.kind !== 'folder') continue;
      if (item.id === folder) return [...trail, item.name];
      const found = search(item.items, [...trail, item.name]);
      if (found) return found;
    }
    return undefined;
  };
  const path = search(collection.items, []);
  if (!path) throw new ShomeiError('NOT_FOUND', 'That folder no longer exists');
  return path;
}
