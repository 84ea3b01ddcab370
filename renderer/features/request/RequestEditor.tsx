import { serviceRules } from '../../../shared/aws/service-rules';
import {
  BINARY_CONTENT_TYPE,
  FORM_CONTENT_TYPE,
  multipartContentType,
  TEXT_CONTENT_TYPES,
} from '../../../shared/encoding/body-encoding';
import type { IntrospectionOutcome } from '../graphql/introspect';
import { useMemo, useState, type ReactNode } from 'react';
import { KeyValueTable } from '../../components/KeyValueTable';
import { Tabs } from '../../components/Tabs';
import { VariableInput } from '../../components/VariableInput';
import { AuthPanel, type AuthPanelProps } from '../auth/AuthPanel';
import { AUTH_FORMS } from '../auth/auth-forms';
import { referenceDescriber } from '../variables/describe-reference';
import { draftReferences } from '../variables/draft-references';
import { UnresolvedNote } from '../variables/UnresolvedNote';
import { useVariableScope } from '../variables/use-variable-scope';
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
}

type EditorTab = 'params' | 'headers' | 'body' | 'auth' | 'options' | 'tests';

function countEnabled(rows: ReadonlyArray<{ name: string; isEnabled: boolean }>): string | undefined {
  const n = rows.filter((row) => row.isEnabled && row.name !== '').length;
  return n > 0 ? String(n) : undefined;
}

const BODY_TYPES: Partial<Record<EditorDraft['bodyKind'], string>> = {
  json: TEXT_CONTENT_TYPES.json,
  graphql: TEXT_CONTENT_TYPES.graphql,
  text: TEXT_CONTENT_TYPES.raw,
  xml: TEXT_CONTENT_TYPES.xml,
  form: FORM_CONTENT_TYPE,
  multipart: multipartContentType('… (fixed per send)'),
};

/** The headers Shomei adds itself, read-only, so nothing on the wire is a surprise. */
function AddedHeaders({ draft }: { draft: EditorDraft }) {
  const has = (name: string) => draft.headers.some((h) => h.isEnabled && h.name.trim().toLowerCase() === name);
  let host = '';
  try {
    host = new URL(draft.url.trim()).host;
  } catch {
    host = '(from the URL)';
  }
  const isContentSha256Sent = serviceRules(draft.aws.service).isContentSha256Sent;
  const contentType =
    draft.bodyKind === 'binary' ? draft.binaryContentType || BINARY_CONTENT_TYPE : BODY_TYPES[draft.bodyKind];
  const rows: Array<[string, string]> = [['Host', host]];
  if (contentType && !has('content-type')) rows.push(['Content-Type', contentType]);
  if (draft.bodyKind !== 'none') rows.push(['Content-Length', '(the exact byte count)']);
  if (draft.authType === 'aws-sigv4' && !draft.aws.isQuerySigned) {
    rows.push(['X-Amz-Date', '(the signing time)']);
    if (isContentSha256Sent) rows.push(['X-Amz-Content-SHA256', '(the SHA-256 of the body, or UNSIGNED-PAYLOAD)']);
    rows.push(
      ['X-Amz-Security-Token', '(when the credentials have a session token)'],
      ['Authorization', 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'],
    );
  }
  return (
    <table className="header-list added-headers" aria-label="Headers Shomei adds">
      <caption className="hint">Added by Shomei when it sends</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="hint">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
        <VariableInput
          aria-label="URL"
          className="url"
          value={draft.url}
          placeholder="https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
          spellCheck={false}
          autoComplete="off"
          describeReference={describeReference}
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
      {identity}
      {scope && <UnresolvedNote names={unresolved} scope={scope} />}
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
              <BodyPanel draft={draft} update={update} describeReference={describeReference} onIntrospect={onIntrospect} />
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
              />
            ),
          },
        ]}
      />
    </section>
  );
}
