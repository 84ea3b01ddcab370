import type { DocumentStore, QuarantineNotice } from './document-store';

/** Timer functions, injected so tests control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The host's timers. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending save must not keep a CLI or test process alive; hosts call flush() on quit.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What a debounced document needs. */
export interface DebouncedDocumentDeps<T> {
  store: DocumentStore<T>;
  /** Quiet time after the last change before writing; 0 writes at once. */
  saveDelayMs?: number;
  timers?: Timers;
  /** Told when a background save failed; the change stays pending and the next flush retries. */
  onSaveError?: (error: unknown) => void;
}

/**
 * An in-memory document whose changes are written after a quiet period, never lost: `flush()`
 * writes any pending change synchronously (hosts call it on quit), and a failed background save
 * stays pending until a later save or flush succeeds.
 */
export interface DebouncedDocument<T> {
  readonly path: string;
  readonly notice: QuarantineNotice | undefined;
  /** The live state. Mutate it only through `change`. */
  read(): T;
  /** Applies `mutate` to the live state and schedules a save. Returns what `mutate` returned. */
  change<R>(mutate: (state: T) => R): R;
  /** True while a change has not reached the disk. */
  hasPendingChanges(): boolean;
  /** Writes a pending change now. Throws `STORAGE_ERROR` if the disk refuses; the change stays pending. */
  flush(): void;
  /** Stops the timer after a final flush. */
  close(): void;
}

/** Wraps a `DocumentStore` with debounced, never-lost saves. */
export function createDebouncedDocument<T>(deps: DebouncedDocumentDeps<T>): DebouncedDocument<T> {
  const timers = deps.timers ?? systemTimers;
  const delay = deps.saveDelayMs ?? 300;
  // Own a private copy: the store keeps its last written value, and we mutate ours.
  const state: T = structuredClone(deps.store.read());
  let isDirty = false;
  let timer: unknown;

  const flush = (): void => {
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    if (!isDirty) return;
    deps.store.write(state);
    isDirty = false;
  };

  const schedule = (): void => {
    if (delay <= 0) {
      flush();
      return;
    }
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      try {
        flush();
      } catch (error) {
        deps.onSaveError?.(error);
      }
    }, delay);
  };

  return {
    path: deps.store.path,
    get notice() {
      return deps.store.notice;
    },
    read: () => state,
    change(mutate) {
      // Callers check everything before they touch the state, so a throw leaves it unchanged.
      const result = mutate(state);
      isDirty = true;
      schedule();
      return result;
    },
    hasPendingChanges: () => isDirty,
    flush,
    close() {
      flush();
    },
  };
}
