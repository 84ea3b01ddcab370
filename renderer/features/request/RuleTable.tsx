import type { ReactNode } from 'react';

/** A check or a capture: a row the table can switch on and off and remove. */
export interface Rule {
  id: string;
  isEnabled: boolean;
}

/**
 * One table of rules (checks or captures): an On box first and a Remove button last on every row,
 * the kind's own cells between. `noun` names the rows for screen readers ("Check 2 on").
 */
export function RuleTable<T extends Rule>({
  noun,
  label,
  rules,
  columns,
  cells,
  onChange,
}: {
  noun: string;
  label: string;
  rules: T[];
  columns: string[];
  cells(rule: T, n: number, patch: (patch: Partial<T>) => void): ReactNode;
  onChange(rules: T[]): void;
}) {
  if (rules.length === 0) return null;
  const patchAt = (index: number) => (patch: Partial<T>) =>
    onChange(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <table className="kv-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">On</th>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, index) => {
          const n = index + 1;
          const patch = patchAt(index);
          return (
            <tr key={rule.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${noun} ${n} on`}
                  checked={rule.isEnabled}
                  onChange={(e) => patch({ isEnabled: e.target.checked } as Partial<T>)}
                />
              </td>
              {cells(rule, n, patch)}
              <td>
                <button
                  type="button"
                  aria-label={`Remove ${noun.toLowerCase()} ${n}`}
                  onClick={() => onChange(rules.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
