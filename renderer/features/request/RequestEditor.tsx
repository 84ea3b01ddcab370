import type { IntrospectionOutcome } from '../graphql/introspect';
import { useMemo, useState, type ReactNode } from 'react';
import { KeyValueTable } from '../../components/KeyValueTable';
import { Tabs, type TabItem } from '../../components/Tabs';
import { VariableInput } from '../../components/VariableInput';
import { AuthPanel, type AuthPanelProps } from '../auth/AuthPanel';
import { AUTH_FORMS } from '../auth/auth-forms';
import { referenceDescriber } from '../variables/describe-reference';
import { draftReferences } from '../variables/draft-references';
import { UnresolvedNote } from '../variables/UnresolvedNote';
import { useVariableScope } from '../variables/use-variable-scope';
import { AddedHeaders } from './AddedHeaders';
import { BodyPanel } from './BodyPanel';
import { OptionsPanel } from './OptionsPanel';
import { TestsPanel } from './TestsPanel';
import type { DraftAction, EditorDraft } from './request-draft';
import { EDITOR_PANEL_ID } from '../tabs/TabBar';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

interface RequestEditorProps {
  /** The DOM id of the open-request tab this editor is the panel of. */
  panelOf: string;
  draft: EditorDraft;
  /** The saved request the tab was opened from: its collection's and folders' variables count too. */
  savedRequestId?: string | undefined;
  update(action: DraftAction): void;
  isSending: boolean;
  onSend(): void;
  onCancel(): void;
  onManageCredentials?(): void;
  onPresign?(): Promise<{ ok: true; url: string; expiresAt: string } | { ok: false; message: string }>;
  onInspect?: AuthPanelProps['onInspect'];
  /** Fetches a GraphQL body's schema through the same send. */
  onIntrospect?: (() => Promise<IntrospectionOutcome>) | undefined;
  /** The identity Send will use, shown right under Send. */
  identity?: ReactNode;
  /** The request as main reads it, for an auth that signs in before sending (Cognito). */
  sessionInput?: AuthPanelProps['sessionInput'];
  /** A WebSocket tab: Send becomes Connect (the form's submit) or Disconnect while connected. */
  websocket?: { status: 'connecting' | 'open' | 'closed' | undefined; onDisconnect(): void } | undefined;
}

type EditorTab = 'params' | 'headers' | 'body' | 'auth' | 'options' | 'tests';

function countEnabled(rows: ReadonlyArray<{ name: string; isEnabled: boolean }>): string | undefined {
  const n = rows.filter((row) => row.isEnabled && row.name !== '').length;
  return n > 0 ? String(n) : undefined;
}

/** Method, URL and Send, above the Params / Headers / Body / Auth tabs; `{{references}}` marked resolved or not. */
export function RequestEditor({
  panelOf,
  draft,
  savedRequestId,
  update,
  isSending,
  onSend,
  onCancel,
  onManageCredentials,
  onPresign,
  onInspect,
  onIntrospect,
  identity,
  sessionInput,
  websocket,
}: RequestEditorProps) {
  const [tab, setTab] = useState<EditorTab>('params');
  const scope = useVariableScope(savedRequestId);
  const describeReference = useMemo(() => (scope ? referenceDescriber(scope) : undefined), [scope]);
  const unresolved = describeReference
    ? draftReferences(draft).filter((name) => !describeReference(name).isResolved)
    : [];
  return (
    <section className="request-editor" role="tabpanel" id={EDITOR_PANEL_ID} aria-labelledby={panelOf}>
      <form
        className="url-bar"
        onSubmit={(event) => {
          event.preventDefault();
          onSend();
        }}
      >
        {websocket ? (
          <span className="method method-ws" title="A WebSocket request: connected, then messages">
            WS
          </span>
        ) : (
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
        )}
        <VariableInput
          aria-label="URL"
          className="url"
          value={draft.url}
          placeholder={
            websocket
              ? 'wss://abc123.execute-api.us-east-1.amazonaws.com/production'
              : 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items'
          }
          spellCheck={false}
          autoComplete="off"
          describeReference={describeReference}
          onChange={(event) => update({ type: 'url', url: event.target.value })}
        />
        {websocket ? (
          websocket.status === 'open' || websocket.status === 'connecting' ? (
            <button type="button" className="danger" onClick={websocket.onDisconnect}>
              Disconnect
            </button>
          ) : (
            <button type="submit" className="primary" title="Connect (Ctrl/Cmd+Enter)">
              Connect
            </button>
          )
        ) : isSending ? (
          <button type="button" className="danger" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary" title="Send (Ctrl/Cmd+Enter)">
            Send
          </button>
        )}
      </form>
      {identity}
      {scope && <UnresolvedNote names={unresolved} scope={scope} />}
      <Tabs<EditorTab>
        label="Request parts"
        selected={tab}
        onSelect={setTab}
        tabs={(
          [
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
                  describeReference={describeReference}
                />
              ),
            },
            {
              id: 'headers',
              label: 'Headers',
              badge: countEnabled(draft.headers),
              panel: (
                <>
                  <KeyValueTable
                    noun="Header"
                    rows={draft.headers}
                    onChange={(headers) => update({ type: 'headers', headers })}
                    makeRow={() => ({ name: '', value: '', isEnabled: true })}
                    describeReference={describeReference}
                  />
                  <AddedHeaders draft={draft} />
                </>
              ),
            },
            {
              id: 'body',
              label: 'Body',
              panel: (
                <BodyPanel
                  draft={draft}
                  update={update}
                  describeReference={describeReference}
                  onIntrospect={onIntrospect}
                />
              ),
            },
            {
              id: 'options',
              label: 'Options',
              badge: draft.options.isTlsVerified ? undefined : 'TLS off',
              panel: <OptionsPanel draft={draft} update={update} />,
            },
            {
              id: 'tests',
              label: 'Tests',
              badge:
                draft.checks.length + draft.captures.length > 0
                  ? String(draft.checks.length + draft.captures.length)
                  : undefined,
              panel: <TestsPanel draft={draft} update={update} />,
            },
            {
              id: 'auth',
              label: 'Auth',
              badge: draft.authType === 'none' ? undefined : AUTH_FORMS[draft.authType].badge,
              panel: (
                <AuthPanel
                  draft={draft}
                  update={update}
                  describeReference={describeReference}
                  {...(onManageCredentials ? { onManageCredentials } : {})}
                  {...(onPresign ? { onPresign } : {})}
                  {...(onInspect ? { onInspect } : {})}
                  sessionInput={sessionInput}
                />
              ),
            },
          ] satisfies Array<TabItem<EditorTab>>
        ).filter((part) => !websocket || (part.id !== 'body' && part.id !== 'tests'))}
      />
    </section>
  );
}
