import { useState } from 'react';
import { Dialog } from '../../components/Dialog';

interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  confirm: string;
  onSubmit(value: string): void;
  onClose(): void;
}

/** Asks for one line of text (a name). Electron has no window.prompt, so the app has its own. */
export function PromptDialog({ title, label, initial = '', confirm, onSubmit, onClose }: PromptDialogProps) {
  const [value, setValue] = useState(initial);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim() !== '') onSubmit(value.trim());
        }}
      >
        <label className="field">
          <span>{label}</span>
          <input aria-label={label} value={value} onChange={(event) => setValue(event.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={value.trim() === ''}>
            {confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
