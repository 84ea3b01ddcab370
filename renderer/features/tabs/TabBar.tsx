import { useState } from 'react';
import { tabKeyTarget } from '../../components/tab-keys';
import { isDirty, type EditorTab } from './use-editor-tabs';

/** The id of the panel the open-request tabs control (the request editor). */
export const EDITOR_PANEL_ID = 'request-editor-panel';

/** The DOM id of an open request's tab, for the panel's `aria-labelledby`. */
export function editorTabDomId(tabId: string): string {
  return `editor-tab-${tabId}`;
}

interface TabBarProps {
  tabs: EditorTab[];
  activeId: string;
  onActivate(id: string): void;
  onClose(id: string): void;
  onNew(): void;
  onMove(id: string, toIndex: number): void;
}

/**
 * The open requests, as a WAI-ARIA tablist: click or ←/→/Home/End to switch (focus and selection
 * move together), Delete or × to close, drag or Alt+←/→ to reorder, + for a new one. A tablist may
 * hold only tabs, so × is a mouse target hidden from assistive technology; Delete (and
 * Ctrl/Cmd+W, Alt+W) is how a keyboard closes the focused tab.
 */
export function TabBar({ tabs, activeId, onActivate, onClose, onNew, onMove }: TabBarProps) {
  const [dragged, setDragged] = useState<string | undefined>();
  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label="Open requests" className="editor-tablist">
        {tabs.map((tab, index) => {
          const method = tab.draft.websocket ? 'WS' : tab.draft.method;
          const label = `${method} ${tab.opened.name}`;
          const dirty = isDirty(tab);
          const isActive = tab.id === activeId;
          return (
            <div
              key={tab.id}
              className={`editor-tab${isActive ? ' is-active' : ''}`}
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
                id={editorTabDomId(tab.id)}
                aria-selected={isActive}
                aria-controls={isActive ? EDITOR_PANEL_ID : undefined}
                aria-keyshortcuts="Delete"
                tabIndex={isActive ? 0 : -1}
                title={dirty ? `${label} (unsaved changes)` : label}
                onClick={() => onActivate(tab.id)}
                onKeyDown={(event) => {
                  if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
                    event.preventDefault();
                    onMove(tab.id, index + (event.key === 'ArrowLeft' ? -1 : 1));
                    return;
                  }
                  if (event.key === 'Delete') {
                    event.preventDefault();
                    onClose(tab.id);
                    return;
                  }
                  const next = tabs[tabKeyTarget(event, index, tabs.length) ?? -1];
                  if (next) onActivate(next.id);
                }}
              >
                <span className={`method method-${method.toLowerCase()}`}>{method}</span>{' '}
                {tab.opened.name}
                {dirty && (
                  <span className="dirty-dot" data-testid="unsaved-dot">
                    <span aria-hidden="true">●</span>
                    <span className="visually-hidden">, unsaved changes</span>
                  </span>
                )}
              </button>
              <span
                className="tab-close"
                aria-hidden="true"
                title={`Close ${tab.opened.name}`}
                data-testid="close-tab"
                onClick={() => onClose(tab.id)}
              >
                ×
              </span>
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
