import { useState } from 'react';
import type { TreeRow } from '../../../shared/contract/collections';
import type { ContainerSummary } from '../../../shared/contract/collections-channels';
import { Dialog } from '../../components/Dialog';
import { ContainerPicker } from './ContainerPicker';

/** Asks where to move a folder or request: any collection or folder but itself (and what it holds). */
export function MoveDialog({
  row,
  onClose,
  onMoved,
}: {
  row: TreeRow;
  onClose(): void;
  onMoved(target: ContainerSummary): void;
}) {
  const [target, setTarget] = useState<ContainerSummary | undefined>();
  return (
    <Dialog title={`Move “${row.name}”`} onClose={onClose}>
      <ContainerPicker label="Move to" value={target?.id} onChange={setTarget} excludeId={row.id} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!target} onClick={() => target && onMoved(target)}>
          Move
        </button>
      </div>
    </Dialog>
  );
}
