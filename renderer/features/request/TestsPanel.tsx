import type { Capture, CaptureSource, Check, CheckOperator, ResponseTarget } from '../../../shared/contract/checks';
import { VALUELESS_OPERATORS } from '../../../shared/contract/checks';
import type { DraftAction, EditorDraft } from './request-draft';

const TARGETS: Array<{ kind: ResponseTarget['kind']; label: string; field?: string }> = [
  { kind: 'status', label: 'Status' },
  { kind: 'header', label: 'Header', field: 'Header name' },
  { kind: 'json-path', label: 'JSONPath', field: 'JSONPath, e.g. $.items[0].id' },
  { kind: 'jmespath', label: 'JMESPath', field: 'JMESPath, e.g. items[0].id' },
  { kind: 'body', label: 'Body text' },
  { kind: 'time', label: 'Time (ms)' },
];

const OPERATORS: Array<{ id: CheckOperator; label: string }> = [
  { id: 'equals', label: 'equals' },
  { id: 'not-equals', label: 'does not equal' },
  { id: 'exists', label: 'exists' },
  { id: 'not-exists', label: 'does not exist' },
  { id: 'contains', label: 'contains' },
  { id: 'matches', label: 'matches (regex)' },
  { id: 'type', label: 'is of type' },
  { id: 'lt', label: '<' },
  { id: 'lte', label: '≤' },
  { id: 'gt', label: '>' },
  { id: 'gte', label: '≥' },
  { id: 'between', label: 'between (a..b)' },
];

const SOURCES: Array<{ kind: CaptureSource['kind']; label: string; field: string }> = [
  { kind: 'json-path', label: 'JSONPath', field: '$.id' },
  { kind: 'jmespath', label: 'JMESPath', field: 'id' },
  { kind: 'header', label: 'Header', field: 'x-amzn-RequestId' },
  { kind: 'regex', label: 'Regex on the body', field: 'id=(\\w+)' },
];

function newId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

function fieldOf(target: ResponseTarget | CaptureSource): string {
  switch (target.kind) {
    case 'header':
      return target.name;
    case 'json-path':
      return target.path;
    case 'jmespath':
      return target.expression;
    case 'regex':
      return target.pattern;
    default:
      return '';
  }
}

/** A target of the given kind carrying `field` (a header name, a path, an expression). */
function targetOf(kind: ResponseTarget['kind'], field: string): ResponseTarget {
  switch (kind) {
    case 'header':
      return { kind, name: field };
    case 'json-path':
      return { kind, path: field || '$' };
    case 'jmespath':
      return { kind, expression: field || '@' };
    default:
      return { kind };
  }
}

function sourceOf(kind: CaptureSource['kind'], field: string): CaptureSource {
  switch (kind) {
    case 'header':
      return { kind, name: field };
    case 'json-path':
      return { kind, path: field || '$' };
    case 'jmespath':
      return { kind, expression: field || '@' };
    case 'regex':
      return { kind, pattern: field || '(.*)' };
  }
}

/**
 * The Tests tab: declarative checks of the response (status, header, JSON value, body, time) and
 * captures that set a variable for the requests that follow. No script runs; main evaluates them.
 */
export function TestsPanel({ draft, update }: { draft: EditorDraft; update(action: DraftAction): void }) {
  const setChecks = (checks: Check[]) => update({ type: 'tests', checks });
  const setCaptures = (captures: Capture[]) => update({ type: 'tests', captures });
  const patchCheck = (index: number, patch: Partial<Check>) =>
    setChecks(draft.checks.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const patchCapture = (index: number, patch: Partial<Capture>) =>
    setCaptures(draft.captures.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <div className="tests-panel">
      <h3 className="panel-heading">Checks</h3>
      {draft.checks.length === 0 && <p className="hint">No checks yet: add one, or import a Postman test script.</p>}
      {draft.checks.length > 0 && (
        <table className="kv-table" aria-label="Checks">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">What</th>
              <th scope="col">Where</th>
              <th scope="col">Test</th>
              <th scope="col">Expected</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.checks.map((check, index) => {
              const target = TARGETS.find((t) => t.kind === check.target.kind);
              const n = index + 1;
              return (
                <tr key={check.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Check ${n} on`}
                      checked={check.isEnabled}
                      onChange={(e) => patchCheck(index, { isEnabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Check ${n} reads`}
                      value={check.target.kind}
                      onChange={(e) =>
                        patchCheck(index, {
                          target: targetOf(e.target.value as ResponseTarget['kind'], fieldOf(check.target)),
                        })
                      }
                    >
                      {TARGETS.map((t) => (
                        <option key={t.kind} value={t.kind}>
                          {t.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {target?.field ? (
                      <input
                        aria-label={`Check ${n} ${target.field.split(',')[0]?.toLowerCase()}`}
                        placeholder={target.field}
                        value={fieldOf(check.target)}
                        onChange={(e) => patchCheck(index, { target: targetOf(check.target.kind, e.target.value) })}
                      />
                    ) : (
                      <span className="hint">—</span>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`Check ${n} test`}
                      value={check.operator}
                      onChange={(e) => patchCheck(index, { operator: e.target.value as CheckOperator })}
                    >
                      {OPERATORS.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {VALUELESS_OPERATORS.has(check.operator) ? (
                      <span className="hint">—</span>
                    ) : (
                      <input
                        aria-label={`Check ${n} expected`}
                        placeholder={
                          check.operator === 'type'
                            ? 'string, number, array…'
                            : check.operator === 'between'
                              ? '200..299'
                              : '{{variables}} work here'
                        }
                        value={check.expected}
                        onChange={(e) => patchCheck(index, { expected: e.target.value })}
                      />
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove check ${n}`}
                      onClick={() => setChecks(draft.checks.filter((_, i) => i !== index))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button
        type="button"
        onClick={() =>
          setChecks([
            ...draft.checks,
            { id: newId(), isEnabled: true, target: { kind: 'status' }, operator: 'equals', expected: '200' },
          ])
        }
      >
        Add check
      </button>

      <h3 className="panel-heading">Captures</h3>
      <p className="hint">
        Set a variable from the response for the requests that follow (in a run), or in the active environment (a single
        send). Values that look secret go to the vault.
      </p>
      {draft.captures.length > 0 && (
        <table className="kv-table" aria-label="Captures">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Variable</th>
              <th scope="col">From</th>
              <th scope="col">Where</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.captures.map((capture, index) => {
              const source = SOURCES.find((s) => s.kind === capture.from.kind);
              const n = index + 1;
              return (
                <tr key={capture.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Capture ${n} on`}
                      checked={capture.isEnabled}
                      onChange={(e) => patchCapture(index, { isEnabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Capture ${n} variable`}
                      placeholder="orderId"
                      value={capture.variable}
                      onChange={(e) => patchCapture(index, { variable: e.target.value.replace(/[{}\r\n]/g, '') })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Capture ${n} from`}
                      value={capture.from.kind}
                      onChange={(e) =>
                        patchCapture(index, {
                          from: sourceOf(e.target.value as CaptureSource['kind'], fieldOf(capture.from)),
                        })
                      }
                    >
                      {SOURCES.map((s) => (
                        <option key={s.kind} value={s.kind}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Capture ${n} path`}
                      placeholder={source?.field}
                      value={fieldOf(capture.from)}
                      onChange={(e) => patchCapture(index, { from: sourceOf(capture.from.kind, e.target.value) })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove capture ${n}`}
                      onClick={() => setCaptures(draft.captures.filter((_, i) => i !== index))}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button
        type="button"
        onClick={() =>
          setCaptures([
            ...draft.captures,
            { id: newId(), isEnabled: true, variable: '', from: { kind: 'json-path', path: '$.id' } },
          ])
        }
      >
        Add capture
      </button>
    </div>
  );
}
