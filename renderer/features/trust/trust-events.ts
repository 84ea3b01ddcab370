const listeners = new Set<() => void>();

/** Tells every view that depends on trust (a collection trusted, the app-wide default changed) to read again. */
export function trustChanged(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` after every `trustChanged()`; returns the unsubscribe. */
export function onTrustChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
