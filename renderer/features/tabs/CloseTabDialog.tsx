import { Dialog } from '../../components/Dialog';

interface CloseTabDialogProps {
  name: string;
  onDiscard(): void;
  onClose(): void;
}

/** Asks before closing a tab whose changes are not saved; Cancel has the focus, so Enter keeps the work. */
export function CloseTabDialog({ name, onDiscard, onClose }: CloseTabDialogProps) {
  return (
    <Dialog title={`Close “${name}”?`} onClose={onClose}>
      <p>This tab has changes that are not saved to a collection. Closing it discards them.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          Discard changes and close
        </button>
      </div>
    </Dialog>
  );
}
