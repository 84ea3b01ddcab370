import { ShomeiError } from '../../../shared/errors';
import type { Core } from '../../core/create-core';
import { parseDataRows } from '../../core/runner/data-rows';
import type { RunSummary } from '../../core/runner/run-collection';
import { runReportJson, runReportJunit } from '../../core/runner/run-reports';
import { safeFileName } from '../../core/io/shomei-file';
import type { HandlersFor } from '../dispatcher';

function totalsOf(summary: RunSummary) {
  const { requests, checks, durationMs, isBailed, isCancelled } = summary;
  return { requests: { ...requests }, checks: { ...checks }, durationMs, isBailed, isCancelled };
}

/** Handlers of the `runner` domain: results stream to the window as `runner:result` events. */
export function createRunnerHandlers(core: Core): HandlersFor<'runner:start' | 'runner:cancel' | 'runner:report'> {
  return {
    'runner:start': (
      { collectionId, folderId, environmentId, requestIds, iterations, data, parallel, shouldBail },
      context,
    ) => {
      const rows = data ? parseDataRows(data.text, data.format) : undefined;
      let runId = '';
      const {
        runId: id,
        total,
        done,
      } = core.runner.run(
        { collectionId, folder: folderId, environmentId, requestIds, iterations, data: rows, parallel, shouldBail },
        // Results are events: the window shows each as it ends, however long the run.
        (result, summary) => context.emit('runner:result', { runId, result, totals: totalsOf(summary) }),
      );
      runId = id;
      void done.then((summary) => context.emit('runner:done', { runId, totals: totalsOf(summary) }));
      return { runId, total };
    },
    'runner:cancel': ({ runId }) => ({ isCancelled: core.runner.cancel(runId) }),
    'runner:report': ({ runId, format }) => {
      const finished = core.runner.finished(runId);
      if (!finished) throw new ShomeiError('NOT_FOUND', 'That run is not finished, or is too old to report');
      const base = safeFileName(`${finished.context.collectionName} run`);
      return format === 'json'
        ? { fileName: `${base}.json`, text: runReportJson(finished.summary, finished.context) }
        : { fileName: `${base}.xml`, text: runReportJunit(finished.summary, finished.context) };
    },
  };
}
