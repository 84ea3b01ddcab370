import type { ResponseSummary } from '../../../shared/contract/http';

type Tests = NonNullable<ResponseSummary['tests']>;

/** One line of totals: `3 of 4 checks passed`. */
export function testsBadge(tests: Tests): string {
  const passed = tests.checks.filter((c) => c.isPassed).length;
  return `${passed}/${tests.checks.length}`;
}

/** The results of a response's checks (expected vs actual) and captures (where each value went). */
export function TestResults({ tests }: { tests: Tests }) {
  const failed = tests.checks.filter((c) => !c.isPassed).length;
  return (
    <div className="test-results">
      <p role="status" className={failed > 0 ? 'warning' : 'hint'} data-testid="tests-summary">
        {tests.checks.length === 0
          ? 'No checks.'
          : failed === 0
            ? `All ${tests.checks.length} check${tests.checks.length === 1 ? '' : 's'} passed.`
            : `${failed} of ${tests.checks.length} check${tests.checks.length === 1 ? '' : 's'} failed.`}
      </p>
      {tests.checks.length > 0 && (
        <table className="kv-table" aria-label="Check results">
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Check</th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
            </tr>
          </thead>
          <tbody>
            {tests.checks.map((check) => (
              <tr key={check.checkId} className={check.isPassed ? 'check-passed' : 'check-failed'}>
                <td>{check.isPassed ? '✓ passed' : '✗ failed'}</td>
                <td className="mono">{check.description}</td>
                <td className="mono">{check.expected}</td>
                <td className="mono">
                  {check.actual}
                  {check.error && <span className="hint"> ({check.error})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tests.captures.length > 0 && (
        <table className="kv-table" aria-label="Captured variables">
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Value</th>
              <th scope="col">Kept in</th>
            </tr>
          </thead>
          <tbody>
            {tests.captures.map((capture) => (
              <tr key={capture.captureId}>
                <td className="mono">{`{{${capture.variable}}}`}</td>
                <td className="mono">
                  {capture.isCaptured
                    ? capture.isSecret
                      ? '•••••• (secret, in the vault)'
                      : capture.preview
                    : `not captured: ${capture.error ?? ''}`}
                </td>
                <td>{capture.storedIn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
