import { useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/channels';
import type { ImportFormat } from '../../../shared/contract/collections-channels';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';

const FORMATS: Array<[ImportFormat | '', string]> = [
  ['', 'Detect automatically'],
  ['curl', 'curl command or shell script'],
  ['postman', 'Postman collection (v2.0 / v2.1)'],
  ['postman-environment', 'Postman environment'],
  ['insomnia', 'Insomnia export (v4 JSON/YAML, v5)'],
  ['openapi', 'OpenAPI 3 or Swagger 2.0 (JSON or YAML)'],
  ['har', 'HAR file (browser network log)'],
  ['bruno', 'Bruno request (.bru)'],
  ['shomei', 'Shomei collection file'],
];

interface ImportDialogProps {
  onClose(): void;
  onImported(result: ChannelOutput<'import:run'>): void;
}

/** Paste or choose a file; main reads it and answers with a report of what was kept and dropped. */
export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<ChannelOutput<'import:run'> | undefined>();
  const [isRunning, setIsRunning] = useState(false);
  const run = async () => {
    // One import per text: a second click while it runs, or after it succeeded, would make a copy.
    if (isRunning || result) return;
    setIsRunning(true);
    const answer = await invoke('import:run', format === '' ? { text } : { text, format });
    setIsRunning(false);
    if (!answer.ok) {
      setResult(undefined);
      return setError(answer.error.message);
    }
    setError(undefined);
    setResult(answer.value);
    onImported(answer.value);
  };
  return (
    <Dialog title="Import" onClose={onClose}>
      <label className="field">
        <span>Format</span>
        <select
          aria-label="Format"
          value={format}
          onChange={(event) => {
            setFormat(event.target.value as ImportFormat | '');
            setResult(undefined);
          }}
        >
          {FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Paste a curl command, a collection, an environment or an OpenAPI document</span>
        <textarea
          aria-label="Text to import"
          className="code"
          rows={10}
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setResult(undefined);
          }}
        />
      </label>
      <label className="field">
        <span>Or choose a file</span>
        <input
          aria-label="File to import"
          type="file"
          accept=".json,.yaml,.yml,.txt,.sh"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file)
              void file.text().then((read) => {
                setText(read);
                setResult(undefined);
              });
          }}
        />
      </label>
      {error && (
        <p role="alert" className="error-box">
          {error}
        </p>
      )}
      {result && (
        <section aria-label="Import report" className="import-report">
          <p>
            Imported {result.report.imported} request{result.report.imported === 1 ? '' : 's'}
            {result.collectionName ? ` into “${result.collectionName}”` : ''}
            {result.environmentNames.length > 0 ? `; environments: ${result.environmentNames.join(', ')}` : ''}.
          </p>
          {result.report.dropped.length > 0 && (
            <>
              <p>Not imported:</p>
              <ul>
                {result.report.dropped.map((d, i) => (
                  <li key={i}>
                    <strong>{d.path}</strong> — {d.what}: {d.why}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <div className="dialog-actions">
        {result ? (
          // Done: importing the same text again would only make a second copy.
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={text.trim() === '' || isRunning}
              onClick={() => void run()}
            >
              {isRunning ? 'Importing…' : 'Import'}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
