import { useCallback, useEffect, useState } from 'react';
import type { Environment } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';
import { EnvironmentsDialog } from './EnvironmentsDialog';

/**
 * The environment switcher and editor. Secret variables are write-only: their value is sent to
 * main (which keeps it in the vault) and the field is cleared; it never comes back.
 */
export function EnvironmentBar() {
  const [environments, setEnvironments] = useState<Environment[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [isEditing, setIsEditing] = useState(false);
  const load = useCallback(() => {
    void invoke('environments:list', {}).then((result) => {
      if (!result.ok) return;
      setEnvironments(result.value.environments);
      setActiveId(result.value.activeEnvironmentId);
    });
  }, []);
  // An import adds environments, an edit elsewhere renames them: read main's list again.
  const revision = useMainChanges('variables:changed');
  useEffect(load, [load, revision]);
  return (
    <div className="environment-bar">
      <select
        aria-label="Environment"
        value={activeId ?? ''}
        onChange={(event) => {
          const id = event.target.value === '' ? null : event.target.value;
          setActiveId(id);
          void invoke('environments:set-active', { id });
        }}
      >
        <option value="">No environment</option>
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => setIsEditing(true)}>
        Environments
      </button>
      {isEditing && (
        <EnvironmentsDialog
          environments={environments}
          onClose={() => {
            setIsEditing(false);
            load();
          }}
          onChanged={load}
        />
      )}
    </div>
  );
}
