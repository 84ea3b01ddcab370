import { useEffect, useState } from 'react';
import type { HistoryEntry, RequestDraft } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';

interface HistoryListProps {
  /** `typedKeyIdMasked`: the send signed with typed keys (not kept); the editor asks for them again. */
  onReopen(draft: RequestDraft, typedKeyIdMasked: string | undefined): void;
}

/** The masked key id of typed keys an entry was signed with, if it was. */
function typedKeyOf(entry: HistoryEntry): string | undefined {
  const { auth } = entry.request;
  return auth.type === 'aws-sigv4' && auth.credentialSource.source === 'typed'
    ? auth.credentialSource.keyIdMasked
    : undefined;
}

/** Every send, newest first (no secrets are kept); search it, reopen an entry in the editor, clear it. */
export function HistoryList({ onReopen }: HistoryListProps) {
  // Main emits history:changed after every send and every delete or clear.
  const version = useMainChanges('history:changed');
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [reload, setReload] = useState(0);
  const [retention, setRetention] = useState<number | undefined>();
  // Why the last entry clicked did not open (an untrusted collection's send, a deleted entry).
  const [refusal, setRefusal] = useState<string | undefined>();
  useEffect(() => {
    void invoke('history:retention', {}).then((result) => {
      if (result.ok) setRetention(result.value.limit);
    });
  }, []);
  useEffect(() => {
    let isCurrent = true;
    void invoke('history:list', { query, limit: 300 }).then((result) => {
      if (isCurrent && result.ok) setEntries(result.value);
    });
    return () => {
      isCurrent = false;
    };
  }, [query, version, reload]);
  return (
    <div className="history-list">
      <div className="sidebar-tools">
        <input
          aria-label="Search history"
          type="search"
          placeholder="Search method, URL, status"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" onClick={() => void invoke('history:clear', {}).then(() => setReload((n) => n + 1))}>
          Clear history
        </button>
      </div>
      <label className="history-retention">
        <span>Keep the last</span>
        <input
          aria-label="History entries kept"
          type="number"
          min={1}
          max={100000}
          value={retention ?? ''}
          onChange={(event) => setRetention(Number(event.target.value))}
          onBlur={() => {
            if (retention !== undefined && retention >= 1)
              void invoke('history:retention', { limit: Math.floor(retention) }).then((result) => {
                if (result.ok) {
                  setRetention(result.value.limit);
                  setReload((n) => n + 1);
                }
              });
          }}
        />
        <span>sends</span>
      </label>
      {refusal !== undefined && (
        <p role="alert" className="error-box">
          {refusal}
        </p>
      )}
      {entries.length === 0 && <p className="hint tree-empty">No sends yet.</p>}
      <ul aria-label="History">
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="history-entry"
              title={entry.request.url}
              onClick={() =>
                void invoke('history:reopen', { id: entry.id }).then((result) => {
                  setRefusal(result.ok ? undefined : result.error.message);
                  if (result.ok) onReopen(result.value, typedKeyOf(entry));
                })
              }
            >
              <span className={`method-tag method-${entry.request.method.toLowerCase()}`}>{entry.request.method}</span>
              <span className="history-url">{entry.request.url}</span>
              <span
                className={entry.response ? `status status-${String(entry.response.status)[0]}xx` : 'status status-5xx'}
              >
                {entry.response ? entry.response.status : (entry.error?.code ?? 'error')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
