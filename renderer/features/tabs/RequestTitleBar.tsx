import type { OpenedRequest } from '../collections/saved-draft';

/** Above the editor: where the tab's request is saved and its name, the last save's note, and Save, Code, Save as, New request, New WebSocket. */
export function RequestTitleBar({
  opened,
  saveNote,
  onSave,
  onCode,
  onSaveAs,
  onNewRequest,
  onNewWebSocket,
}: {
  opened: OpenedRequest;
  saveNote: string | undefined;
  onSave(): void;
  onCode(): void;
  onSaveAs(): void;
  onNewRequest(): void;
  onNewWebSocket(): void;
}) {
  return (
    <div className="request-title">
      <span className="request-location">{opened.location ? `${opened.location} › ` : ''}</span>
      <strong data-testid="request-name">{opened.name}</strong>
      <span className="header-spacer" />
      {saveNote && <span role="status">{saveNote}</span>}
      <button type="button" onClick={onSave} title="Save (Ctrl/Cmd+S)">
        Save
      </button>
      <button type="button" onClick={onCode} title="Code that signs when it runs">
        Code
      </button>
      <button type="button" onClick={onSaveAs} title="Save as (Ctrl/Cmd+Shift+S)">
        Save as
      </button>
      <button type="button" onClick={onNewRequest}>
        New request
      </button>
      <button type="button" onClick={onNewWebSocket}>
        New WebSocket
      </button>
    </div>
  );
}
