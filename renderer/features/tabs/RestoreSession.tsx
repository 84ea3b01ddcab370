import { useEffect, useState, type ReactNode } from 'react';
import { invoke } from '../../api/client';
import { tabsOfSession } from './kept-tabs';
import type { EditorTab } from './use-editor-tabs';

/** The tabs hot exit brought back, or undefined to start with one empty tab. */
export type RestoredTabs = { tabs: EditorTab[]; activeId: string } | undefined;

/** Reads the tabs main kept (hot exit) before the window is drawn, then renders `children` with them. */
export function RestoreSession({ children }: { children(restored: RestoredTabs): ReactNode }) {
  const [restored, setRestored] = useState<{ value: RestoredTabs } | undefined>();
  useEffect(() => {
    void invoke('session:read', {}).then((result) =>
      setRestored({ value: result.ok ? tabsOfSession(result.value) : undefined }),
    );
  }, []);
  if (!restored) return <p className="restoring">Opening your tabs…</p>;
  return children(restored.value);
}
