import { useCallback, useEffect, useRef, useState } from 'react';
import { download } from '../../components/download';
import type { TreeRow } from '../../../shared/contract/collections';
import { invoke } from '../../api/client';
import { useMainChanges } from '../../api/use-main-changes';
import { Dialog } from '../../components/Dialog';
import { CollectionTreeRow } from './CollectionTreeRow';
import { MoveDialog } from './MoveDialog';
import { PromptDialog } from './PromptDialog';
import { SettingsDialog } from './SettingsDialog';

const ROW_HEIGHT = 28;
const PAGE = 300;

interface CollectionsSidebarProps {
  /** Folders and collections to show open (e.g. where a request was just saved). */
  reveal: string[];
  onOpenRequest(id: string): void;
  /** Opens the Runner on a collection or folder. */
  onRun?(target: { collectionId: string; folderId?: string; name: string }): void;
}

type Pending =
  | { kind: 'new-collection' }
  | { kind: 'new-folder'; row: TreeRow }
  | { kind: 'rename'; row: TreeRow }
  | { kind: 'move'; row: TreeRow }
  | { kind: 'settings'; row: TreeRow }
  | { kind: 'notes'; title: string; lines: string[] };

/**
 * The collections tree: filter as you type, open a saved request, drag a request or folder onto
 * a folder or collection to move it, and a menu per row (new folder, settings, rename, duplicate,
 * move, export, copy as curl, delete with undo). Only the rows on screen are
 * rendered; rows are fetched from main a page at a time, so 10,000 requests stay fast.
 */
export function CollectionsSidebar({ reveal, onOpenRequest, onRun }: CollectionsSidebarProps) {
  // Main emits collections:changed after every save, move, rename, delete, import and settings change.
  const version = useMainChanges('collections:changed');
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [page, setPage] = useState<{ total: number; offset: number; rows: TreeRow[] }>({
    total: 0,
    offset: 0,
    rows: [],
  });
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [menuFor, setMenuFor] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const [toast, setToast] = useState<{ message: string; undoToken?: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const listRef = useRef<HTMLDivElement>(null);
  const knownCollections = useRef<Set<string>>(new Set());

  // New collections (created, imported) start open.
  useEffect(() => {
    void invoke('collections:list', {}).then((result) => {
      if (!result.ok) return;
      const fresh = result.value.map((c) => c.id).filter((id) => !knownCollections.current.has(id));
      fresh.forEach((id) => knownCollections.current.add(id));
      if (fresh.length > 0 || reveal.length > 0) setExpanded((old) => new Set([...old, ...fresh, ...reveal]));
    });
  }, [version, reveal]);

  useEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5);
  const wantOffset = Math.max(0, Math.floor(first / 100) * 100 - 100);
  const expandedKey = [...expanded].sort().join(',');
  useEffect(() => {
    let isCurrent = true;
    void invoke('collections:rows', {
      filter,
      expandedIds: expandedKey === '' ? [] : expandedKey.split(','),
      offset: wantOffset,
      limit: PAGE,
    }).then((result) => {
      if (isCurrent && result.ok) setPage({ total: result.value.total, offset: wantOffset, rows: result.value.rows });
    });
    return () => {
      isCurrent = false;
    };
  }, [filter, expandedKey, wantOffset, version]);

  const run = useCallback(
    async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, message?: string) => {
      const result = await action();
      if (!result.ok) setError(result.error?.message ?? 'That did not work');
      else {
        setError(undefined);
        if (message) setToast({ message });
      }
      return result.ok;
    },
    [],
  );

  const toggle = (row: TreeRow) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });

  const remove = async (row: TreeRow) => {
    const result = await invoke('collections:delete', { id: row.id });
    if (!result.ok) return setError(result.error.message);
    setToast({ message: `Deleted “${result.value.name}”`, undoToken: result.value.undoToken });
  };

  const exportCollection = async (row: TreeRow, format: 'shomei' | 'postman') => {
    const result = await invoke('collections:export', { id: row.collectionId, format });
    if (!result.ok) return setError(result.error.message);
    download(result.value.fileName, result.value.text);
    if (result.value.notes.length > 0)
      setPending({
        kind: 'notes',
        title: `Exported ${result.value.fileName}`,
        lines: result.value.notes.map((n) => n.message),
      });
  };

  const copyCurl = async (row: TreeRow) => {
    const result = await invoke('collections:export-curl', { id: row.id });
    if (!result.ok) return setError(result.error.message);
    await navigator.clipboard?.writeText(result.value.text).catch(() => undefined);
    setPending({
      kind: 'notes',
      title: 'Copied as curl',
      lines: [result.value.text, ...result.value.notes.map((n) => n.message)],
    });
  };

  const visibleFrom = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5);
  const visibleTo = Math.min(page.total, visibleFrom + Math.ceil(viewport / ROW_HEIGHT) + 10);
  const visible: TreeRow[] = [];
  for (let index = visibleFrom; index < visibleTo; index += 1) {
    const row = page.rows[index - page.offset];
    if (row) visible.push(row);
  }

  const menuItems = (row: TreeRow): Array<[string, () => void]> => {
    const items: Array<[string, () => void]> = [];
    if (row.kind === 'request') items.push(['Open', () => onOpenRequest(row.id)]);
    if (row.kind !== 'request' && onRun)
      items.push([
        'Run…',
        () =>
          onRun({
            collectionId: row.collectionId,
            ...(row.kind === 'folder' ? { folderId: row.id } : {}),
            name: row.name,
          }),
      ]);
    if (row.kind !== 'request') items.push(['New folder', () => setPending({ kind: 'new-folder', row })]);
    if (row.kind !== 'request') items.push(['Settings…', () => setPending({ kind: 'settings', row })]);
    items.push(['Rename', () => setPending({ kind: 'rename', row })]);
    items.push([
      'Duplicate',
      () => void run(() => invoke('collections:duplicate', { id: row.id }), `Duplicated “${row.name}”`),
    ]);
    if (row.kind !== 'collection') items.push(['Move to…', () => setPending({ kind: 'move', row })]);
    if (row.kind === 'request') items.push(['Copy as curl', () => void copyCurl(row)]);
    if (row.kind === 'collection') {
      items.push(['Export (Shomei)', () => void exportCollection(row, 'shomei')]);
      items.push(['Export (Postman v2.1)', () => void exportCollection(row, 'postman')]);
    }
    items.push(['Delete', () => void remove(row)]);
    return items;
  };

  return (
    <div className="collections-sidebar">
      <div className="sidebar-tools">
        <input
          aria-label="Filter requests"
          type="search"
          placeholder="Filter by name, method or URL"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button type="button" onClick={() => setPending({ kind: 'new-collection' })}>
          New collection
        </button>
      </div>
      {error && (
        <p role="alert" className="sidebar-error">
          {error}
        </p>
      )}
      <div
        ref={listRef}
        className="tree"
        // A tree must own tree items: with none to show, it is a plain group with its message.
        role={page.total > 0 ? 'tree' : 'group'}
        aria-label="Collections"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        {page.total === 0 && (
          <p className="hint tree-empty">
            {filter ? 'Nothing matches.' : 'No collections yet: save a request (Ctrl/Cmd+S) or import one.'}
          </p>
        )}
        <div style={{ height: page.total * ROW_HEIGHT, position: 'relative' }}>
          {visible.map((row) => {
            const index = page.rows.indexOf(row) + page.offset;
            return (
              <CollectionTreeRow
                key={row.id}
                row={row}
                top={index * ROW_HEIGHT}
                height={ROW_HEIGHT}
                dropTarget={dropTarget}
                onDropTargetChange={setDropTarget}
                isMenuOpen={menuFor === row.id}
                onMenuChange={(isOpen) => setMenuFor(isOpen ? row.id : undefined)}
                menuItems={() => menuItems(row)}
                onActivate={() => (row.kind === 'request' ? onOpenRequest(row.id) : toggle(row))}
                onDropItem={(dragged) => {
                  setExpanded((old) => new Set([...old, row.id]));
                  void run(
                    () =>
                      invoke('collections:move', {
                        id: dragged,
                        collectionId: row.collectionId,
                        parentId: row.kind === 'collection' ? null : row.id,
                      }),
                    `Moved into “${row.name}”`,
                  );
                }}
              />
            );
          })}
        </div>
      </div>
      {toast && (
        <div role="status" className="toast">
          <span>{toast.message}</span>
          {toast.undoToken && (
            <button
              type="button"
              onClick={() => {
                const token = toast.undoToken as string;
                setToast(undefined);
                void run(() => invoke('collections:undo', { undoToken: token }), 'Restored');
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setToast(undefined)}>
            ×
          </button>
        </div>
      )}
      {pending?.kind === 'new-collection' && (
        <PromptDialog
          title="New collection"
          label="Collection name"
          confirm="Create"
          onClose={() => setPending(undefined)}
          onSubmit={(name) => {
            setPending(undefined);
            void run(() => invoke('collections:create-collection', { name }));
          }}
        />
      )}
      {pending?.kind === 'new-folder' && (
        <PromptDialog
          title="New folder"
          label="Folder name"
          confirm="Create"
          onClose={() => setPending(undefined)}
          onSubmit={(name) => {
            const row = pending.row;
            setPending(undefined);
            setExpanded((old) => new Set([...old, row.id]));
            void run(() =>
              invoke('collections:create-folder', {
                collectionId: row.collectionId,
                parentId: row.kind === 'collection' ? null : row.id,
                name,
              }),
            );
          }}
        />
      )}
      {pending?.kind === 'rename' && (
        <PromptDialog
          title={`Rename “${pending.row.name}”`}
          label="New name"
          initial={pending.row.name}
          confirm="Rename"
          onClose={() => setPending(undefined)}
          onSubmit={(name) => {
            const row = pending.row;
            setPending(undefined);
            void run(() => invoke('collections:rename', { id: row.id, name }));
          }}
        />
      )}
      {pending?.kind === 'move' && (
        <MoveDialog
          row={pending.row}
          onClose={() => setPending(undefined)}
          onMoved={(target) => {
            setPending(undefined);
            setExpanded((old) => new Set([...old, target.id, target.collectionId]));
            void run(
              () =>
                invoke('collections:move', {
                  id: pending.row.id,
                  collectionId: target.collectionId,
                  parentId: target.id === target.collectionId ? null : target.id,
                }),
              `Moved “${pending.row.name}”`,
            );
          }}
        />
      )}
      {pending?.kind === 'settings' && <SettingsDialog id={pending.row.id} onClose={() => setPending(undefined)} />}
      {pending?.kind === 'notes' && (
        <Dialog title={pending.title} onClose={() => setPending(undefined)}>
          {pending.lines.map((line) => (
            <pre key={line} className="code notes">
              {line}
            </pre>
          ))}
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setPending(undefined)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
