import type { RequestDraft } from '../shared/contract/collections';
import { Tabs } from './components/Tabs';
import { CollectionsSidebar } from './features/collections/CollectionsSidebar';
import { HistoryList } from './features/history/HistoryList';
import type { RunTarget } from './features/runner/RunnerDialog';

/** The sidebar's two tabs. */
export type SidebarTab = 'collections' | 'history';

/** The window's sidebar: the collections tree and the history, one tab each. */
export function AppSidebar({
  selected,
  onSelect,
  reveal,
  onOpenSaved,
  onReopen,
  onRun,
}: {
  selected: SidebarTab;
  onSelect(tab: SidebarTab): void;
  /** Folders and collections to show open (where a request was just saved or imported). */
  reveal: string[];
  onOpenSaved(id: string): void;
  /** A history entry to open again, with the masked key id when it was sent with typed keys. */
  onReopen(saved: RequestDraft, typedKeyIdMasked: string | undefined): void;
  onRun(target: RunTarget): void;
}) {
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <Tabs<SidebarTab>
        label="Sidebar"
        selected={selected}
        onSelect={onSelect}
        tabs={[
          {
            id: 'collections',
            label: 'Collections',
            panel: <CollectionsSidebar reveal={reveal} onOpenRequest={onOpenSaved} onRun={onRun} />,
          },
          { id: 'history', label: 'History', panel: <HistoryList onReopen={onReopen} /> },
        ]}
      />
    </aside>
  );
}
