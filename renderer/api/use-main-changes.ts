import { useEffect, useState } from 'react';
import type { EventName } from '../../shared/contract/channels';
import { on } from './client';

/**
 * The one way a view learns that main's data changed: a revision that moves on each of `events`
 * main emits (`collections:changed`, `history:changed`, `credentials:changed`,
 * `variables:changed`). Put it in the dependencies of the effect that reads the data, and the
 * view reads it again — whichever window or call caused the change.
 */
export function useMainChanges(...events: EventName[]): number {
  const [revision, setRevision] = useState(0);
  const key = events.join(' ');
  useEffect(() => {
    const names = key.split(' ') as EventName[];
    const offs = names.map((event) => on(event, () => setRevision((n) => n + 1)));
    return () => offs.forEach((off) => off());
  }, [key]);
  return revision;
}
