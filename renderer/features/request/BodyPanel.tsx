import { CodeEditor } from '../../components/CodeEditor';
import { KeyValueTable } from '../../components/KeyValueTable';
import { VariableInput } from '../../components/VariableInput';
import type { DescribeReference } from '../../components/reference-look';
import { GraphqlBody } from '../graphql/GraphqlBody';
import type { IntrospectionOutcome } from '../graphql/introspect';
import { PartsTable } from './PartsTable';
import type { BodyKind, DraftAction, EditorDraft } from './request-draft';

interface BodyPanelProps {
  draft: EditorDraft;
  update(action: DraftAction): void;
  /** Marks `{{references}}` in the body as resolved or not. */
  describeReference?: DescribeReference | undefined;
  /** Fetches the GraphQL schema with this request's URL, headers and auth. */
  onIntrospect?: (() => Promise<IntrospectionOutcome>) | undefined;
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

const KINDS: Array<[BodyKind, string]> = [
  ['none', 'None'],
  ['json', 'JSON'],
  ['text', 'Text'],
  ['xml', 'XML'],
  ['graphql', 'GraphQL'],
  ['form', 'Form (x-www-form-urlencoded)'],
  ['multipart', 'Multipart form-data'],
  ['binary', 'Binary file'],
];

/**
 * The Body tab: none; JSON (checked as you type), text or XML; a form table; multipart parts (text
 * and files); or a binary file. Main builds the exact bytes, sets a matching Content-Type unless
 * one was given, and signs the hash of precisely what it sends.
 */
export function BodyPanel({ draft, update, describeReference, onIntrospect }: BodyPanelProps) {
  const problem = draft.bodyKind === 'json' ? jsonProblem(draft.bodyText) : undefined;
  const isText = draft.bodyKind === 'json' || draft.bodyKind === 'text' || draft.bodyKind === 'xml';
  return (
    <div className="body-panel">
      <div className="row">
        <label htmlFor="body-kind">Body type</label>
        <select
          id="body-kind"
          value={draft.bodyKind}
          onChange={(event) => update({ type: 'bodyKind', bodyKind: event.target.value as BodyKind })}
        >
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
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
      {draft.bodyKind === 'none' && <p className="hint">This request has no body.</p>}
      {isText && (
        <>
          <CodeEditor
            label="Request body"
            language={draft.bodyKind === 'json' ? 'json' : draft.bodyKind === 'xml' ? 'xml' : 'text'}
            value={draft.bodyText}
            onChange={(bodyText) => update({ type: 'bodyText', bodyText })}
            describeReference={describeReference}
          />
          {problem ? (
            <p className="warning" role="status">
              Not valid JSON yet: {problem}
            </p>
          ) : null}
        </>
      )}
      {draft.bodyKind === 'graphql' && (
        <GraphqlBody
          url={draft.url}
          parts={draft.graphql}
          onChange={(patch) => update({ type: 'graphql', patch })}
          onIntrospect={onIntrospect}
          describeReference={describeReference}
        />
      )}
      {draft.bodyKind === 'form' && (
        <KeyValueTable
          noun="Form field"
          rows={draft.formRows}
          onChange={(rows) => update({ type: 'formRows', rows })}
          makeRow={() => ({ name: '', value: '', isEnabled: true })}
          describeReference={describeReference}
        />
      )}
      {draft.bodyKind === 'multipart' && (
        <>
          <PartsTable
            parts={draft.parts}
            onChange={(parts) => update({ type: 'parts', parts })}
            describeReference={describeReference}
          />
          <p className="hint">
            Files are read by Shomei&apos;s main process when you send: give absolute paths on that machine. The
            boundary is fixed per send; files are hashed from disk as they will be sent, and the exact bytes are signed.
          </p>
        </>
      )}
      {draft.bodyKind === 'binary' && (
        <div className="form-grid">
          <label htmlFor="binary-path">File path</label>
          <VariableInput
            describeReference={describeReference}
            id="binary-path"
            value={draft.binaryPath}
            spellCheck={false}
            placeholder="/absolute/path/to/file"
            onChange={(event) => update({ type: 'binary', path: event.target.value })}
          />
          <label htmlFor="binary-type">Content-Type</label>
          <VariableInput
            describeReference={describeReference}
            id="binary-type"
            value={draft.binaryContentType}
            spellCheck={false}
            placeholder="application/octet-stream"
            onChange={(event) => update({ type: 'binary', contentType: event.target.value })}
          />
        </div>
      )}
    </div>
  );
}
