import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunStepResult, RunTotals } from '../../../shared/contract/runner';
import { invoke, on } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { download } from '../../components/download';

/** What to run: a collection, or one of its folders. */
export interface RunTarget {
  collectionId: string;
  folderId?: string | undefined;
  name: string;
}

interface RunState {
  runId: string;
  total: number;
  results: RunStepResult[];
  totals?: RunTotals;
  isDone: boolean;
}

/** Average time of each request over the iterations, for the timing chart. */
function timingsOf(results: readonly RunStepResult[]): Array<{ key: string; name: string; ms: number }> {
  const byStep = new Map<number, { name: string; sum: number; count: number }>();
  for (const result of results) {
    if (result.timeMs === undefined) continue;
    const entry = byStep.get(result.stepIndex) ?? {
      name: [...result.folderPath, result.name].join(' / '),
      sum: 0,
      count: 0,
    };
    entry.sum += result.timeMs;
    entry.count += 1;
    byStep.set(result.stepIndex, entry);
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, e]) => ({ key: String(step), name: e.name, ms: e.sum / e.count }));
}

/**
 * The Runner: runs a collection or folder with the active environment — in order or N at a time,
 * iterations from a CSV/JSON data file, stop at the first failure or not — with a live results
 * table, a progress bar, a timing chart, re-run of the failed requests, and JSON / JUnit reports.
 */
export function RunnerDialog({ target, onClose }: { target: RunTarget; onClose(): void }) {
  const [iterations, setIterations] = useState(1);
  const [parallel, setParallel] = useState(1);
  const [shouldBail, setShouldBail] = useState(false);
  const [environments, setEnvironments] = useState<Array<{ id: string; name: string }>>([]);
  const [environmentId, setEnvironmentId] = useState<string>('');
  useEffect(() => {
    void invoke('environments:list', {}).then((result) => {
      if (!result.ok) return;
      setEnvironments(result.value.environments.map(({ id, name }) => ({ id, name })));
      setEnvironmentId(result.value.activeEnvironmentId ?? '');
    });
  }, []);
  const [data, setData] = useState<{ name: string; text: string; format: 'csv' | 'json' } | undefined>();
  const [run, setRun] = useState<RunState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const runId = useRef<string | undefined>(undefined);
  // Events may arrive before `runner:start` answers (a fast run can even end first): keep them
  // until the run id is known.
  const early = useRef<Array<{ runId: string; result?: RunStepResult; totals: RunTotals; isDone?: boolean }>>([]);

  useEffect(() => {
    const offResult = on('runner:result', (event) => {
      if (runId.current === undefined) {
        early.current.push(event);
        return;
      }
      if (event.runId !== runId.current) return;
      setRun((state) =>
        state && state.runId === event.runId
          ? { ...state, results: [...state.results, event.result], totals: event.totals }
          : state,
      );
    });
    const offDone = on('runner:done', (event) => {
      if (runId.current === undefined) {
        early.current.push({ ...event, isDone: true });
        return;
      }
      if (event.runId !== runId.current) return;
      setRun((state) =>
        state && state.runId === event.runId ? { ...state, totals: event.totals, isDone: true } : state,
      );
    });
    return () => {
      offResult();
      offDone();
    };
  }, []);

  const start = async (requestIds?: string[]) => {
    setError(undefined);
    runId.current = undefined;
    early.current = [];
    setRun(undefined);
    const result = await invoke('runner:start', {
      collectionId: target.collectionId,
      ...(target.folderId ? { folderId: target.folderId } : {}),
      ...(requestIds ? { requestIds } : {}),
      environmentId: environmentId === '' ? null : environmentId,
      ...(data ? { data: { text: data.text, format: data.format } } : { iterations }),
      parallel,
      shouldBail,
    });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const id = result.value.runId;
    runId.current = id;
    const mine = early.current.filter((e) => e.runId === id);
    early.current = [];
    const last = mine.at(-1);
    setRun({
      runId: id,
      total: result.value.total,
      results: mine.flatMap((e) => (e.result ? [e.result] : [])),
      ...(last ? { totals: last.totals } : {}),
      isDone: mine.some((e) => e.isDone),
    });
  };

  const stop = async () => {
    if (runId.current) await invoke('runner:cancel', { runId: runId.current });
  };

  const report = async (format: 'json' | 'junit') => {
    if (!run) return;
    const result = await invoke('runner:report', { runId: run.runId, format });
    if (!result.ok) return setError(result.error.message);
    download(result.value.fileName, result.value.text, format === 'json' ? 'application/json' : 'application/xml');
  };

  const chooseData = async (file: File | undefined) => {
    if (!file) return setData(undefined);
    const text = await file.text();
    setData({
      name: file.name,
      text,
      format: /\.json$/i.test(file.name) || text.trimStart().startsWith('[') ? 'json' : 'csv',
    });
  };

  const results = useMemo(
    () => [...(run?.results ?? [])].sort((a, b) => a.iteration - b.iteration || a.stepIndex - b.stepIndex),
    [run?.results],
  );
  const failedIds = [
    ...new Set(results.filter((r) => r.outcome === 'failed' || r.outcome === 'error').map((r) => r.requestId)),
  ];
  const timings = useMemo(() => timingsOf(results), [results]);
  const slowest = Math.max(1, ...timings.map((t) => t.ms));
  const totals = run?.totals;
  const isRunning = run !== undefined && !run.isDone;
  const iterationsShown = data ? 'one per data row' : String(iterations);

  return (
    <Dialog title={`Run “${target.name}”`} onClose={onClose}>
      <form
        className="form-grid runner-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label htmlFor="run-environment">Environment</label>
        <select id="run-environment" value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
          <option value="">No environment</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
        <label htmlFor="run-iterations">Iterations</label>
        <input
          id="run-iterations"
          className="narrow"
          type="number"
          min={1}
          max={10000}
          value={iterations}
          disabled={data !== undefined}
          onChange={(e) => setIterations(Math.max(1, Math.min(10000, Number(e.target.value) || 1)))}
        />
        <label htmlFor="run-data">Data file (CSV or JSON)</label>
        <div className="inline-row">
          <input
            id="run-data"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => void chooseData(e.target.files?.[0])}
          />
          {data && <span className="hint">{data.name}: one iteration per row</span>}
        </div>
        <label htmlFor="run-parallel">Requests at once</label>
        <input
          id="run-parallel"
          className="narrow"
          type="number"
          min={1}
          max={16}
          value={parallel}
          onChange={(e) => setParallel(Math.max(1, Math.min(16, Number(e.target.value) || 1)))}
        />
        <span />
        <label className="radio">
          <input type="checkbox" checked={shouldBail} onChange={(e) => setShouldBail(e.target.checked)} /> Stop at the
          first failure
        </label>
        <span />
        <div className="inline-row">
          <button type="submit" className="primary" disabled={isRunning}>
            {run?.isDone ? 'Run again' : 'Run'}
          </button>
          <button type="button" disabled={!isRunning} onClick={() => void stop()}>
            Stop
          </button>
          <button type="button" disabled={isRunning || failedIds.length === 0} onClick={() => void start(failedIds)}>
            Re-run failed
          </button>
          <button type="button" disabled={!run?.isDone} onClick={() => void report('json')}>
            Export JSON
          </button>
          <button type="button" disabled={!run?.isDone} onClick={() => void report('junit')}>
            Export JUnit
          </button>
        </div>
      </form>
      <p className="hint">
        {environmentId === ''
          ? 'No environment'
          : `Environment “${environments.find((e) => e.id === environmentId)?.name ?? ''}”`}
        ; {iterationsShown} iteration(s), {parallel} at a time. A request that reads a value captured by an earlier one
        waits for it.
      </p>
      {error && (
        <p role="alert" className="error-box">
          {error}
        </p>
      )}
      {run && (
        <>
          <progress aria-label="Run progress" max={Math.max(1, run.total)} value={results.length} />
          <p role="status" data-testid="run-totals">
            {totals
              ? `${results.length} of ${run.total} · ${totals.requests.failed} failed · ${totals.checks.passed}/${totals.checks.total} checks passed` +
                (run.isDone
                  ? ` · done in ${(totals.durationMs / 1000).toFixed(2)} s${totals.isBailed ? ' (stopped at the first failure)' : ''}${totals.isCancelled ? ' (stopped)' : ''}`
                  : '')
              : 'Starting…'}
          </p>
          <div className="runner-results" role="region" aria-label="Run results">
            <table className="kv-table">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Iteration</th>
                  <th scope="col">Status</th>
                  <th scope="col">Time</th>
                  <th scope="col">Checks</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr
                    key={`${r.iteration}:${r.stepIndex}`}
                    className={r.outcome === 'passed' ? 'check-passed' : r.outcome === 'skipped' ? '' : 'check-failed'}
                  >
                    <td>
                      <span className="mono">{r.method}</span> {[...r.folderPath, r.name].join(' / ')}
                      {r.checks
                        .filter((c) => !c.isPassed)
                        .map((c) => (
                          <div key={c.checkId} className="hint">
                            {c.description}: expected {c.expected}, got {c.actual}
                            {c.error ? ` (${c.error})` : ''}
                          </div>
                        ))}
                      {r.error && <div className="hint">{r.error.message}</div>}
                    </td>
                    <td>{r.iteration + 1}</td>
                    <td>{r.status ?? '—'}</td>
                    <td>{r.timeMs === undefined ? '—' : `${Math.round(r.timeMs)} ms`}</td>
                    <td>
                      {r.checks.length === 0 ? '—' : `${r.checks.filter((c) => c.isPassed).length}/${r.checks.length}`}
                    </td>
                    <td>{r.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {timings.length > 0 && (
            <table className="timing" aria-label="Time per request">
              <tbody>
                {timings.map((t) => (
                  <tr key={t.key}>
                    <th scope="row">{t.name}</th>
                    <td className="timing-bar-cell">
                      <span className="timing-bar" style={{ width: `${Math.max(1, (t.ms / slowest) * 100)}%` }} />
                    </td>
                    <td>{`${Math.round(t.ms)} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Dialog>
  );
}
