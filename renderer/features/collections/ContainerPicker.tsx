import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../shared/contract/collections-channels';
import { invoke } from '../../api/client';

interface ContainerPickerProps {
  label: string;
  value: string | undefined;
  onChange(container: ContainerSummary): void;
  /** Leave out a folder and what is inside it (moving a folder into itself is refused anyway). */
  excludeId?: string | undefined;
}

/** A select of every collection and folder, indented by depth. */
export function ContainerPicker({ label, value, onChange, excludeId }: ContainerPickerProps) {
  const [containers, setContainers] = useState<ContainerSummary[]>([]);
  useEffect(() => {
    void invoke('collections:containers', {}).then((result) => {
      if (!result.ok) return;
      setContainers(result.value);
      const first = result.value.find((c) => c.id !== excludeId);
      if (value === undefined && first) onChange(first);
    });
    // Loaded once per dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <label className="field">
      <span>{label}</span>
      <select
        aria-label={label}
        value={value ?? ''}
        onChange={(event) => {
          const chosen = containers.find((c) => c.id === event.target.value);
          if (chosen) onChange(chosen);
        }}
      >
        {containers.length === 0 && <option value="">(a new collection will be created)</option>}
        {containers
          .filter((c) => c.id !== excludeId)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.path}
            </option>
          ))}
      </select>
    </label>
  );
}
