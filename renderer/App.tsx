import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../shared/contract/app';
import type { ChannelInput } from '../shared/contract/channels';
import type { Result } from '../shared/result';
import type { RequestDraft } from '../shared/contract/collections';
import type { ContainerSummary } from '../shared/contract/collections-channels';
import { invoke, on } from './api/client';
import type { EventPayload } from '../shared/contract/channels';
import { Tabs } from './components/Tabs';
import { CodeDialog } from './features/codegen/CodeDialog';
import { CollectionsSidebar } from './features/collections/CollectionsSidebar';
import { PromptDialog } from './features/collections/PromptDialog';
import { CredentialsManager } from './features/credentials/CredentialsManager';
import { KeepKeysDialog } from './features/collections/KeepKeysDialog';
import { SaveDialog } from './features/collections/SaveDialog';
import { SendProblems } from './features/collections/SendProblems';
import { StoreNotices } from './features/collections/StoreNotices';
import { storePendingSecrets } from './features/auth/pending-secrets';
import { editorFromSaved, savedFromEditor, typedCredentials, usesTypedKeys } from './features/collections/saved-draft';
import { EnvironmentBar } from './features/environments/EnvironmentBar';
import { HistoryList } from './features/history/HistoryList';
import { ImportDialog } from './features/import/ImportDialog';
import { RunnerDialog, type RunTarget } from './features/runner/RunnerDialog';
import { RequestEditor } from './features/request/RequestEditor';
import { sendOptionsOf } from './features/request/request-draft';
import { SendProgress } from './features/request/SendProgress';
import type { RestoredTabs } from './features/tabs/RestoreSession';
import { EDITOR_PANEL_ID, editorTabDomId, TabBar } from './features/tabs/TabBar';
import { CloseTabDialog } from './features/tabs/CloseTabDialog';
import { KeepStatus } from './features/tabs/KeepStatus';
import { useHotExit } from './features/tabs/use-hot-exit';
import { ThemeSwitch } from './features/theme/ThemeSwitch';
import { SendIdentityLine } from './features/trust/SendIdentityLine';
import { FileAllowPrompt } from './features/trust/FileAllowPrompt';
import { TrustBanner } from './features/trust/TrustBanner';
import { isDirty, useEditorTabs } from './features/tabs/use-editor-tabs';
import { ResponseView } from './features/response/ResponseView';
import { introspectSchema } from './features/graphql/introspect';

/** A channel answer as the Auth tab takes it: the value, or the message to show. */
function asOutcome<T extends object>(result: Result<T>): ({ ok: true } & T) | { ok: false; message: string } {
  return result.ok ? { ok: true, ...result.value } : { ok: false, message: result.error.message };
}

function newRequestId(): string {
  return crypto.randomUUID();
}

type SidebarTab = 'collections' | 'history';

/** The Shomei window: header, sidebar (collections, history), request editor, response. */
export function App({ restored }: { restored?: RestoredTabs }) {
  const editorTabs = useEditorTabs(restored);
  const { active, update, setOpened, setResponse, setError, markClean } = editorTabs;
  const { draft, opened, response, error } = active;
  /** The send in flight, and the tab it belongs to. */
  const [sending, setSending] = useState<{ requestId: string; tabId: string } | undefined>();
  const sendingId = sending?.tabId === active.id ? sending.requestId : undefined;
  /** How far the send in flight has got (phase and bytes received), from main's progress events. */
  const [progress, setProgress] = useState<EventPayload<'request:progress'> | undefined>();
  useEffect(() => on('request:progress', setProgress), []);
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [sidebarTab, setSidebarTab] = useState<SidebarTab>('collections');
  const [reveal, setReveal] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'save' | 'import' | 'credentials' | 'code' | undefined>();
  const [runTarget, setRunTarget] = useState<RunTarget | undefined>();
  /** An AssumeRole profile that needs an MFA code before the send can go. */
  const [mfaProfileId, setMfaProfileId] = useState<string | undefined>();
  const [saveNote, setSaveNote] = useState<string | undefined>();
  /** A tab with unsaved changes the user asked to close: confirm first. */
  const [closingTabId, setClosingTabId] = useState<string | undefined>();
  const closingTab = editorTabs.tabs.find((tab) => tab.id === closingTabId);

  useEffect(() => {
    void invoke('app:info', {}).then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, []);
  const keepState = useHotExit(editorTabs.tabs, editorTabs.activeId, info?.host);

  const send = useCallback(async () => {
    if (sending) return;
    const requestId = newRequestId();
    setSending({ requestId, tabId: active.id });
    setError(undefined);
    const stored = await storePendingSecrets(draft, update);
    if (!stored.ok) {
      setSending(undefined);
      return setError(stored.error);
    }
    const credentials = typedCredentials(draft);
    const result = await invoke('request:send-draft', {
      requestId,
      request: savedFromEditor(draft, opened, 'send'),
      ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
      ...(credentials ? { credentials } : {}),
      usesTypedKeys: usesTypedKeys(draft),
      options: sendOptionsOf(draft.options),
    });
    setSending(undefined);
    if (result.ok) {
      setResponse(result.value);
    } else {
      setResponse(undefined);
      setError(result.error);
      const details = result.error.details as { profileId?: unknown } | undefined;
      if (result.error.code === 'MFA_REQUIRED' && typeof details?.profileId === 'string')
        setMfaProfileId(details.profileId);
    }
  }, [sending, active.id, draft, opened, setError, setResponse, update]);

  const assumeWithMfa = useCallback(
    async (profileId: string, mfaCode: string) => {
      setMfaProfileId(undefined);
      const result = await invoke('credentials:assume', { id: profileId, mfaCode });
      if (!result.ok) return setError(result.error);
      await send();
    },
    [send, setError],
  );

  /** The editor's request as the sign-without-sending channels take it (a presigned URL, the preview). */
  const signOnlyInput = useCallback((): ChannelInput<'request:presign-draft'> => {
    const credentials = typedCredentials(draft);
    return {
      request: savedFromEditor(draft, opened, 'send'),
      ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
      ...(credentials ? { credentials } : {}),
      usesTypedKeys: usesTypedKeys(draft),
      options: sendOptionsOf(draft.options),
    };
  }, [draft, opened]);
  // An API key typed beside the signer goes to the vault first, as for a send.
  const presign = useCallback(async () => {
    await storePendingSecrets(draft, update);
    return asOutcome(await invoke('request:presign-draft', signOnlyInput()));
  }, [signOnlyInput, draft, update]);
  const inspect = useCallback(async () => {
    await storePendingSecrets(draft, update);
    return asOutcome(await invoke('request:inspect-draft', signOnlyInput()));
  }, [signOnlyInput, draft, update]);

  const cancel = useCallback(() => {
    if (sendingId) void invoke('request:cancel', { requestId: sendingId });
  }, [sendingId]);

  const load = useCallback(
    (saved: RequestDraft, savedRequestId?: string, location?: string, typedKeyIdMasked?: string) => {
      const next = editorFromSaved(saved, savedRequestId, location);
      setSaveNote(undefined);
      if (typedKeyIdMasked !== undefined) {
        // A send from history signed with typed keys, which are kept nowhere: ask for them again.
        next.draft.aws = { ...next.draft.aws, credentialChoice: 'typed' };
        setSaveNote(`Sent with typed keys ${typedKeyIdMasked}: type or paste them again to re-send`);
      }
      // A request already open is brought forward; a fresh untouched tab is reused; else a new tab.
      const openAlready =
        savedRequestId === undefined
          ? undefined
          : editorTabs.tabs.find((tab) => tab.opened.savedRequestId === savedRequestId);
      if (openAlready) {
        editorTabs.relocate(openAlready.id, { name: next.opened.name, location: next.opened.location });
        return editorTabs.activate(openAlready.id);
      }
      const isFresh =
        !isDirty(active) &&
        active.opened.savedRequestId === undefined &&
        active.response === undefined &&
        active.draft.url === '';
      if (isFresh) editorTabs.load(next.draft, next.opened);
      else editorTabs.open(next.draft, next.opened);
    },
    [editorTabs, active],
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

  /** A save waiting for the answer to "keep the typed keys?". */
  const [keepingKeys, setKeepingKeys] = useState<{
    request: RequestDraft;
    write: (request: RequestDraft) => Promise<void>;
  }>();
  /**
   * Saves `request` with `write`, first offering to keep typed keys as an encrypted profile that
   * the saved request references (a saved request never holds keys).
   */
  const persist = useCallback(
    async (request: RequestDraft, write: (request: RequestDraft) => Promise<void>) => {
      if (request.auth.type === 'aws-sigv4' && typedCredentials(draft)) setKeepingKeys({ request, write });
      else await write(request);
    },
    [draft],
  );
  const keptKeys = useCallback(
    async (profileId: string, profileName: string) => {
      if (!keepingKeys || keepingKeys.request.auth.type !== 'aws-sigv4') return;
      setKeepingKeys(undefined);
      // From now on the editor holds only the profile's id: the typed secrets are dropped.
      update({
        type: 'aws',
        patch: {
          credentialChoice: 'profile',
          profileId,
          accessKeyId: '',
          secretAccessKey: '',
          sessionToken: '',
          expiration: '',
        },
      });
      await keepingKeys.write({
        ...keepingKeys.request,
        auth: { ...keepingKeys.request.auth, credentialSource: { source: 'profile', profileId } },
      });
      setSaveNote((note) => `${note ?? 'Saved'}; it signs with the profile “${profileName}” (kept encrypted)`);
    },
    [keepingKeys, update],
  );

  const saveAs = useCallback(
    async (name: string, target: ContainerSummary | undefined) => {
      setDialog(undefined);
      const stored = await storePendingSecrets(draft, update);
      if (!stored.ok) return setSaveNote(stored.error.message);
      await persist({ ...savedFromEditor(draft, opened, 'save'), name }, async (request) => {
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
        setOpened({
          ...opened,
          name,
          savedRequestId: result.value.id,
          location: target?.path,
          savedAuth: request.auth,
        });
        markClean();
        setSaveNote(`Saved “${name}”`);
        setReveal(target ? [target.collectionId, target.id] : [result.value.collectionId]);
      });
    },
    [draft, opened, setOpened, markClean, persist, update],
  );

  const save = useCallback(async () => {
    const savedRequestId = opened.savedRequestId;
    if (!savedRequestId) return setDialog('save');
    const stored = await storePendingSecrets(draft, update);
    if (!stored.ok) return setSaveNote(stored.error.message);
    await persist(savedFromEditor(draft, opened, 'save'), async (request) => {
      const result = await invoke('collections:save-request', { id: savedRequestId, request });
      if (!result.ok) return setSaveNote(result.error.message);
      setOpened({ ...opened, savedAuth: request.auth });
      markClean();
      setSaveNote(`Saved “${opened.name}”`);
    });
  }, [draft, opened, setOpened, markClean, persist, update]);

  const { tabs: openTabs, close: closeTab } = editorTabs;
  /** Closes a tab, asking first when it has unsaved changes. */
  const requestClose = useCallback(
    (tabId: string) => {
      const tab = openTabs.find((t) => t.id === tabId);
      if (tab && isDirty(tab)) setClosingTabId(tabId);
      else closeTab(tabId);
    },
    [openTabs, closeTab],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void send();
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (event.shiftKey) setDialog('save');
        else void save();
      } else if (
        ((event.ctrlKey || event.metaKey) && !event.altKey) ||
        (event.altKey && !event.ctrlKey && !event.metaKey)
      ) {
        // Ctrl/Cmd+T/W/L in the desktop app; a browser keeps Ctrl+T and Ctrl+W for itself, so Alt+T/W/L too.
        const key = event.key.toLowerCase();
        if (key === 't') {
          event.preventDefault();
          editorTabs.open();
        } else if (key === 'w') {
          event.preventDefault();
          requestClose(active.id);
        } else if (key === 'l') {
          event.preventDefault();
          document.querySelector<HTMLInputElement>('input[aria-label="URL"]')?.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send, save, editorTabs, active.id, requestClose]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href={`#${EDITOR_PANEL_ID}`}
        onClick={(event) => {
          event.preventDefault();
          document.querySelector<HTMLInputElement>('input[aria-label="URL"]')?.focus();
        }}
      >
        Skip to the request editor
      </a>
      <header className="app-header">
        <h1>
          Shomei <span lang="ja">署名</span>
        </h1>
        <span className="host-info">
          {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser mode'}` : ''}
        </span>
        <KeepStatus state={keepState} />
        <span className="header-spacer" />
        <ThemeSwitch />
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
                    reveal={reveal}
                    onOpenRequest={(id) => void openSaved(id)}
                    onRun={setRunTarget}
                  />
                ),
              },
              {
                id: 'history',
                label: 'History',
                panel: (
                  <HistoryList
                    onReopen={(saved, typedKeyIdMasked) => load(saved, undefined, undefined, typedKeyIdMasked)}
                  />
                ),
              },
            ]}
          />
        </aside>
        <main className="workspace">
          <TabBar
            tabs={editorTabs.tabs}
            activeId={active.id}
            onActivate={editorTabs.activate}
            onClose={requestClose}
            onNew={() => editorTabs.open()}
            onMove={editorTabs.move}
          />
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
                editorTabs.open();
                setSaveNote(undefined);
              }}
            >
              New request
            </button>
          </div>
          <TrustBanner savedRequestId={opened.savedRequestId} />
          <RequestEditor
            panelOf={editorTabDomId(active.id)}
            draft={draft}
            savedRequestId={opened.savedRequestId}
            update={update}
            isSending={sendingId !== undefined}
            onSend={() => void send()}
            onCancel={cancel}
            onManageCredentials={() => setDialog('credentials')}
            onPresign={presign}
            onInspect={inspect}
            onIntrospect={() => introspectSchema(signOnlyInput())}
            identity={<SendIdentityLine input={signOnlyInput()} />}
          />
          {sendingId && progress?.requestId === sendingId && <SendProgress progress={progress} />}
          <SendProblems error={error} />
          <FileAllowPrompt error={error} />
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
      {keepingKeys && typedCredentials(draft) && (
        <KeepKeysDialog
          keys={typedCredentials(draft)!}
          requestName={keepingKeys.request.name}
          onClose={() => setKeepingKeys(undefined)}
          onWithout={() => {
            const { write, request } = keepingKeys;
            setKeepingKeys(undefined);
            void write(request);
          }}
          onKept={(profileId, profileName) => void keptKeys(profileId, profileName)}
        />
      )}
      {closingTab && (
        <CloseTabDialog
          name={closingTab.opened.name}
          onClose={() => setClosingTabId(undefined)}
          onDiscard={() => {
            setClosingTabId(undefined);
            closeTab(closingTab.id);
          }}
        />
      )}
      {dialog === 'credentials' && <CredentialsManager onClose={() => setDialog(undefined)} />}
      {runTarget && <RunnerDialog target={runTarget} onClose={() => setRunTarget(undefined)} />}
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
            setSidebarTab('collections');
          }}
        />
      )}
    </div>
  );
}
