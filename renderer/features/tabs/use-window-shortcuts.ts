import { useEffect } from 'react';

/** What the window's keys do. */
export interface WindowShortcuts {
  send(): Promise<unknown> | void;
  save(): Promise<unknown> | void;
  saveAs(): void;
  newTab(): void;
  closeTab(): void;
}

/**
 * The window's keys: Ctrl/Cmd+Enter sends, Ctrl/Cmd+S saves (with Shift: Save as), Ctrl/Cmd+T
 * opens a tab, W closes it, L goes to the URL. A browser keeps Ctrl+T and Ctrl+W for itself, so
 * Alt+T/W/L do the same there.
 */
export function useWindowShortcuts({ send, save, saveAs, newTab, closeTab }: WindowShortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void send();
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (event.shiftKey) saveAs();
        else void save();
      } else if (
        ((event.ctrlKey || event.metaKey) && !event.altKey) ||
        (event.altKey && !event.ctrlKey && !event.metaKey)
      ) {
        // Ctrl/Cmd+T/W/L in the desktop app; a browser keeps Ctrl+T and Ctrl+W for itself, so Alt+T/W/L too.
        const key = event.key.toLowerCase();
        if (key === 't') {
          event.preventDefault();
          newTab();
        } else if (key === 'w') {
          event.preventDefault();
          closeTab();
        } else if (key === 'l') {
          event.preventDefault();
          document.querySelector<HTMLInputElement>('input[aria-label="URL"]')?.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send, save, saveAs, newTab, closeTab]);
}
