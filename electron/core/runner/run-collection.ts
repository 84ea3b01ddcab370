import type { Capture, CaptureResult, Check, CheckResult } from '../../../shared/contract/checks';
import type { Collection, Folder, SavedRequest } from '../../../shared/contract/collections';
import type { ResponseSummary } from '../../../shared/contract/http';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import { testResponse, type BodyReader, type ResponseTests } from '../checks/response-checks';
import { listReferences, type VariableLookup } from '../variables/substitute';

/** One request of a run, with the folders it sits in (outermost first). */
export interface RunStep {
  request: SavedRequest & { checks?: Check[]; captures?: Capture[] };
  ancestors: Folder[];
  /** Folder names from the collection down, for reports (`Orders / Create`). */
  folderPath: string[];
}

/** A variable set for one iteration of a run: a data-file row, or a captured value. */
export interface RunVariable {
  value: string;
  isSecret: boolean;
}

/** What a step's send gives back: the response, and how `{{variables}}` read for its checks. */
export interface StepSent {
  response: ResponseSummary;
  lookup: VariableLookup;
  /** Secret values used by the send, masked out of check results. */
  secretValues: readonly string[];
  /** The checks and captures, when the sender evaluated them already (the draft sender does). */
  evaluated?: ResponseTests | undefined;
}

/** Sends one step with the run's variables (highest precedence); throws a ShomeiError when not sent. */
export type StepSender = (step: RunStep, variables: ReadonlyMap<string, RunVariable>, signal: AbortSignal) => Promise<StepSent>;

/** How to run. */
export interface RunOptions {
  /** How many times to run every step (default 1, or the number of data rows). */
  iterations?: number | undefined;
  /** Rows of a data file: row `i % rows` gives iteration `i` its variables. */
  data?: ReadonlyArray<Readonly<Record<string, string>>> | undefined;
  /** Requests in flight at once (default 1: strictly in order). */
  parallel?: number | undefined;
  /** Stop starting requests after the first failure. */
  shouldBail?: boolean | undefined;
  /**
   * Whether results that passed are kept in `summary.results` (default true: the window and the
   * JSON and JUnit reports list every request). `shomei run` without those reports keeps only the
   * others, which its summary lists, so a long run's memory stays flat however many requests pass.
   */
  isKeepingPassed?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** The outcome of one step in one iteration. Holds no secret value. */
export interface RunStepResult {
  iteration: number;
  stepIndex: number;
  requestId: string;
  name: string;
  folderPath: string[];
  method: string;
  /** The URL as sent (redacted like the response view); empty when nothing was sent. */
  url: string;
  status?: number;
  timeMs?: number;
  outcome: 'passed' | 'failed' | 'error' | 'skipped';
  checks: CheckResult[];
  captures: CaptureResult[];
  error?: { code: string; message: string };
}

/** A run's totals. */
export interface RunSummary {
  /** Every result, or all but those that passed (`isKeepingPassed: false`). */
  results: RunStepResult[];
  /** How many steps have ended, kept or not. */
  completed: number;
  requests: { total: number; sent: number; failed: number; skipped: number };
  checks: { total: number; passed: number; failed: number };
  durationMs: number;
  isBailed: boolean;
  isCancelled: boolean;
}

/** The requests of a collection, depth first in the user's order; `folderPath` narrows to a folder. */
export function planRun(collection: Collection, folderPath: readonly string[] = []): RunStep[] {
  let items = collection.items;
  const ancestors: Folder[] = [];
  for (const name of folderPath) {
    const folder = items.find((item): item is Folder => item.kind === 'folder' && (item.name === name || item.id === name));
    if (!folder) {
      const known = items.filter((item) => item.kind === 'folder').map((item) => item.name);
      throw new ShomeiError(
        'INVALID_INPUT',
        `There is no folder "${name}" in ${ancestors.length === 0 ? `the collection "${collection.name}"` : `"${ancestors.map((a) => a.name).join(' / ')}"`}${known.length ? ` (folders: ${known.join(', ')})` : ''}`,
      );
    }
    ancestors.push(folder);
    items = folder.items;
  }
  const steps: RunStep[] = [];
  const walk = (list: readonly (SavedRequest | Folder)[], trail: Folder[]) => {
    for (const item of list) {
      // A WebSocket request is connected by hand, not sent: a run passes over it.
      if (item.kind === 'request') {
        if (!item.websocket) steps.push({ request: item, ancestors: trail, folderPath: trail.map((f) => f.name) });
      } else walk(item.items, [...trail, item]);
    }
  };
  walk(items, ancestors);
  return steps;
}

interface Task {
  iteration: number;
  stepIndex: number;
  /** Earlier steps of the same iteration whose captures this step reads. */
  dependsOn: number[];
}

/** Which earlier steps each step depends on: those capturing a variable it references. */
function dependenciesOf(steps: readonly RunStep[]): number[][] {
  const captures = steps.map((step) => new Set((step.request.captures ?? []).filter((c) => c.isEnabled).map((c) => c.variable)));
  return steps.map((step, index) => {
    const references = listReferences(JSON.stringify([step.request.url, step.request.params, step.request.headers, step.request.body, step.request.auth, step.request.checks ?? []]));
    const out: number[] = [];
    for (let earlier = 0; earlier < index; earlier += 1) {
      if (references.some((name) => captures[earlier]?.has(name))) out.push(earlier);
    }
    return out;
  });
}

/**
 * Runs steps for every iteration, `parallel` at a time. Within an iteration, a step that reads a
 * variable an earlier step captures waits for it; with `parallel` 1 everything runs in order.
 * Captured values live for their iteration only and never reach a file. Never throws for a failed
 * request: failures are results.
 */
export async function runSteps(
  steps: readonly RunStep[],
  send: StepSender,
  options: RunOptions & { onResult?: (result: RunStepResult, summary: RunSummary) => void; readBody?: BodyReader; now?: () => number } = {},
): Promise<RunSummary> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const rows = options.data ?? [];
  const iterations = Math.max(1, options.iterations ?? (rows.length || 1));
  const parallel = Math.max(1, Math.min(64, options.parallel ?? 1));
  const dependencies = dependenciesOf(steps);
  const summary: RunSummary = {
    results: [],
    completed: 0,
    requests: { total: iterations * steps.length, sent: 0, failed: 0, skipped: 0 },
    checks: { total: 0, passed: 0, failed: 0 },
    durationMs: 0,
    isBailed: false,
    isCancelled: false,
  };
  const variablesOf: Array<Map<string, RunVariable>> = [];
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const row = rows.length > 0 ? rows[iteration % rows.length] : undefined;
    variablesOf.push(new Map(Object.entries(row ?? {}).map(([name, value]) => [name, { value, isSecret: false }])));
  }
  const pending: Task[] = [];
  for (let iteration = 0; iteration < iterations; iteration += 1)
    steps.forEach((_, stepIndex) => pending.push({ iteration, stepIndex, dependsOn: dependencies[stepIndex] ?? [] }));
  const done = new Set<string>();
  const key = (iteration: number, stepIndex: number) => `${iteration}:${stepIndex}`;
  const controller = new AbortController();
  const onAbort = () => {
    summary.isCancelled = true;
    controller.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const record = (result: RunStepResult) => {
    summary.completed += 1;
    if (options.isKeepingPassed !== false || result.outcome !== 'passed') summary.results.push(result);
    if (result.outcome === 'skipped') summary.requests.skipped += 1;
    else if (result.outcome !== 'passed') summary.requests.failed += 1;
    for (const check of result.checks) {
      summary.checks.total += 1;
      if (check.isPassed) summary.checks.passed += 1;
      else summary.checks.failed += 1;
    }
    if (result.outcome === 'failed' || result.outcome === 'error') {
      if (options.shouldBail && !summary.isBailed) {
        summary.isBailed = true;
        controller.abort();
      }
    }
    done.add(key(result.iteration, result.stepIndex));
    summary.durationMs = now() - started;
    options.onResult?.(result, summary);
  };

  const runTask = async (task: Task): Promise<void> => {
    const step = steps[task.stepIndex] as RunStep;
    const base = {
      iteration: task.iteration,
      stepIndex: task.stepIndex,
      requestId: step.request.id,
      name: step.request.name,
      folderPath: step.folderPath,
      method: step.request.method,
    };
    const variables = variablesOf[task.iteration] as Map<string, RunVariable>;
    try {
      const sent = await send(step, variables, controller.signal);
      summary.requests.sent += 1;
      const tests = sent.evaluated ?? testResponse(sent.response, step.request, {
        lookup: (name) => variables.get(name)?.value ?? sent.lookup(name),
        secretValues: sent.secretValues,
        ...(options.readBody ? { readBody: options.readBody } : {}),
      });
      for (const captured of tests.captured)
        if (captured.value !== undefined) variables.set(captured.result.variable, { value: captured.value, isSecret: captured.result.isSecret });
      const isPassed = tests.checks.every((c) => c.isPassed) && tests.captures.every((c) => c.isCaptured);
      record({
        ...base,
        url: sent.response.request.url,
        status: sent.response.status,
        timeMs: Math.round(sent.response.timing.totalMs * 10) / 10,
        outcome: isPassed ? 'passed' : 'failed',
        checks: tests.checks,
        captures: tests.captures,
      });
    } catch (error) {
      const cancelled = controller.signal.aborted && (!isShomeiError(error) || error.code === 'CANCELLED');
      record({
        ...base,
        url: '',
        outcome: cancelled ? 'skipped' : 'error',
        checks: [],
        captures: [],
        error: isShomeiError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'The request failed' },
      });
    }
  };

  // A pool of `parallel` workers; each takes the first pending task whose dependencies are done.
  const inFlight = new Set<Promise<void>>();
  const wakers: Array<() => void> = [];
  const wake = () => wakers.splice(0).forEach((resolve) => resolve());
  const nextReady = (): Task | undefined => {
    const index = pending.findIndex((task) => task.dependsOn.every((d) => done.has(key(task.iteration, d))));
    return index < 0 ? undefined : pending.splice(index, 1)[0];
  };
  while (pending.length > 0 && !controller.signal.aborted) {
    const task = inFlight.size < parallel ? nextReady() : undefined;
    if (task) {
      const running = runTask(task).finally(() => {
        inFlight.delete(running);
        wake();
      });
      inFlight.add(running);
      continue;
    }
    await new Promise<void>((resolve) => wakers.push(resolve));
  }
  await Promise.all(inFlight);
  for (const task of pending) {
    const step = steps[task.stepIndex] as RunStep;
    record({
      iteration: task.iteration,
      stepIndex: task.stepIndex,
      requestId: step.request.id,
      name: step.request.name,
      folderPath: step.folderPath,
      method: step.request.method,
      url: '',
      outcome: 'skipped',
      checks: [],
      captures: [],
      error: summary.isCancelled ? { code: 'CANCELLED', message: 'The run was stopped' } : { code: 'BAILED', message: 'Not run: an earlier request failed (stop at the first failure)' },
    });
  }
  options.signal?.removeEventListener('abort', onAbort);
  summary.durationMs = now() - started;
  return summary;
}
