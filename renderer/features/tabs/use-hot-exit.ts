import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/contract/app';
import type { Session } from '../../../shared/contract/session';
import { invoke } from '../../api/client';
import { sessionOf } from './kept-tabs';
import type { EditorTab } from './use-editor-tabs';

/** Quiet time after the last edit before the tabs are sent to main. */
const SAVE_DELAY_MS = 400;
/** After a failed save, the next try (sooner if the user edits again). */
const RETRY_DELAY_MS = 5000;

/** Whether everything typed is on disk: `kept`, `pending` (a save is due or in flight), or `failed`. */
export type KeepState = { kind: 'kept' } | { kind: 'pending' } | { kind: 'failed'; message: string };

/**
 * Hot exit: keeps the open tabs and their unsaved drafts in main (debounced, one save in flight at
 * a time so an older save never lands after a newer one), saves at once when the page is hidden
 * or closed, and — in browser mode only, where a tab can be closed by accident — asks before
 * unloading while something is not yet on disk. (In Electron a `beforeunload` answer would
 * silently keep the window open, and the tabs come back at the next start anyway.)
 */
export function useHotExit(tabs: readonly EditorTab[], activeId: string, host: AppInfo['host'] | undefined): KeepState {
  const [state, setState] = useState<KeepState>({ kind: 'kept' });
  const latest = useRef({ tabs, activeId });
  const isPending = useRef(false);
  const isFirst = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  // One stable function for the whole life of the window; it only reads refs when it runs.
  const [saveNow] = useState(() => {
    const run = (): void => {
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
      if (!isPending.current) return;
      if (inFlight.current) return; // The save in flight starts another when it ends.
      isPending.current = false;
      const session: Session = sessionOf(latest.current.tabs, latest.current.activeId);
      inFlight.current = invoke('session:save', session).then((result) => {
        inFlight.current = undefined;
        if (!result.ok) {
          isPending.current = true;
          setState({ kind: 'failed', message: result.error.message });
          timer.current = setTimeout(run, RETRY_DELAY_MS);
        } else if (isPending.current) {
          run();
        } else {
          setState({ kind: 'kept' });
        }
      });
    };
    return run;
  });

  useEffect(() => {
    latest.current = { tabs, activeId };
    // What was just restored (or the first empty tab) is already what main holds.
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    isPending.current = true;
    setState((s) => (s.kind === 'failed' ? s : { kind: 'pending' }));
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(saveNow, SAVE_DELAY_MS);
  }, [tabs, activeId, saveNow]);

  useEffect(() => {
    const flush = saveNow;
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      flush();
      if (host === 'browser' && (isPending.current || inFlight.current)) {
        event.preventDefault();
        // Chromium still asks only when returnValue is set.
        event.returnValue = '';
      }
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [host, saveNow]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return state;
}
