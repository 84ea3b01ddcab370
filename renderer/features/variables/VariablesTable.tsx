/** One editable variable (or inherited header): a secret one's value is write-only. */
export interface VariableRow {
  /** Set once main has saved the row; a secret row with an id has its value in the vault. */
  id?: string | undefined;
  name: string;
  value: string;
  isEnabled: boolean;
  isSecret: boolean;
}

/** A blank row, enabled and not secret. */
export function emptyVariableRow(): VariableRow {
  return { name: '', value: '', isEnabled: true, isSecret: false };
}

/**
 * The table of variables that environments, collections and folders share: enable, name, value
 * (a password field for secrets, which come back from main empty: "kept in the vault"), the
 * secret checkbox and remove, then *Add variable*. With `hasSecret` off (headers), no secret column.
 */
export function VariablesTable({
  noun = 'Variable',
  rows,
  onChange,
  hasSecret = true,
  hasHeadings = false,
}: {
  /** Names the rows' controls, e.g. "Variable 1 name", "Remove header 1". */
  noun?: string;
  rows: readonly VariableRow[];
  onChange(rows: VariableRow[]): void;
  hasSecret?: boolean;
  hasHeadings?: boolean;
}) {
  const lower = noun.toLowerCase();
  const patch = (index: number, change: Partial<VariableRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <>
      <table className="kv-table">
        {hasHeadings && (
          <thead>
            <tr>
              <th>On</th>
              <th>{noun}</th>
              <th>Value</th>
              {hasSecret && <th>Secret</th>}
              <th />
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id ?? `new-${index}`}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Enable ${lower} ${index + 1}`}
                  checked={row.isEnabled}
                  onChange={(event) => patch(index, { isEnabled: event.target.checked })}
                />
              </td>
              <td>
                <input
                  aria-label={`${noun} ${index + 1} name`}
                  value={row.name}
                  onChange={(event) => patch(index, { name: event.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${noun} ${index + 1} value`}
                  type={row.isSecret ? 'password' : 'text'}
                  placeholder={row.isSecret && row.id ? 'kept in the vault; type to replace' : ''}
                  value={row.value}
                  autoComplete="off"
                  onChange={(event) => patch(index, { value: event.target.value })}
                />
              </td>
              {hasSecret && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${noun} ${index + 1} is secret`}
                    checked={row.isSecret}
                    onChange={(event) => patch(index, { isSecret: event.target.checked })}
                  />
                </td>
              )}
              <td>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${lower} ${index + 1}`}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, emptyVariableRow()])}>
        Add {lower}
      </button>
    </>
  );
}
