import { prettyJson } from '../../shared/websocket/messages';
import type { MessagesLogEntry } from './MessagesLog';

/** One log line's body: the message (pretty JSON when it is JSON), the close and its code explained, or the error. */
export function MessagesLogContent({ entry }: { entry: MessagesLogEntry }) {
  if (entry.kind === 'message') {
    if (entry.isBinary) return <pre className="log-content">{`(binary, base64) ${entry.base64 ?? ''}`}</pre>;
    const text = entry.text ?? '';
    return <pre className="log-content">{(entry.isTruncated ? undefined : prettyJson(text)) ?? text}</pre>;
  }
  if (entry.kind === 'close') {
    return (
      <p className="log-content">
        Closed with {entry.code}
        {entry.reason ? ` “${entry.reason}”` : ''}. {entry.explanation}
      </p>
    );
  }
  if (entry.kind === 'error') {
    return (
      <div className="log-content">
        <p>
          {entry.status ? `Refused with HTTP ${entry.status}. ` : ''}
          {entry.explanation}
        </p>
        {entry.body ? <pre>{prettyJson(entry.body) ?? entry.body}</pre> : null}
      </div>
    );
  }
  return (
    <p className="log-content">
      {entry.explanation} <code>{entry.text}</code>
    </p>
  );
}
