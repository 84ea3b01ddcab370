import { VariableInput } from '../../components/VariableInput';
import type { DescribeReference } from '../../components/reference-look';
import type { PartDraft } from './request-draft';

/** The multipart parts: text fields and files (read by main when sending, hashed from the exact bytes). */
export function PartsTable({
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
