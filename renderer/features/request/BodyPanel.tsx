import type { BodyKind, DraftAction, RequestDraft } from './request-draft';

interface BodyPanelProps {
  draft: RequestDraft;
  update(action: DraftAction): void;
}

function jsonProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'Invalid JSON';
  }
}

/** The Body tab: none, JSON (checked as you type), text or XML. */
export function BodyPanel({ draft, update }: BodyPanelProps) {
  const problem = draft.bodyKind === 'json' ? jsonProblem(draft.bodyText) : undefined;
  return (
    <div className="body-panel">
      <div className="row">
        <label htmlFor="body-kind">Body type</label>
        <select id="body-kind" value={draft.bodyKind} onChange={(event) => update({ type: 'bodyKind', bodyKind: event.target.value as BodyKind })}>
          <option value="none">None</option>
          <option value="json">JSON</option>
          <option value="text">Text</option>
          <option value="xml">XML</option>
        </select>
        {draft.bodyKind === 'json' && draft.bodyText.trim() !== '' && !problem ? (
          <button
            type="button"
            className="link-button"
            onClick={() => update({ type: 'bodyText', bodyText: JSON.stringify(JSON.parse(draft.bodyText), null, 2) })}
          >
            Format
          </button>
        ) : null}
      </div>
      {draft.bodyKind === 'none' ? (
        <p className="hint">This request has no body.</p>
      ) : (
        <>
          <textarea
            aria-label="Request body"
            className="code"
            value={draft.bodyText}
            spellCheck={false}
            rows={10}
            onChange={(event) => update({ type: 'bodyText', bodyText: event.target.value })}
          />
          {problem ? (
            <p className="warning" role="status">
              Not valid JSON yet: {problem}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
