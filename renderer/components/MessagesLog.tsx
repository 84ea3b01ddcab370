import { MessagesLogContent } from './MessagesLogContent';

/**
 * One line of a live message log: a WebSocket event, or anything shaped like one (an AppSync
 * subscription's data). Sizes are of the whole message; text and base64 are capped previews.
 */
export interface MessagesLogEntry {
  id: string;
  at: string;
  kind: 'open' | 'message' | 'close' | 'error';
  direction?: 'sent' | 'received' | undefined;
  size?: number | undefined;
  isBinary?: boolean | undefined;
  text?: string | undefined;
  base64?: string | undefined;
  isTruncated?: boolean | undefined;
  code?: number | undefined;
  reason?: string | undefined;
  explanation?: string | undefined;
  status?: number | undefined;
  body?: string | undefined;
  /** Said instead of the kind's own word (`Subscribed`, `Complete` for an AppSync subscription). */
  title?: string | undefined;
}

/** The most lines a log keeps in the window; older ones are dropped (main keeps nothing either). */
export const MAX_LOG_ENTRIES = 1000;

/** `entries` with `added` appended, the oldest dropped beyond `MAX_LOG_ENTRIES`. */
export function appendCapped<T>(entries: readonly T[], added: T): T[] {
  const next = [...entries, added];
  return next.length > MAX_LOG_ENTRIES ? next.slice(next.length - MAX_LOG_ENTRIES) : next;
}

function timeOf(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toISOString().slice(11, 23);
}

function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

const LABELS = {
  open: 'Connected',
  close: 'Closed',
  error: 'Error',
  message: 'Message',
  sent: '↑ Sent',
  received: '↓ Received',
};

/** A live log (`role="log"`): time, direction, size and the message (pretty JSON when it is JSON). */
export function MessagesLog({
  entries,
  label = 'Messages',
  isCapped,
}: {
  entries: readonly MessagesLogEntry[];
  label?: string;
  isCapped?: boolean;
}) {
  return (
    <div className="messages-log" role="log" aria-label={label} aria-live="polite">
      {isCapped && <p className="hint">Only the last {MAX_LOG_ENTRIES} lines are shown.</p>}
      {entries.length === 0 && <p className="hint">Nothing yet.</p>}
      <ol>
        {entries.map((entry) => (
          <li
            key={entry.id}
            className={`log-entry log-${entry.kind}${entry.direction ? ` log-${entry.direction}` : ''}`}
          >
            <span className="log-meta">
              <time dateTime={entry.at}>{timeOf(entry.at)}</time>{' '}
              <span className="log-kind">{entry.title ?? LABELS[entry.direction ?? entry.kind]}</span>
              {entry.size !== undefined && (
                <span className="log-size">
                  {' '}
                  {sizeOf(entry.size)}
                  {entry.isTruncated ? ' (preview)' : ''}
                </span>
              )}
            </span>
            <MessagesLogContent entry={entry} />
          </li>
        ))}
      </ol>
    </div>
  );
}
