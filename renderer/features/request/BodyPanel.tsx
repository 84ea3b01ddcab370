import { CodeEditor } from '../../components/CodeEditor';
import { KeyValueTable } from '../../components/KeyValueTable';
import { VariableInput } from '../../components/VariableInput';
import type { DescribeReference } from '../../components/reference-look';
import { GraphqlBody } from '../graphql/GraphqlBody';
import type { IntrospectionOutcome } from '../graphql/introspect';
import type { BodyKind, DraftAction, PartDraft, EditorDraft } from './request-draft';

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

/** The multipart parts: text fields and files (read by main when sending, hashed from the exact bytes). */
function PartsTable({
  parts,
  onChange,
  describeReference,
}: {
  parts: PartDraft[];
  onChange(parts: PartDraft[]): void;
  describeReference: DescribeReference | undefined;
}) {
  const patch = (index: number, change: Partial<PartDraft>) =>
    onChange(parts.map((part, i) => (i === index ? { ...part, ...change } : part)));
  const add = (kind: PartDraft['kind']) =>
    onChange([...parts, { kind, name: '', value: '', contentType: '', isEnabled: true }]);
  return (
    <div className="kv">
      <table className="kv-table" aria-label="Parts">
        <thead>
          <tr>
            <th scope="col" className="kv-check">
              <span className="visually-hidden">Enabled</span>
            </th>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">Value or file path</th>
            <th scope="col">Content-Type</th>
            <th scope="col" className="kv-remove">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part, index) => (
            <tr key={index}>
              <td className="kv-check">
                <input
                  type="checkbox"
                  aria-label={`Part ${index + 1} enabled`}
                  checked={part.isEnabled}
                  onChange={(event) => patch(index, { isEnabled: event.target.checked })}
                />
              </td>
              <td>{part.kind === 'file' ? 'file' : 'text'}</td>
              <td>
                <VariableInput
                  describeReference={describeReference}
                  aria-label={`Part ${index + 1} name`}
                  value={part.name}
                  spellCheck={false}
                  onChange={(event) => patch(index, { name: event.target.value })}
                />
              </td>
              <td>
                <VariableInput
                  describeReference={describeReference}
                  aria-label={part.kind === 'file' ? `Part ${index + 1} file path` : `Part ${index + 1} value`}
                  value={part.value}
                  spellCheck={false}
                  placeholder={part.kind === 'file' ? '/absolute/path/to/file' : ''}
                  onChange={(event) => patch(index, { value: event.target.value })}
                />
              </td>
              <td>
                <VariableInput
                  describeReference={describeReference}
                  aria-label={`Part ${index + 1} content type`}
                  value={part.contentType}
                  spellCheck={false}
                  placeholder={part.kind === 'file' ? 'application/octet-stream' : 'text/plain'}
                  onChange={(event) => patch(index, { contentType: event.target.value })}
                />
              </td>
              <td className="kv-remove">
                <button
                  type="button"
                  aria-label={`Remove part ${index + 1}`}
                  onClick={() => onChange(parts.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => add('text')}>
          Add text part
        </button>
        <button type="button" onClick={() => add('file')}>
          Add file part
        </button>
      </div>
    </div>
  );
}

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
