import { randomUUID } from 'node:crypto';

/** Makes a fresh id for a saved thing: a random UUID, valid as an `EntityId`. */
export function newEntityId(): string {
  return randomUUID();
}
