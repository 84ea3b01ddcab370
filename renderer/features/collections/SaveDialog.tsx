import { useState } from 'react';
import type { ContainerSummary } from '../../../shared/contract/collections-channels';
import { Dialog } from '../../components/Dialog';
import { ContainerPicker } from './ContainerPicker';

interface SaveDialogProps {
  initialName: string;
  onClose(): void;
  onSave(name: string, target: ContainerSummary | undefined): void;
}

/** "Save as": a name and the collection or folder to save into. */
export function SaveDialog({ initialName, onClose, onSave }: SaveDialogProps) {
  const [name, setName] = useState(initialName);
  const [target, setTarget] = useState<ContainerSummary | undefined>();
  return (
    <Dialog title="Save request" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() !== '') onSave(name.trim(), target);
        }}
      >
        <label className="field">
          <span>Request name</span>
          <input aria-label="Request name" value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <ContainerPicker label="Save in" value={target?.id} onChange={setTarget} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={name.trim() === ''}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
