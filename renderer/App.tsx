import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../shared/contract/app';
import type { ResponseSummary } from '../shared/contract/http';
import type { AppError } from '../shared/errors';
import { invoke } from './api/client';
import { RequestEditor } from './features/request/RequestEditor';
import { toRequestSpec, useRequestDraft } from './features/request/request-draft';
import { ResponseView } from './features/response/ResponseView';

function newRequestId(): string {
  return crypto.randomUUID();
}

/** The Shomei window: header, request editor, response. */
export function App() {
  const { draft, update } = useRequestDraft();
  const [response, setResponse] = useState<ResponseSummary | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [sendingId, setSendingId] = useState<string | undefined>();
  const [info, setInfo] = useState<AppInfo | undefined>();

  useEffect(() => {
    void invoke('app:info', {}).then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, []);

  const send = useCallback(async () => {
    if (sendingId) return;
    const requestId = newRequestId();
    setSendingId(requestId);
    setError(undefined);
    const result = await invoke('request:send', { requestId, request: toRequestSpec(draft) });
    setSendingId(undefined);
    if (result.ok) {
      setResponse(result.value);
    } else {
      setResponse(undefined);
      setError(result.error);
    }
  }, [sendingId, draft]);

  const cancel = useCallback(() => {
    if (sendingId) void invoke('request:cancel', { requestId: sendingId });
  }, [sendingId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void send();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Shomei <span lang="ja">署名</span>
        </h1>
        <span className="host-info">{info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser mode'}` : ''}</span>
      </header>
      <main className="workspace">
        <RequestEditor draft={draft} update={update} isSending={sendingId !== undefined} onSend={() => void send()} onCancel={cancel} />
        <ResponseView response={response} error={error} isSending={sendingId !== undefined} />
      </main>
    </div>
  );
}
