import { createFocusTrap } from 'focus-trap';
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal dialog: labelled by its title, closed with Escape, focus moved into it and kept there
 * (Tab and Shift+Tab cycle inside), and given back to what had it when the dialog closes.
 * Trapping uses `focus-trap` (its tab order is `tabbable`'s, shadow roots such as CodeMirror's
 * included), which also stacks: a dialog opened from a dialog pauses the first one's trap.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const trap = createFocusTrap(node, {
      initialFocus: () => node.querySelector<HTMLElement>('input, textarea, select, button') ?? node,
      fallbackFocus: node,
      escapeDeactivates: false,
      allowOutsideClick: true,
      returnFocusOnDeactivate: true,
      tabbableOptions: { getShadowRoot: true },
    });
    trap.activate();
    return () => {
      trap.deactivate();
    };
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="dialog"
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
