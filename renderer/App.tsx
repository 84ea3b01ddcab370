import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../shared/contract/app';
import type { RequestDraft as SavedDraft } from '../shared/contract/collections';
import type { ContainerSummary } from '../shared/contract/collections-channels';
import type { ResponseSummary } from '../shared/contract/http';
import type { AppError } from '../shared/errors';
import { invoke } from './api/client';
import { Tabs } from './components/Tabs';
import { CodeDialog } from './features/codegen/CodeDialog';
import { CollectionsSidebar } from './features/collections/CollectionsSidebar';
import { PromptDialog } from './features/collections/PromptDialog';
import { CredentialsManager } from './features/credentials/CredentialsManager';
import { credentialsChanged } from './features/credentials/use-credentials';
import { SaveDialog } from './features/collections/SaveDialog';
import { SendProblems } from './features/collections/SendProblems';
import { StoreNotices } from './features/collections/StoreNotices';
import {
  editorFromSaved,
  NEW_REQUEST,
  savedFromEditor,
  typedCredentials,
  type OpenedRequest,
} from './features/collections/saved-draft';
import { EnvironmentBar } from './features/environments/EnvironmentBar';
import { HistoryList } from './features/history/HistoryList';
import { ImportDialog } from './features/import/ImportDialog';
import { RequestEditor } from './features/request/RequestEditor';
import { EMPTY_DRAFT, sendOptionsOf, useRequestDraft } from './features/request/request-draft';
import { ResponseView } from './features/response/ResponseView';

function newRequestId(): string {
  return crypto.randomUUID();
}

type SidebarTab = 'collections' | 'history';

/** The Shomei window: header, sidebar (collections, history), request editor, response. */
export function App() {
  const { draft, update } = useRequestDraft();
  const [opened, setOpened] = useState<OpenedRequest>(NEW_REQUEST);
  const [response, setResponse] = useState<ResponseSummary | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [sendingId, setSendingId] = useState<string | undefined>();
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [sidebarTab, setSidebarTab] = useState<SidebarTab>('collections');
  const [treeVersion, setTreeVersion] = useState(0);
  const [reveal, setReveal] = useState<string[]>([]);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [dialog, setDialog] = useState<'save' | 'import' | 'credentials' | 'code' | undefined>();
  /** An AssumeRole profile that needs an MFA code before the send can go. */
  const [mfaProfileId, setMfaProfileId] = useState<string | undefined>();
  const [saveNote, setSaveNote] = useState<string | undefined>();

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
    const credentials = typedCredentials(draft);
    const result = await invoke('request:send-draft', {
      requestId,
      request: savedFromEditor(draft, opened, 'send'),
      ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
      ...(credentials ? { credentials } : {}),
      options: sendOptionsOf(draft.options),
    });
    setSendingId(undefined);
    setHistoryVersion((n) => n + 1);
    if (result.ok) {
      setResponse(result.value);
    } else {
      setResponse(undefined);
      setError(result.error);
      const details = result.error.details as { profileId?: unknown } | undefined;
      if (result.error.code === 'MFA_REQUIRED' && typeof details?.profileId === 'string')
        setMfaProfileId(details.profileId);
    }
  }, [sendingId, draft, opened]);

  const assumeWithMfa = useCallback(
    async (profileId: string, mfaCode: string) => {
      setMfaProfileId(undefined);
      const result = await invoke('credentials:assume', { id: profileId, mfaCode });
      credentialsChanged();
      if (!result.ok) return setError(result.error);
      await send();
    },
    [send],
  );

  const presign = useCallback(async () => {
    const credentials = typedCredentials(draft);
    const result = await invoke('request:presign-draft', {
      request: savedFromEditor(draft, opened, 'send'),
      ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
      ...(credentials ? { credentials } : {}),
      options: sendOptionsOf(draft.options),
    });
    return result.ok ? { ok: true as const, ...result.value } : { ok: false as const, message: result.error.message };
  }, [draft, opened]);

  const inspect = useCallback(async () => {
    const credentials = typedCredentials(draft);
    const result = await invoke('request:inspect-draft', {
      request: savedFromEditor(draft, opened, 'send'),
      ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
      ...(credentials ? { credentials } : {}),
      options: sendOptionsOf(draft.options),
    });
    return result.ok ? { ok: true as const, ...result.value } : { ok: false as const, message: result.error.message };
  }, [draft, opened]);

  const cancel = useCallback(() => {
    if (sendingId) void invoke('request:cancel', { requestId: sendingId });
  }, [sendingId]);

  const load = useCallback(
    (saved: SavedDraft, savedRequestId?: string, location?: string) => {
      const next = editorFromSaved(saved, savedRequestId, location);
      update({ type: 'replace', draft: next.draft });
      setOpened(next.opened);
      setResponse(undefined);
      setError(undefined);
      setSaveNote(undefined);
    },
    [update],
  );

  const openSaved = useCallback(
    async (id: string) => {
      const result = await invoke('collections:get-request', { id });
      if (!result.ok) return setSaveNote(result.error.message);
      const { kind: _kind, id: savedId, ...saved } = result.value.request;
      load(saved, savedId, result.value.path.join(' / '));
    },
    [load],
  );

  const saveAs = useCallback(
    async (name: string, target: ContainerSummary | undefined) => {
      setDialog(undefined);
      const request = { ...savedFromEditor(draft, opened, 'save'), name };
      const result = await invoke('collections:save-request', {
        request,
        ...(target
          ? {
              placement: {
                collectionId: target.collectionId,
                parentId: target.id === target.collectionId ? null : target.id,
              },
            }
          : {}),
      });
      if (!result.ok) return setSaveNote(result.error.message);
      setOpened({ ...opened, name, savedRequestId: result.value.id, location: target?.path, savedAuth: request.auth });
      setSaveNote(`Saved “${name}”`);
      setReveal(target ? [target.collectionId, target.id] : [result.value.collectionId]);
      setTreeVersion((n) => n + 1);
    },
    [draft, opened],
  );

  const save = useCallback(async () => {
    if (!opened.savedRequestId) return setDialog('save');
    const request = savedFromEditor(draft, opened, 'save');
    const result = await invoke('collections:save-request', { id: opened.savedRequestId, request });
    if (!result.ok) return setSaveNote(result.error.message);
    setOpened({ ...opened, savedAuth: request.auth });
    setSaveNote(`Saved “${opened.name}”`);
    setTreeVersion((n) => n + 1);
  }, [draft, opened]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void send();
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (event.shiftKey) setDialog('save');
        else void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send, save]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Shomei <span lang="ja">署名</span>
        </h1>
        <span className="host-info">
          {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser mode'}` : ''}
        </span>
        <span className="header-spacer" />
        <EnvironmentBar />
        <button type="button" onClick={() => setDialog('credentials')}>
          Credentials
        </button>
        <button type="button" onClick={() => setDialog('import')}>
          Import
        </button>
      </header>
      <StoreNotices />
      <div className="app-body">
        <aside className="sidebar" aria-label="Sidebar">
          <Tabs<SidebarTab>
            label="Sidebar"
            selected={sidebarTab}
            onSelect={setSidebarTab}
            tabs={[
              {
                id: 'collections',
                label: 'Collections',
                panel: (
                  <CollectionsSidebar
                    version={treeVersion}
                    reveal={reveal}
                    onOpenRequest={(id) => void openSaved(id)}
                    onChanged={() => setTreeVersion((n) => n + 1)}
                  />
                ),
              },
              {
                id: 'history',
                label: 'History',
                panel: <HistoryList version={historyVersion} onReopen={(saved) => load(saved)} />,
              },
            ]}
          />
        </aside>
        <main className="workspace">
          <div className="request-title">
            <span className="request-location">{opened.location ? `${opened.location} › ` : ''}</span>
            <strong data-testid="request-name">{opened.name}</strong>
            <span className="header-spacer" />
            {saveNote && <span role="status">{saveNote}</span>}
            <button type="button" onClick={() => void save()} title="Save (Ctrl/Cmd+S)">
              Save
            </button>
            <button type="button" onClick={() => setDialog('code')} title="Code that signs when it runs">
              Code
            </button>
            <button type="button" onClick={() => setDialog('save')} title="Save as (Ctrl/Cmd+Shift+S)">
              Save as
            </button>
            <button
              type="button"
              onClick={() => {
                update({ type: 'replace', draft: EMPTY_DRAFT });
                setOpened(NEW_REQUEST);
                setSaveNote(undefined);
              }}
            >
              New request
            </button>
          </div>
          <RequestEditor
            draft={draft}
            update={update}
            isSending={sendingId !== undefined}
            onSend={() => void send()}
            onCancel={cancel}
            onManageCredentials={() => setDialog('credentials')}
            onPresign={presign}
            onInspect={inspect}
          />
          <SendProblems error={error} />
          <ResponseView response={response} error={error} isSending={sendingId !== undefined} />
        </main>
      </div>
      {dialog === 'save' && (
        <SaveDialog
          initialName={opened.savedRequestId ? `${opened.name} copy` : opened.name}
          onClose={() => setDialog(undefined)}
          onSave={(name, target) => void saveAs(name, target)}
        />
      )}
      {dialog === 'credentials' && <CredentialsManager onClose={() => setDialog(undefined)} />}
      {dialog === 'code' && <CodeDialog draft={draft} onClose={() => setDialog(undefined)} />}
      {mfaProfileId && (
        <PromptDialog
          title="MFA code needed"
          label="MFA code"
          confirm="Assume role and send"
          onClose={() => setMfaProfileId(undefined)}
          onSubmit={(code) => void assumeWithMfa(mfaProfileId, code)}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(undefined)}
          onImported={(result) => {
            if (result.collectionId) setReveal([result.collectionId]);
            setTreeVersion((n) => n + 1);
            setSidebarTab('collections');
          }}
        />
      )}
    </div>
  );
}
