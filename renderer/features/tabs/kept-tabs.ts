import type { KeptDraft, KeptTab, Session } from '../../../shared/contract/session';
import type { AwsAuthDraft, EditorDraft } from '../request/request-draft';
import type { EditorTab } from './use-editor-tabs';

/** The Auth tab's typed keys: held in memory only, never kept for hot exit. */
type TypedKeys = 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration';

// Compile-time check that the kept form is the editor's draft minus the typed keys, field for
// field, so the two cannot drift apart (main's schema is strict and would refuse a new field).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const isKeptAwsExact: Same<Omit<AwsAuthDraft, TypedKeys>, KeptDraft['aws']> = true;
const isKeptDraftExact: Same<Omit<EditorDraft, 'aws' | 'pendingSecrets'>, Omit<KeptDraft, 'aws'>> = true;
void [isKeptAwsExact, isKeptDraftExact];

/** The draft as kept: everything typed except the keys and the secrets typed into auth fields. */
export function keptDraftOf(draft: EditorDraft): KeptDraft {
  const { accessKeyId: _id, secretAccessKey: _secret, sessionToken: _token, expiration: _expiry, ...aws } = draft.aws;
  const { pendingSecrets: _pending, ...rest } = draft;
  return { ...rest, aws };
}

function draftOfKept(kept: KeptDraft): EditorDraft {
  return {
    ...kept,
    aws: { ...kept.aws, accessKeyId: '', secretAccessKey: '', sessionToken: '', expiration: '' },
    pendingSecrets: {},
  };
}

/** The open tabs as main keeps them; responses and typed keys stay behind. */
export function sessionOf(tabs: readonly EditorTab[], activeId: string): Session {
  return {
    tabs: tabs.map((tab): KeptTab => ({
      id: tab.id,
      draft: keptDraftOf(tab.draft),
      cleanDraft: keptDraftOf(tab.cleanDraft),
      opened: JSON.parse(JSON.stringify(tab.opened)) as KeptTab['opened'],
    })),
    activeId,
  };
}

/** The tabs to reopen from what main kept; undefined when nothing was kept. */
export function tabsOfSession(session: Session): { tabs: EditorTab[]; activeId: string } | undefined {
  const first = session.tabs[0];
  if (!first) return undefined;
  const tabs = session.tabs.map((kept): EditorTab => {
    const draft = draftOfKept(kept.draft);
    const cleanDraft = draftOfKept(kept.cleanDraft);
    // Unchanged tabs share one object, as a freshly opened tab does.
    return {
      id: kept.id,
      draft,
      cleanDraft: JSON.stringify(kept.draft) === JSON.stringify(kept.cleanDraft) ? draft : cleanDraft,
      opened: kept.opened,
    };
  });
  const activeId = tabs.some((tab) => tab.id === session.activeId) ? (session.activeId as string) : first.id;
  return { tabs, activeId };
}
