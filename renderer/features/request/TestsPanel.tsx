import type { Capture, CaptureSource, Check, CheckOperator, ResponseTarget } from '../../../shared/contract/checks';
import { VALUELESS_OPERATORS } from '../../../shared/contract/checks';
import type { DraftAction, EditorDraft } from './request-draft';
import { RuleTable } from './RuleTable';

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

/**
 * A check's target or a capture's source of the given kind carrying `field` (a header name, a
 * path, an expression, a pattern), with a usable default for an empty path.
 */
function locate(kind: ResponseTarget['kind'], field: string): ResponseTarget;
function locate(kind: CaptureSource['kind'], field: string): CaptureSource;
function locate(kind: ResponseTarget['kind'] | CaptureSource['kind'], field: string): ResponseTarget | CaptureSource {
  switch (kind) {
    case 'header':
      return { kind, name: field };
    case 'json-path':
      return { kind, path: field || '$' };
    case 'jmespath':
      return { kind, expression: field || '@' };
    case 'regex':
      return { kind, pattern: field || '(.*)' };
    default:
      return { kind };
  }
}

function checkCells(check: Check, n: number, patch: (patch: Partial<Check>) => void) {
  const target = TARGETS.find((t) => t.kind === check.target.kind);
  return (
    <>
      <td>
        <select
          aria-label={`Check ${n} reads`}
          value={check.target.kind}
          onChange={(e) => patch({ target: locate(e.target.value as ResponseTarget['kind'], fieldOf(check.target)) })}
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
            onChange={(e) => patch({ target: locate(check.target.kind, e.target.value) })}
          />
        ) : (
          <span className="hint">—</span>
        )}
      </td>
      <td>
        <select
          aria-label={`Check ${n} test`}
          value={check.operator}
          onChange={(e) => patch({ operator: e.target.value as CheckOperator })}
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
            onChange={(e) => patch({ expected: e.target.value })}
          />
        )}
      </td>
    </>
  );
}

function captureCells(capture: Capture, n: number, patch: (patch: Partial<Capture>) => void) {
  const source = SOURCES.find((s) => s.kind === capture.from.kind);
  return (
    <>
      <td>
        <input
          aria-label={`Capture ${n} variable`}
          placeholder="orderId"
          value={capture.variable}
          onChange={(e) => patch({ variable: e.target.value.replace(/[{}\r\n]/g, '') })}
        />
      </td>
      <td>
        <select
          aria-label={`Capture ${n} from`}
          value={capture.from.kind}
          onChange={(e) => patch({ from: locate(e.target.value as CaptureSource['kind'], fieldOf(capture.from)) })}
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
          onChange={(e) => patch({ from: locate(capture.from.kind, e.target.value) })}
        />
      </td>
    </>
  );
}

/**
 * The Tests tab: declarative checks of the response (status, header, JSON value, body, time) and
 * captures that set a variable for the requests that follow. No script runs; main evaluates them.
 */
export function TestsPanel({ draft, update }: { draft: EditorDraft; update(action: DraftAction): void }) {
  const setChecks = (checks: Check[]) => update({ type: 'tests', checks });
  const setCaptures = (captures: Capture[]) => update({ type: 'tests', captures });
  return (
    <div className="tests-panel">
      <h3 className="panel-heading">Checks</h3>
      {draft.checks.length === 0 && <p className="hint">No checks yet: add one, or import a Postman test script.</p>}
      <RuleTable
        noun="Check"
        label="Checks"
        rules={draft.checks}
        columns={['What', 'Where', 'Test', 'Expected']}
        cells={checkCells}
        onChange={setChecks}
      />
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
      <RuleTable
        noun="Capture"
        label="Captures"
        rules={draft.captures}
        columns={['Variable', 'From', 'Where']}
        cells={captureCells}
        onChange={setCaptures}
      />
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
