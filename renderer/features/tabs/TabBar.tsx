import { useState } from 'react';
import { isDirty, type EditorTab } from './use-editor-tabs';

interface TabBarProps {
  tabs: EditorTab[];
  activeId: string;
  onActivate(id: string): void;
  onClose(id: string): void;
  onNew(): void;
  onMove(id: string, toIndex: number): void;
}

/** The open requests: click to switch, × to close, drag (or Alt+←/→) to reorder, + for a new one. */
export function TabBar({ tabs, activeId, onActivate, onClose, onNew, onMove }: TabBarProps) {
  const [dragged, setDragged] = useState<string | undefined>();
  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label="Open requests" className="editor-tablist">
        {tabs.map((tab, index) => {
          const label = `${tab.draft.method} ${tab.opened.name}`;
          const dirty = isDirty(tab);
          return (
            <div
              key={tab.id}
              className={`editor-tab${tab.id === activeId ? ' is-active' : ''}`}
              draggable
              onDragStart={() => setDragged(tab.id)}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged && dragged !== tab.id) onMove(dragged, index);
                setDragged(undefined);
              }}
            >
              <button
                type="button"
                role="tab"
                aria-selected={tab.id === activeId}
                title={dirty ? `${label} (unsaved changes)` : label}
                onClick={() => onActivate(tab.id)}
                onKeyDown={(event) => {
                  if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
                    event.preventDefault();
                    onMove(tab.id, index + (event.key === 'ArrowLeft' ? -1 : 1));
                  }
                }}
              >
                <span className={`method method-${tab.draft.method.toLowerCase()}`}>{tab.draft.method}</span>{' '}
                {tab.opened.name}
                {dirty && (
                  <span className="dirty-dot" aria-label="unsaved changes" data-testid="unsaved-dot">
                    ●
                  </span>
                )}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Close ${tab.opened.name}`}
                onClick={() => onClose(tab.id)}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="New tab"
        title="New tab (Ctrl/Cmd+T, or Alt+T in a browser)"
        onClick={onNew}
      >
        +
      </button>
    </div>
  );
}
