import { useState } from 'react';
import type { MessageFormat, OutgoingMessage } from '../../../shared/contract/websocket';
import type { AppError } from '../../../shared/errors';
import { messageProblem, prettyJson } from '../../../shared/websocket/messages';
import { MessagesLog } from '../../components/MessagesLog';
import type { DraftAction, WebSocketDraft } from '../request/request-draft';
import type { TabConnection } from './use-websocket-connections';

interface WebSocketPanelProps {
  websocket: WebSocketDraft;
  update(action: DraftAction): void;
  connection: TabConnection | undefined;
  onSend(message: OutgoingMessage): Promise<AppError | undefined>;
  /** Why the last Connect was refused before any handshake (untrusted, expired keys, no credentials…). */
  error?: AppError | undefined;
}

const FORMATS: Array<[MessageFormat, string]> = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['binary', 'Binary'],
];

function previewOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 60)}…` : line || '(empty)';
}

/** The message box (text, JSON checked, binary as base64 or hex), saved messages, and the live Messages log. */
export function WebSocketPanel({ websocket, update, connection, onSend, error }: WebSocketPanelProps) {
  const [problem, setProblem] = useState<string | undefined>();
  const { message } = websocket;
  const isOpen = connection?.status === 'open';
  const setMessage = (patch: Partial<OutgoingMessage>) => {
    setProblem(undefined);
    update({ type: 'websocket', patch: { message: { ...message, ...patch } } });
  };
  const sendMessage = async () => {
    // Checked here first, so a message that cannot go stays in the box with the reason.
    const refused = messageProblem(message);
    if (refused) return setProblem(refused);
    const error = await onSend(message);
    setProblem(error?.message);
  };
  return (
    <section className="websocket-panel" aria-label="WebSocket">
      {error && (
        <div className="error-box" role="alert">
          <strong>{error.message}</strong> <span className="error-code">{error.code}</span>
        </div>
      )}
      <form
        className="ws-composer"
        onSubmit={(event) => {
          event.preventDefault();
          void sendMessage();
        }}
      >
        <div className="row">
          <label>
            Format{' '}
            <select
              aria-label="Message format"
              value={message.format}
              onChange={(event) => setMessage({ format: event.target.value as MessageFormat })}
            >
              {FORMATS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {message.format === 'binary' && (
            <label>
              Bytes typed as{' '}
              <select
                aria-label="Bytes typed as"
                value={message.binaryEncoding ?? 'base64'}
                onChange={(event) => setMessage({ binaryEncoding: event.target.value as 'base64' | 'hex' })}
              >
                <option value="base64">base64</option>
                <option value="hex">hex</option>
              </select>
            </label>
          )}
          {message.format === 'json' && (
            <button
              type="button"
              onClick={() => {
                const pretty = prettyJson(message.text);
                if (pretty) setMessage({ text: pretty });
                else setProblem(messageProblem(message) ?? 'Only a JSON object or array is pretty-printed.');
              }}
            >
              Pretty-print
            </button>
          )}
        </div>
        <textarea
          aria-label="Message"
          className="ws-message"
          rows={5}
          spellCheck={false}
          value={message.text}
          placeholder={
            message.format === 'binary'
              ? message.binaryEncoding === 'hex'
                ? 'Bytes in hex, e.g. 48 69'
                : 'Bytes in base64, e.g. SGk='
              : message.format === 'json'
                ? '{"action": "sendmessage", "data": "hello"}'
                : 'A text message'
          }
          onChange={(event) => setMessage({ text: event.target.value })}
        />
        {problem && (
          <p role="alert" className="error-box">
            {problem}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={!isOpen} title={isOpen ? undefined : 'Connect first'}>
            Send message
          </button>
          <button
            type="button"
            onClick={() => update({ type: 'websocket', patch: { saved: [...websocket.saved, { ...message }] } })}
          >
            Save message
          </button>
        </div>
      </form>
      {websocket.saved.length > 0 && (
        <ul className="ws-saved" aria-label="Saved messages">
          {websocket.saved.map((saved, index) => (
            <li key={index}>
              <span className="method-tag">
                {saved.format === 'binary' ? `binary ${saved.binaryEncoding ?? 'base64'}` : saved.format}
              </span>{' '}
              <code>{saved.name ?? previewOf(saved.text)}</code>{' '}
              <button
                type="button"
                onClick={() =>
                  setMessage({ format: saved.format, text: saved.text, binaryEncoding: saved.binaryEncoding })
                }
              >
                Use
              </button>{' '}
              <button
                type="button"
                aria-label={`Remove saved message ${index + 1}`}
                onClick={() =>
                  update({ type: 'websocket', patch: { saved: websocket.saved.filter((_, at) => at !== index) } })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <MessagesLog entries={connection?.log ?? []} isCapped={connection?.isCapped ?? false} />
    </section>
  );
}
