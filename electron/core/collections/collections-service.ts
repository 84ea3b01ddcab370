import {
  CollectionSchema,
  emptySettings,
  InheritedSettingsSchema,
  ItemNameSchema,
  RequestDraftSchema,
  type Collection,
  type CollectionItem,
  type Folder,
  type InheritedSettings,
  type RequestDraftInput,
  type SavedRequest,
  type TreeRow,
} from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import type { SecretValueStore } from '../variables/secret-value-store';
import { stashSecretValues } from '../variables/stash-secrets';
import type { TrustSummary } from '../../../shared/contract/trust';
import { newEntityId } from './new-id';
import { summarizeTrust } from './trust-summary';
import { createCollectionRows, type FilterResult, type RowsOptions } from './collection-rows';
import {
  cloneWithNewIds,
  insertItem,
  isSameOrInside,
  locateItem,
  walkItems,
  type Container,
  type ItemLocation,
} from './tree';
import { findDeleted, recordDeleted } from './deleted-origins';
import { createUndoTrash } from './undo-trash';
import type { WorkspaceStore } from './workspace-store';

/** What the collections service needs. */
export interface CollectionsServiceDeps {
  workspace: WorkspaceStore;
  newId?: () => string;
  /** Where secret variable values live; used to copy them when duplicating. */
  secrets?: SecretValueStore;
  /** How many deletions can be undone (default 50). Kept in memory for this run only. */
  undoLimit?: number;
}

/** Where a new or moved item goes: a collection, optionally a folder in it, optionally a position. */
export interface Placement {
  collectionId: string;
  /** A folder id in that collection; absent or null for the collection's top level. */
  parentId?: string | null | undefined;
  /** Position among the container's items; default: last. */
  index?: number | undefined;
}

/** A saved request with where it sits, for opening it in a tab and resolving what it inherits. */
export interface RequestContext {
  collection: Collection;
  request: SavedRequest;
  /** Folders from the collection down to the request, outermost first. */
  ancestors: Folder[];
}

/**
 * Collections, folders and saved requests: create, rename, duplicate, move (refusing cycles),
 * delete with undo, filter. Every change is saved debounced through the workspace store; call
 * `flush()` before quitting. Never stores a secret: auth names a credential source only.
 */
export interface CollectionsService {
  list(): Collection[];
  getCollection(id: string): Collection;
  getRequest(id: string): RequestContext;
  /** The id of the collection a deleted request was in (the workspace remembers the latest 1,000), or undefined. */
  deletedFrom(id: string): string | undefined;
  createCollection(input: { name: string; settings?: Partial<InheritedSettings> | undefined }): Collection;
  /**
   * Adds a whole collection from an import or a file; ids already in use are renewed. Every import
   * passes through here. Security: the collection is untrusted until the user trusts it, whatever
   * the file says: trust is kept by id, so an id ever trusted (its collection deleted since) or
   * waiting in undo is renewed too — a file cannot come back in under a trust given to another.
   */
  addCollection(collection: Collection): Collection;
  /** True for collections made in the app, and imported ones once the user trusted them. */
  isTrusted(collectionId: string): boolean;
  /** What trusting the collection would allow (hosts, files, credential sources, connect-to, Host headers). */
  trustSummary(collectionId: string): TrustSummary;
  /** The user trusts the collection: its requests may read files, use connect-to, Host headers and credentials. */
  trust(collectionId: string): TrustSummary;
  createFolder(input: Placement & { name: string }): Folder;
  /**
   * `copiedFrom`: the saved request the draft was opened from. Security: a copy of an untrusted
   * collection's request is not saved into a trusted one (`UNTRUSTED`), as a move is not.
   */
  createRequest(input: Placement & { request: RequestDraftInput; copiedFrom?: string | undefined }): SavedRequest;
  updateRequest(input: { id: string; request: RequestDraftInput }): SavedRequest;
  rename(input: { id: string; name: string }): void;
  /** The settings of a collection or folder, with its name. */
  getSettings(id: string): { kind: 'collection' | 'folder'; name: string; settings: InheritedSettings };
  /** Secret variables' values go to the secret store; the saved settings hold them empty. */
  updateSettings(input: { id: string; settings: Partial<InheritedSettings> }): Promise<InheritedSettings>;
  /** Copies a collection, folder or request (with new ids) right after the original. Returns the copy's id. */
  duplicate(input: { id: string }): { id: string };
  move(input: { id: string } & Placement): void;
  /** Deletes a collection, folder or request; the subtree is kept for `undo`. */
  remove(input: { id: string }): { undoToken: string; name: string };
  undo(input: { undoToken: string }): { id: string };
  filter(query: string): FilterResult;
  rows(options?: RowsOptions): TreeRow[];
  flush(): void;
}

/** Builds the collections service over the workspace store. */
export function createCollectionsService(deps: CollectionsServiceDeps): CollectionsService {
  const newId = deps.newId ?? newEntityId;
  const state = () => deps.workspace.read();
  let revision = 0;

  const change = <R>(mutate: () => R): R => {
    const result = deps.workspace.change(mutate);
    revision += 1;
    return result;
  };

  const collectionById = (id: string): Collection => {
    const found = state().collections.find((c) => c.id === id);
    if (!found) throw new ShomeiError('NOT_FOUND', 'That collection no longer exists');
    return found;
  };

  const locate = (id: string): ItemLocation => {
    const found = locateItem(state().collections, id);
    if (!found) throw new ShomeiError('NOT_FOUND', 'That item no longer exists');
    return found;
  };

  const containerOf = (placement: Placement): { collection: Collection; container: Container } => {
    const collection = collectionById(placement.collectionId);
    if (placement.parentId === undefined || placement.parentId === null || placement.parentId === collection.id) {
      return { collection, container: collection };
    }
    const found = locateItem([collection], placement.parentId);
    if (!found || found.item.kind !== 'folder') throw new ShomeiError('NOT_FOUND', 'That folder no longer exists');
    return { collection, container: found.item };
  };

  /**
   * Security: a drag or a "Save as" must not take an imported request into trust past the banner
   * that says what it does; within its own collection, or into another untrusted one, it may go.
   */
  const assertNotTrustedByCopy = (from: Pick<Collection, 'id' | 'name'>, to: Collection, refusal: string): void => {
    const trusted = state().trustedCollectionIds;
    if (from.id === to.id || trusted.includes(from.id) || !trusted.includes(to.id)) return;
    throw new ShomeiError(
      'UNTRUSTED',
      `${refusal} belongs to "${from.name}", which was imported and is not trusted yet. Review what it does in the banner above its requests and trust it first, or keep it within that collection.`,
      { collectionId: from.id },
    );
  };

  const checkName = (name: string): string => {
    const parsed = ItemNameSchema.safeParse(name);
    if (!parsed.success) throw new ShomeiError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Give it a name');
    return parsed.data;
  };

  const parseDraft = (draft: RequestDraftInput) => {
    const parsed = RequestDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ShomeiError(
        'INVALID_INPUT',
        `The request cannot be saved: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    return parsed.data;
  };

  /**
   * Every id an added collection must not reuse: those in the workspace, those waiting in undo
   * (an undo puts them back), and every trusted collection id, deleted or not.
   */
  const allIds = (): Set<string> => {
    const ids = new Set<string>(state().trustedCollectionIds);
    const addItems = (items: readonly CollectionItem[]) =>
      walkItems(items, (item) => {
        ids.add(item.id);
        if (item.kind === 'folder') item.settings.variables.forEach((v) => ids.add(v.id));
      });
    const held = trash.held();
    for (const c of [...state().collections, ...held.collections]) {
      ids.add(c.id);
      c.settings.variables.forEach((v) => ids.add(v.id));
      addItems(c.items);
    }
    addItems(held.items.map((entry) => entry.item));
    for (const deleted of state().deletedRequests) ids.add(deleted.requestId);
    return ids;
  };

  /**
   * The request a "Save as" copies, and the collection it is (or was, deleted) in. Security: one
   * whose collection is not known any more is refused: whether it was trusted can no longer be
   * told, and a copy must not pass into trust for that.
   */
  const copiedFromOf = (id: string): { collection: Pick<Collection, 'id' | 'name'>; name: string } => {
    const live = locateItem(state().collections, id);
    if (live) return { collection: live.collection, name: live.item.name };
    const deleted = findDeleted(state().deletedRequests, id);
    if (deleted) return { collection: { id: deleted.collectionId, name: deleted.collectionName }, name: deleted.name };
    throw new ShomeiError(
      'NOT_FOUND',
      'Not saved: the request this tab was opened from was deleted, and which collection it was in is no longer known, so whether that was trusted cannot be told. Make a new request.',
      { copiedFrom: id },
    );
  };

  const copySecret = (from: string, to: string): void => {
    const secrets = deps.secrets;
    if (!secrets) return;
    // Fire and forget: the copy is a convenience; a missing secret shows up as unresolved.
    void secrets.get(from).then((value) => (value === undefined ? undefined : secrets.set(to, value)));
  };

  const rows = createCollectionRows(
    () => state().collections,
    () => revision,
  );
  const trash = createUndoTrash({
    collections: () => state().collections,
    change,
    locate,
    newId,
    limit: deps.undoLimit ?? 50,
  });

  return {
    list: () => state().collections,
    getCollection: collectionById,
    deletedFrom: (id) => findDeleted(state().deletedRequests, id)?.collectionId,
    getRequest(id) {
      const found = locate(id);
      if (found.item.kind !== 'request') throw new ShomeiError('NOT_FOUND', 'That is a folder, not a request');
      return { collection: found.collection, request: found.item, ancestors: found.ancestors };
    },
    createCollection(input) {
      const name = checkName(input.name);
      const settings = InheritedSettingsSchema.parse({ ...emptySettings(), ...input.settings });
      // Security: secret values are set through updateSettings, which sends them to the vault.
      settings.variables = settings.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
      const collection: Collection = { id: newId(), name, settings, items: [] };
      change(() => {
        state().collections.push(collection);
        // Made here by the user: trusted.
        state().trustedCollectionIds.push(collection.id);
      });
      return collection;
    },
    addCollection(input) {
      const parsed = CollectionSchema.safeParse(input);
      if (!parsed.success) throw new ShomeiError('INVALID_INPUT', 'The collection does not match the schema');
      const collection = parsed.data;
      const taken = allIds();
      const renew = (id: string): string => (taken.has(id) ? newId() : id);
      collection.id = renew(collection.id);
      collection.settings.variables.forEach((v) => (v.id = renew(v.id)));
      walkItems(collection.items, (item) => {
        item.id = renew(item.id);
        if (item.kind === 'folder') item.settings.variables.forEach((v) => (v.id = renew(v.id)));
      });
      change(() => state().collections.push(collection));
      return collection;
    },
    isTrusted: (collectionId) => state().trustedCollectionIds.includes(collectionId),
    trustSummary(collectionId) {
      return summarizeTrust(collectionById(collectionId), state().trustedCollectionIds.includes(collectionId));
    },
    trust(collectionId) {
      const collection = collectionById(collectionId);
      if (!state().trustedCollectionIds.includes(collectionId))
        change(() => state().trustedCollectionIds.push(collectionId));
      return summarizeTrust(collection, true);
    },
    createFolder(input) {
      const name = checkName(input.name);
      const { container } = containerOf(input);
      const folder: Folder = { kind: 'folder', id: newId(), name, settings: emptySettings(), items: [] };
      change(() => insertItem(container, folder, input.index));
      return folder;
    },
    createRequest(input) {
      const draft = parseDraft(input.request);
      const { collection, container } = containerOf(input);
      const original = input.copiedFrom === undefined ? undefined : copiedFromOf(input.copiedFrom);
      if (original) assertNotTrustedByCopy(original.collection, collection, `Not saved: a copy of "${original.name}"`);
      const request: SavedRequest = { kind: 'request', id: newId(), ...draft };
      change(() => insertItem(container, request, input.index));
      return request;
    },
    updateRequest(input) {
      const draft = parseDraft(input.request);
      const found = locate(input.id);
      if (found.item.kind !== 'request') throw new ShomeiError('NOT_FOUND', 'That is a folder, not a request');
      const request: SavedRequest = { kind: 'request', id: found.item.id, ...draft };
      change(() => {
        found.container.items[found.index] = request;
      });
      return request;
    },
    rename(input) {
      const name = checkName(input.name);
      const collection = state().collections.find((c) => c.id === input.id);
      const target = collection ?? locate(input.id).item;
      change(() => {
        target.name = name;
      });
    },
    getSettings(id) {
      const collection = state().collections.find((c) => c.id === id);
      if (collection) return { kind: 'collection', name: collection.name, settings: collection.settings };
      const item = locate(id).item;
      if (item.kind === 'request') throw new ShomeiError('INVALID_INPUT', 'Only collections and folders have settings');
      return { kind: 'folder', name: item.name, settings: item.settings };
    },
    async updateSettings(input) {
      const collection = state().collections.find((c) => c.id === input.id);
      const item = collection ? undefined : locate(input.id).item;
      if (item?.kind === 'request')
        throw new ShomeiError('INVALID_INPUT', 'Only collections and folders have settings');
      const target = (collection ?? item) as Container;
      const parsed = InheritedSettingsSchema.safeParse({ ...target.settings, ...input.settings });
      if (!parsed.success)
        throw new ShomeiError('INVALID_INPUT', `Invalid settings: ${parsed.error.issues[0]?.message ?? ''}`);
      parsed.data.variables = await stashSecretValues(parsed.data.variables, deps.secrets);
      change(() => {
        target.settings = parsed.data;
      });
      return parsed.data;
    },
    duplicate(input) {
      const collections = state().collections;
      const collectionIndex = collections.findIndex((c) => c.id === input.id);
      if (collectionIndex >= 0) {
        const original = collections[collectionIndex] as Collection;
        const asFolder: Folder = {
          kind: 'folder',
          id: original.id,
          name: original.name,
          settings: original.settings,
          items: original.items,
        };
        const copied = cloneWithNewIds(asFolder, newId, copySecret);
        const copy: Collection = {
          id: copied.id,
          name: `${original.name} copy`,
          settings: copied.settings,
          items: copied.items,
        };
        if (original.description !== undefined) copy.description = original.description;
        change(() => {
          collections.splice(collectionIndex + 1, 0, copy);
          // A copy is as trusted as its original, no more.
          if (state().trustedCollectionIds.includes(original.id)) state().trustedCollectionIds.push(copy.id);
        });
        return { id: copy.id };
      }
      const found = locate(input.id);
      const copy = cloneWithNewIds(found.item, newId, copySecret);
      copy.name = `${found.item.name} copy`;
      change(() => found.container.items.splice(found.index + 1, 0, copy));
      return { id: copy.id };
    },
    move(input) {
      const found = locate(input.id);
      const { collection, container } = containerOf(input);
      assertNotTrustedByCopy(found.collection, collection, `Not moved: "${found.item.name}"`);
      if (found.item.kind === 'folder' && container !== found.collection && isSameOrInside(found.item, container.id)) {
        throw new ShomeiError('CONFLICT', 'A folder cannot be moved into itself or one of its own folders');
      }
      change(() => {
        found.container.items.splice(found.index, 1);
        let index = input.index;
        // Moving down within the same container: the removal shifted the target position.
        if (index !== undefined && container === found.container && index > found.index) index -= 1;
        insertItem(container, found.item, index);
      });
    },
    remove: (input) => {
      change(() => recordDeleted(state().deletedRequests, state().collections, input.id));
      return trash.remove(input.id);
    },
    undo: (input) => trash.undo(input.undoToken),
    filter: (query) => rows.filter(query),
    rows: (options) => rows.rows(options),
    flush: () => deps.workspace.flush(),
  };
}
