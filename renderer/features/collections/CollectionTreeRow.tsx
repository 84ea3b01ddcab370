import type { Dispatch, SetStateAction } from 'react';
import type { TreeRow } from '../../../shared/contract/collections';

/** The drag's data type: a dragged row carries its id under it, and only rows accept it. */
export const DRAG_TYPE = 'application/x-shomei-item';

/**
 * One row of the collections tree, placed at `top` in the virtual list: a collection or folder
 * (opens and closes, accepts a dragged row) or a request (opens, can be dragged), with its menu
 * of actions.
 */
export function CollectionTreeRow({
  row,
  top,
  height,
  dropTarget,
  onDropTargetChange,
  isMenuOpen,
  onMenuChange,
  menuItems,
  onActivate,
  onDropItem,
}: {
  row: TreeRow;
  top: number;
  height: number;
  /** The row a drag is over, shown as the drop target. */
  dropTarget: string | undefined;
  onDropTargetChange: Dispatch<SetStateAction<string | undefined>>;
  isMenuOpen: boolean;
  onMenuChange(isOpen: boolean): void;
  /** The row's actions, each a label and what it does. */
  menuItems(): Array<[string, () => void]>;
  /** The label clicked: open the request, or open or close the folder. */
  onActivate(): void;
  /** Another row (its id) was dropped onto this collection or folder. */
  onDropItem(draggedId: string): void;
}) {
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.kind === 'request' ? undefined : row.isExpanded}
      aria-selected={false}
      className={`tree-row tree-${row.kind}${row.isMatch ? ' is-match' : ''}${dropTarget === row.id ? ' is-drop-target' : ''}`}
      style={{ top, height, paddingLeft: 6 + row.depth * 14 }}
      draggable={row.kind !== 'collection'}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, row.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (row.kind === 'request' || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        onDropTargetChange(row.id);
      }}
      onDragLeave={() => onDropTargetChange((current) => (current === row.id ? undefined : current))}
      onDrop={(event) => {
        onDropTargetChange(undefined);
        const dragged = event.dataTransfer.getData(DRAG_TYPE);
        if (row.kind === 'request' || dragged === '' || dragged === row.id) return;
        event.preventDefault();
        onDropItem(dragged);
      }}
    >
      <button type="button" className="tree-label" title={row.url ?? row.name} onClick={onActivate}>
        {row.kind === 'request' ? (
          <span className={`method-tag method-${(row.method ?? '').toLowerCase()}`}>{row.method}</span>
        ) : (
          <span aria-hidden="true">{row.isExpanded ? '▾' : '▸'}</span>
        )}
        <span className="tree-name">{row.name}</span>
      </button>
      <button
        type="button"
        className="icon-button tree-actions"
        aria-label={`Actions for ${row.name}`}
        aria-haspopup="menu"
        onClick={() => onMenuChange(!isMenuOpen)}
      >
        ⋯
      </button>
      {isMenuOpen && (
        <div role="menu" className="tree-menu" onMouseLeave={() => onMenuChange(false)}>
          {menuItems().map(([label, action]) => (
            <button
              key={label}
              type="button"
              role="menuitem"
              onClick={() => {
                onMenuChange(false);
                action();
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
