import type { DescribeReference } from './reference-look';
import { VariableInput } from './VariableInput';

/** One editable row. */
export interface KeyValueRow {
  name: string;
  value: string;
  isEnabled: boolean;
}

interface KeyValueTableProps<Row extends KeyValueRow> {
  /** Names the table and its controls for assistive tech and tests, e.g. "Header". */
  noun: string;
  rows: readonly Row[];
  onChange(rows: Row[]): void;
  makeRow(): Row;
  /** Marks `{{references}}` in names and values as resolved or not. */
  describeReference?: DescribeReference | undefined;
}

/** A table of name/value rows with enable checkboxes, used by Params, Headers and form bodies. */
export function KeyValueTable<Row extends KeyValueRow>({
  noun,
  rows,
  onChange,
  makeRow,
  describeReference,
}: KeyValueTableProps<Row>) {
  const patch = (index: number, change: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="kv">
      <table className="kv-table" aria-label={`${noun}s`}>
        <thead>
          <tr>
            <th scope="col" className="kv-check">
              <span className="visually-hidden">Enabled</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col" className="kv-remove">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className={row.isEnabled ? '' : 'is-disabled'}>
              <td className="kv-check">
                <input
                  type="checkbox"
                  aria-label={`Enable ${noun.toLowerCase()} ${index + 1}`}
                  checked={row.isEnabled}
                  onChange={(event) => patch(index, { isEnabled: event.target.checked })}
                />
              </td>
              <td>
                <VariableInput
                  aria-label={`${noun} ${index + 1} name`}
                  value={row.name}
                  spellCheck={false}
                  describeReference={describeReference}
                  onChange={(event) => patch(index, { name: event.target.value })}
                />
              </td>
              <td>
                <VariableInput
                  aria-label={`${noun} ${index + 1} value`}
                  value={row.value}
                  spellCheck={false}
                  describeReference={describeReference}
                  onChange={(event) => patch(index, { value: event.target.value })}
                />
              </td>
              <td className="kv-remove">
                <button type="button" className="icon-button" aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="link-button" onClick={() => onChange([...rows, makeRow()])}>
        Add {noun.toLowerCase()}
      </button>
    </div>
  );
}
