import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../shared/contract/app';
import type { AppError } from '../shared/errors';
import type { Result } from '../shared/result';
import { invoke, on } from './api/client';
import { AppHeader } from './AppHeader';
import { AppSidebar, type SidebarTab } from './AppSidebar';
import type { EventPayload } from '../shared/contract/channels';
import { CodeDialog } from './features/codegen/CodeDialog';
import { PromptDialog } from './features/collections/PromptDialog';
import { CredentialsManager } from './features/credentials/CredentialsManager';
import { KeepKeysDialog } from './features/collections/KeepKeysDialog';
import { useSaveRequest } from './features/collections/use-save-request';
import { SaveDialog } from './features/collections/SaveDialog';
import { SendProblems } from './features/collections/SendProblems';
import { StoreNotices } from './features/collections/StoreNotices';
import { storePendingSecrets } from './features/auth/pending-secrets';
import { draftSendInput, NEW_REQUEST, savedFromEditor, typedCredentials } from './features/collections/saved-draft';
import { ImportDialog } from './features/import/ImportDialog';
import { RunnerDialog, type RunTarget } from './features/runner/RunnerDialog';
import { RequestEditor } from './features/request/RequestEditor';
import { emptyWebSocketDraft, windowSendOptions } from './features/request/request-draft';
import { useWebSocketConnections } from './features/websocket/use-websocket-connections';
import { WebSocketPanel } from './features/websocket/WebSocketPanel';
import { SendProgress } from './features/request/SendProgress';
import type { RestoredTabs } from './features/tabs/RestoreSession';
import { EDITOR_PANEL_ID, editorTabDomId, TabBar } from './features/tabs/TabBar';
import { CloseTabDialog } from './features/tabs/CloseTabDialog';
import { RequestTitleBar } from './features/tabs/RequestTitleBar';
import { useHotExit } from './features/tabs/use-hot-exit';
import { useOpenRequest } from './features/tabs/use-open-request';
import { useWindowShortcuts } from './features/tabs/use-window-shortcuts';
import { SendIdentityLine } from './features/trust/SendIdentityLine';
import { FileAllowPrompt } from './features/trust/FileAllowPrompt';
import { TrustBanner } from './features/trust/TrustBanner';
import { EnvironmentTrustBanner } from './features/trust/EnvironmentTrustBanner';
import { DestinationPrompt } from './features/trust/DestinationPrompt';
import { DestinationAskSchema, type DestinationAsk } from '../shared/contract/trust';
import { isDirty, useEditorTabs } from './features/tabs/use-editor-tabs';
import { ResponseView } from './features/response/ResponseView';
import { introspectSchema } from './features/graphql/introspect';
import { isAppSyncSubscription } from './features/graphql/appsync-subscription';
import { SubscriptionPanel } from './features/graphql/SubscriptionPanel';

/** A channel answer as the Auth tab takes it: the value, or the message to show. */
function asOutcome<T extends object>(result: Result<T>): ({ ok: true } & T) | { ok: false; message: string } {
  return result.ok ? { ok: true, ...result.value } : { ok: false, message: result.error.message };
}

function newRequestId(): string {
  return crypto.randomUUID();
}

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
  /**
   * Main asked whether this tab's signature may go to another host than the one it is signed for;
   * `retry` subscribes again (a send or a WebSocket's connect is retried by Send).
   */
  const [destinationAsk, setDestinationAsk] = useState<
    { tabId: string; ask: DestinationAsk; retry?: () => Promise<unknown> } | undefined
  >();
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
  const sockets = useWebSocketConnections(editorTabs.tabs.map((tab) => tab.id));
  const socket = sockets.byTab[active.id];

  /** A refusal that main would take a "send anyway" for: ask the user, and retry on yes (Send unless told). */
  const askDestination = useCallback(
    (error: AppError, retry?: () => Promise<unknown>) => {
      const ask = DestinationAskSchema.safeParse(error.details);
      if (error.code === 'CONFIRMATION_NEEDED' && ask.success && ask.data.canConfirm)
        setDestinationAsk({ tabId: active.id, ask: ask.data, ...(retry ? { retry } : {}) });
    },
    [active.id],
  );

  /** Connects the active WebSocket tab: main resolves, checks trust, signs the handshake and opens the socket. */
  const connect = useCallback(async (): Promise<void> => {
    setError(undefined);
    const stored = await storePendingSecrets(draft, update);
    if (!stored.ok) return setError(stored.error);
    const failed = await sockets.connect(active.id, { tabId: active.id, ...draftSendInput(draft, opened) });
    // A refused handshake is in the Messages log with its status and body; other refusals show as a send's do.
    if (failed && failed.code !== 'HANDSHAKE_REFUSED') setError(failed);
    if (failed) askDestination(failed);
  }, [sockets, active.id, draft, opened, setError, update, askDestination]);

  const send = useCallback(async () => {
    if (draft.websocket) return connect();
    if (sending) return;
    const requestId = newRequestId();
    setSending({ requestId, tabId: active.id });
    setError(undefined);
    const stored = await storePendingSecrets(draft, update);
    if (!stored.ok) {
      setSending(undefined);
      return setError(stored.error);
    }
    const result = await invoke('request:send-draft', {
      requestId,
      tabId: active.id,
      ...draftSendInput(draft, opened),
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
      askDestination(result.error);
    }
  }, [sending, active.id, draft, opened, setError, setResponse, update, connect, askDestination]);

  const assumeWithMfa = useCallback(
    async (profileId: string, mfaCode: string) => {
      setMfaProfileId(undefined);
      const result = await invoke('credentials:assume', { id: profileId, mfaCode });
      if (!result.ok) return setError(result.error);
      await send();
    },
    [send, setError],
  );

  const sendAnyway = useCallback(
    async (ask: DestinationAsk, tabId: string, retry?: () => Promise<unknown>) => {
      setDestinationAsk(undefined);
      const result = await invoke('trust:confirm-destination', {
        ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : { tabId }),
        signedFor: ask.signedFor,
        sentTo: ask.sentTo,
      });
      if (!result.ok) return setError(result.error);
      await (retry ?? send)();
    },
    [opened.savedRequestId, send, setError],
  );

  /** The editor's request as the sign-without-sending channels take it (a presigned URL, the preview). */
  const signOnlyInput = useCallback(() => draftSendInput(draft, opened), [draft, opened]);
  // An API key typed beside the signer goes to the vault first, as for a send.
  const presign = useCallback(async () => {
    await storePendingSecrets(draft, update);
    return asOutcome(await invoke('request:presign-draft', signOnlyInput()));
  }, [signOnlyInput, draft, update]);
  const inspect = useCallback(async () => {
    await storePendingSecrets(draft, update);
    return asOutcome(await invoke('request:inspect-draft', signOnlyInput()));
  }, [signOnlyInput, draft, update]);

  // An API key typed beside the signer goes to the vault first, as for a send.
  const subscriptionInput = useCallback(async () => {
    await storePendingSecrets(draft, update);
    return { ...signOnlyInput(), tabId: active.id };
  }, [signOnlyInput, draft, update, active.id]);

  const cancel = useCallback(() => {
    if (sendingId) void invoke('request:cancel', { requestId: sendingId });
  }, [sendingId]);

  const { load, openSaved } = useOpenRequest(editorTabs, setSaveNote);

  const saving = useSaveRequest({
    draft,
    opened,
    tabId: active.id,
    update,
    setOpened,
    markClean,
    setSaveNote,
    setReveal,
    askForName: () => setDialog('save'),
  });
  const { save } = saving;

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

  useWindowShortcuts({
    send,
    save,
    saveAs: () => setDialog('save'),
    newTab: () => editorTabs.open(),
    closeTab: () => requestClose(active.id),
  });

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
      <AppHeader
        info={info}
        keepState={keepState}
        onCredentials={() => setDialog('credentials')}
        onImport={() => setDialog('import')}
      />
      <StoreNotices />
      <div className="app-body">
        <AppSidebar
          selected={sidebarTab}
          onSelect={setSidebarTab}
          reveal={reveal}
          onOpenSaved={(id) => void openSaved(id)}
          onReopen={(saved, typedKeyIdMasked) => load(saved, undefined, undefined, typedKeyIdMasked)}
          onRun={setRunTarget}
        />
        <main className="workspace">
          <TabBar
            tabs={editorTabs.tabs}
            activeId={active.id}
            onActivate={editorTabs.activate}
            onClose={requestClose}
            onNew={() => editorTabs.open()}
            onMove={editorTabs.move}
          />
          <RequestTitleBar
            opened={opened}
            saveNote={saveNote}
            onSave={() => void save()}
            onCode={() => setDialog('code')}
            onSaveAs={() => setDialog('save')}
            onNewRequest={() => {
              editorTabs.open();
              setSaveNote(undefined);
            }}
            onNewWebSocket={() => {
              editorTabs.open(emptyWebSocketDraft(windowSendOptions()), { ...NEW_REQUEST, name: 'New WebSocket' });
              setSaveNote(undefined);
            }}
          />
          <TrustBanner savedRequestId={opened.savedRequestId} />
          <EnvironmentTrustBanner />
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
            websocket={
              draft.websocket
                ? { status: socket?.status, onDisconnect: () => sockets.disconnect(active.id) }
                : undefined
            }
            sessionInput={() => ({
              request: savedFromEditor(draft, opened, 'send'),
              ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
            })}
          />
          {sendingId && progress?.requestId === sendingId && <SendProgress progress={progress} />}
          <SendProblems error={error} />
          {isAppSyncSubscription(draft) && (
            <SubscriptionPanel key={active.id} input={subscriptionInput} onRefused={askDestination} />
          )}
          <FileAllowPrompt error={error} />
          {draft.websocket ? (
            <WebSocketPanel
              websocket={draft.websocket}
              update={update}
              connection={socket}
              error={error}
              onSend={(message) => sockets.send(active.id, message)}
            />
          ) : (
            <ResponseView response={response} error={error} isSending={sendingId !== undefined} />
          )}
        </main>
      </div>
      {dialog === 'save' && (
        <SaveDialog
          initialName={opened.savedRequestId ? `${opened.name} copy` : opened.name}
          onClose={() => setDialog(undefined)}
          onSave={(name, target) => {
            setDialog(undefined);
            void saving.saveAs(name, target);
          }}
        />
      )}
      {saving.keepingKeys && typedCredentials(draft) && (
        <KeepKeysDialog
          keys={typedCredentials(draft)!}
          requestName={saving.keepingKeys.request.name}
          onClose={saving.cancelKeepingKeys}
          onWithout={() => void saving.saveWithoutKeys()}
          onKept={(profileId, profileName) => void saving.keptKeys(profileId, profileName)}
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
      {dialog === 'code' && <CodeDialog draft={draft} opened={opened} onClose={() => setDialog(undefined)} />}
      {destinationAsk?.tabId === active.id && (
        <DestinationPrompt
          ask={destinationAsk.ask}
          onClose={() => setDestinationAsk(undefined)}
          onSendAnyway={() => void sendAnyway(destinationAsk.ask, destinationAsk.tabId, destinationAsk.retry)}
        />
      )}
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
