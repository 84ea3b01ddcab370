import { useState } from 'react';
import { KeyValueTable } from '../../components/KeyValueTable';
import { Tabs } from '../../components/Tabs';
import { AuthPanel, type AuthPanelProps } from '../auth/AuthPanel';
import { BodyPanel } from './BodyPanel';
import type { DraftAction, RequestDraft } from './request-draft';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

interface RequestEditorProps {
  draft: RequestDraft;
  update(action: DraftAction): void;
  isSending: boolean;
  onSend(): void;
  onCancel(): void;
  onManageCredentials?(): void;
  onPresign?(): Promise<{ ok: true; url: string; expiresAt: string } | { ok: false; message: string }>;
  onInspect?: AuthPanelProps['onInspect'];
}

type EditorTab = 'params' | 'headers' | 'body' | 'auth';

function countEnabled(rows: ReadonlyArray<{ name: string; isEnabled: boolean }>): string | undefined {
  const n = rows.filter((row) => row.isEnabled && row.name !== '').length;
  return n > 0 ? String(n) : undefined;
}

/** Method, URL and Send, above the Params / Headers / Body / Auth tabs. */
export function RequestEditor({
  draft,
  update,
  isSending,
  onSend,
  onCancel,
  onManageCredentials,
  onPresign,
  onInspect,
}: RequestEditorProps) {
  const [tab, setTab] = useState<EditorTab>('params');
  return (
    <section className="request-editor" aria-label="Request">
      <form
        className="url-bar"
        onSubmit={(event) => {
          event.preventDefault();
          onSend();
        }}
      >
        <select
          aria-label="Method"
          className="method"
          value={draft.method}
          onChange={(event) => update({ type: 'method', method: event.target.value })}
        >
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
        <input
          aria-label="URL"
          className="url"
          value={draft.url}
          placeholder="https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => update({ type: 'url', url: event.target.value })}
        />
        {isSending ? (
          <button type="button" className="danger" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary" title="Send (Ctrl/Cmd+Enter)">
            Send
          </button>
        )}
      </form>
      <Tabs<EditorTab>
        label="Request parts"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'params',
            label: 'Params',
            badge: countEnabled(draft.params),
            panel: (
              <KeyValueTable
                noun="Param"
                rows={draft.params}
                onChange={(params) => update({ type: 'params', params })}
                makeRow={() => ({ name: '', value: '', isEnabled: true })}
              />
            ),
          },
          {
            id: 'headers',
            label: 'Headers',
            badge: countEnabled(draft.headers),
            panel: (
              <KeyValueTable
                noun="Header"
                rows={draft.headers}
                onChange={(headers) => update({ type: 'headers', headers })}
                makeRow={() => ({ name: '', value: '', isEnabled: true })}
              />
            ),
          },
          { id: 'body', label: 'Body', panel: <BodyPanel draft={draft} update={update} /> },
          {
            id: 'auth',
            label: 'Auth',
            badge: draft.authType === 'aws-sigv4' ? 'SigV4' : undefined,
            panel: (
              <AuthPanel
                draft={draft}
                update={update}
                {...(onManageCredentials ? { onManageCredentials } : {})}
                {...(onPresign ? { onPresign } : {})}
                {...(onInspect ? { onInspect } : {})}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
