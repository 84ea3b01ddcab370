import { useId, type ReactNode } from 'react';
import { tabKeyTarget } from './tab-keys';

/** One tab: its label and its panel. */
export interface TabItem<Id extends string> {
  id: Id;
  label: string;
  /** Small text after the label, e.g. a count. */
  badge?: string | undefined;
  panel: ReactNode;
}

interface TabsProps<Id extends string> {
  label: string;
  tabs: ReadonlyArray<TabItem<Id>>;
  selected: Id;
  onSelect(id: Id): void;
}

/** Accessible tabs (WAI-ARIA tabs pattern): ←/→, Home and End move focus and selection together. */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect }: TabsProps<Id>) {
  const baseId = useId();
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${baseId}-${tab.id}-tab`}
            aria-selected={tab.id === current?.id}
            aria-controls={`${baseId}-${tab.id}-panel`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => {
              const next = tabs[tabKeyTarget(event, index, tabs.length) ?? -1];
              if (next) onSelect(next.id);
            }}
          >
            {tab.label}
            {tab.badge ? <span className="tab-badge"> {tab.badge}</span> : null}
          </button>
        ))}
      </div>
      {current ? (
        <div
          role="tabpanel"
          id={`${baseId}-${current.id}-panel`}
          aria-labelledby={`${baseId}-${current.id}-tab`}
          className="tab-panel"
        >
          {current.panel}
        </div>
      ) : null}
    </div>
  );
}
