import { useState } from 'react';
import type { Environment } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { VariablesTable, type VariableRow } from '../variables/VariablesTable';

/**
 * Edits the environments: pick one (or a new one), rename it, edit its variables, save or delete.
 * Secret values go to main's vault on save and the fields come back cleared.
 */
export function EnvironmentsDialog({
  environments,
  onClose,
  onChanged,
}: {
  environments: Environment[];
  onClose(): void;
  onChanged(): void;
}) {
  const [selectedId, setSelectedId] = useState<string | undefined>(environments[0]?.id);
  const selected = environments.find((e) => e.id === selectedId);
  const [name, setName] = useState(selected?.name ?? '');
  const [rows, setRows] = useState<VariableRow[]>(selected?.variables ?? []);
  const [message, setMessage] = useState<string | undefined>();

  const pick = (env: Environment | undefined) => {
    setSelectedId(env?.id);
    setName(env?.name ?? '');
    setRows(env?.variables ?? []);
    setMessage(undefined);
  };

  const save = async () => {
    const variables = rows.filter((r) => r.name.trim() !== '').map((r) => ({ ...r, name: r.name.trim() }));
    const result = selectedId
      ? await invoke('environments:update', { id: selectedId, name, variables })
      : await invoke('environments:create', { name, variables });
    if (!result.ok) return setMessage(result.error.message);
    setSelectedId(result.value.id);
    // Secret values went to the vault; the fields are cleared.
    setRows(result.value.variables);
    setMessage('Saved');
    onChanged();
  };

  return (
    <Dialog title="Environments" onClose={onClose}>
      <div className="environments-editor">
        <ul className="environment-list" aria-label="Environment list">
          {environments.map((env) => (
            <li key={env.id}>
              <button type="button" aria-pressed={env.id === selectedId} onClick={() => pick(env)}>
                {env.name}
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => pick(undefined)}>
              New environment
            </button>
          </li>
        </ul>
        <div className="environment-form">
          <label className="field">
            <span>Environment name</span>
            <input aria-label="Environment name" value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <VariablesTable rows={rows} onChange={setRows} hasHeadings />
          {message && <p role="status">{message}</p>}
          <div className="dialog-actions">
            {selectedId && (
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void invoke('environments:delete', { id: selectedId }).then(() => {
                    pick(undefined);
                    onChanged();
                  })
                }
              >
                Delete environment
              </button>
            )}
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="primary" disabled={name.trim() === ''} onClick={() => void save()}>
              Save environment
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
