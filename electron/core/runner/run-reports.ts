import type { RunStepResult, RunSummary } from './run-collection';

/** What a report names the run after. */
export interface RunReportContext {
  collectionName: string;
  environmentName?: string | undefined;
  startedAt: string;
}

/** The run as JSON: totals and every result (no secret value: results never hold one). */
export function runReportJson(summary: RunSummary, context: RunReportContext): string {
  return `${JSON.stringify(
    {
      format: 'shomei.run',
      formatVersion: 1,
      collection: context.collectionName,
      ...(context.environmentName ? { environment: context.environmentName } : {}),
      startedAt: context.startedAt,
      durationMs: Math.round(summary.durationMs),
      requests: summary.requests,
      checks: summary.checks,
      isBailed: summary.isBailed,
      isCancelled: summary.isCancelled,
      results: summary.results,
    },
    null,
    2,
  )}\n`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text made safe for XML 1.0: escaped, and characters XML cannot hold replaced. */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these code points outright.
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** The name of a result in reports: `Orders / Create order`, with the iteration when there are several. */
export function resultName(result: RunStepResult, iterations: number): string {
  const name = [...result.folderPath, result.name].join(' / ');
  return iterations > 1 ? `${name} [iteration ${result.iteration + 1}]` : name;
}

/**
 * The run as JUnit XML, as CI systems read it: one test suite per folder path, one test case per
 * request and iteration; a failed check is a `<failure>` with expected and actual, a request that
 * could not be sent an `<error>`, one not run `<skipped>`.
 */
export function runReportJunit(summary: RunSummary, context: RunReportContext): string {
  const iterations = new Set(summary.results.map((r) => r.iteration)).size;
  const suites = new Map<string, RunStepResult[]>();
  const ordered = [...summary.results].sort((a, b) => a.iteration - b.iteration || a.stepIndex - b.stepIndex);
  for (const result of ordered) {
    const suite = [context.collectionName, ...result.folderPath].join(' / ');
    suites.set(suite, [...(suites.get(suite) ?? []), result]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(context.collectionName)}" tests="${summary.results.length}" failures="${count(ordered, 'failed')}" errors="${count(ordered, 'error')}" skipped="${count(ordered, 'skipped')}" time="${seconds(summary.durationMs)}">`,
  ];
  for (const [name, results] of suites) {
    const time = results.reduce((sum, r) => sum + (r.timeMs ?? 0), 0);
    lines.push(
      `  <testsuite name="${xml(name)}" tests="${results.length}" failures="${count(results, 'failed')}" errors="${count(results, 'error')}" skipped="${count(results, 'skipped')}" time="${seconds(time)}" timestamp="${xml(context.startedAt)}">`,
    );
    for (const result of results) {
      const open = `    <testcase classname="${xml(name)}" name="${xml(resultName(result, iterations))}" time="${seconds(result.timeMs ?? 0)}"`;
      if (result.outcome === 'passed') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (result.outcome === 'skipped') lines.push(`      <skipped message="${xml(result.error?.message ?? 'not run')}"/>`);
      else if (result.outcome === 'error')
        lines.push(`      <error type="${xml(result.error?.code ?? 'ERROR')}" message="${xml(result.error?.message ?? 'not sent')}"/>`);
      else {
        for (const check of result.checks.filter((c) => !c.isPassed))
          lines.push(
            `      <failure type="check" message="${xml(check.description)}">${xml(`expected ${check.expected}, got ${check.actual}${check.error ? ` (${check.error})` : ''}`)}</failure>`,
          );
        for (const capture of result.captures.filter((c) => !c.isCaptured))
          lines.push(`      <failure type="capture" message="${xml(`capture {{${capture.variable}}}`)}">${xml(capture.error ?? 'not captured')}</failure>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function count(results: readonly RunStepResult[], outcome: RunStepResult['outcome']): number {
  return results.filter((r) => r.outcome === outcome).length;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
