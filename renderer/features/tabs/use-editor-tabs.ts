import { useCallback, useMemo, useState } from 'react';
import type { ResponseSummary } from '../../../shared/contract/http';
import type { AppError } from '../../../shared/errors';
import { NEW_REQUEST, type OpenedRequest } from '../collections/saved-draft';
import {
  draftReducer,
  EMPTY_DRAFT,
  windowSendOptions,
  type DraftAction,
  type EditorDraft,
} from '../request/request-draft';

/** One open request: what the editor holds, where it came from, and its last answer. */
export interface EditorTab {
  id: string;
  draft: EditorDraft;
  opened: OpenedRequest;
  response?: ResponseSummary | undefined;
  error?: AppError | undefined;
  /** The draft as last opened or saved, to show the unsaved-change dot. */
  cleanDraft: EditorDraft;
}

function makeTab(given?: EditorDraft, opened: OpenedRequest = NEW_REQUEST): EditorTab {
  // A new request starts from the window's default options; a saved one brings its own.
  const draft = given ?? { ...EMPTY_DRAFT, options: windowSendOptions() };
  return { id: crypto.randomUUID(), draft, opened, cleanDraft: draft };
}

/** True when the tab's draft differs from what was opened or last saved. */
export function isDirty(tab: EditorTab): boolean {
  return tab.draft !== tab.cleanDraft && JSON.stringify(tab.draft) !== JSON.stringify(tab.cleanDraft);
}

/**
 * Several open requests, one active. The setters it returns act on the tab that was active when
 * they were made, so a send that finishes after the user switched tabs lands in its own tab.
 * `initial` is what hot exit brought back (see `use-hot-exit.ts`).
 */
export function useEditorTabs(initial?: { tabs: EditorTab[]; activeId: string }) {
  const [state, setState] = useState(() => {
    if (initial && initial.tabs.length > 0) return initial;
    const first = makeTab();
    return { tabs: [first], activeId: first.id };
  });
  const active = state.tabs.find((tab) => tab.id === state.activeId) ?? (state.tabs[0] as EditorTab);
  const id = active.id;

  const patch = useCallback((tabId: string, change: (tab: EditorTab) => Partial<EditorTab>) => {
    setState((s) => ({ ...s, tabs: s.tabs.map((tab) => (tab.id === tabId ? { ...tab, ...change(tab) } : tab)) }));
  }, []);

  const forActive = useMemo(
    () => ({
      update: (action: DraftAction) => patch(id, (tab) => ({ draft: draftReducer(tab.draft, action) })),
      setOpened: (opened: OpenedRequest) => patch(id, () => ({ opened })),
      setResponse: (response: ResponseSummary | undefined) => patch(id, () => ({ response })),
      setError: (error: AppError | undefined) => patch(id, () => ({ error })),
      /** Marks the current draft as saved (no dot). */
      markClean: () => patch(id, (tab) => ({ cleanDraft: tab.draft })),
      /** Loads a request into this tab, as opened (clean). */
      load: (draft: EditorDraft, opened: OpenedRequest) =>
        patch(id, () => ({ draft, opened, cleanDraft: draft, response: undefined, error: undefined })),
    }),
    [id, patch],
  );

  const open = useCallback((draft?: EditorDraft, opened?: OpenedRequest) => {
    const tab = makeTab(draft, opened);
    setState((s) => ({ tabs: [...s.tabs, tab], activeId: tab.id }));
  }, []);

  const close = useCallback((tabId: string) => {
    setState((s) => {
      const index = s.tabs.findIndex((tab) => tab.id === tabId);
      const rest = s.tabs.filter((tab) => tab.id !== tabId);
      if (rest.length === 0) {
        const fresh = makeTab();
        return { tabs: [fresh], activeId: fresh.id };
      }
      const activeId = s.activeId === tabId ? (rest[Math.min(index, rest.length - 1)] as EditorTab).id : s.activeId;
      return { tabs: rest, activeId };
    });
  }, []);

  const activate = useCallback((tabId: string) => setState((s) => ({ ...s, activeId: tabId })), []);

  /** Updates where a tab's saved request lives (after a move or rename), keeping its draft. */
  const relocate = useCallback(
    (tabId: string, where: Pick<OpenedRequest, 'name' | 'location'>) =>
      patch(tabId, (tab) => ({ opened: { ...tab.opened, ...where } })),
    [patch],
  );

  /** Moves a tab to another position (drag and drop, or the keyboard). */
  const move = useCallback((tabId: string, toIndex: number) => {
    setState((s) => {
      const tab = s.tabs.find((t) => t.id === tabId);
      if (!tab) return s;
      const rest = s.tabs.filter((t) => t.id !== tabId);
      rest.splice(Math.max(0, Math.min(toIndex, rest.length)), 0, tab);
      return { ...s, tabs: rest };
    });
  }, []);

  return { tabs: state.tabs, activeId: state.activeId, active, ...forActive, open, close, activate, relocate, move };
}
