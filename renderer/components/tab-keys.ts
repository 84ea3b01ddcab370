import type { KeyboardEvent } from 'react';

/**
 * The WAI-ARIA tabs pattern's keys for a horizontal tablist: ←/→ (wrapping), Home and End move
 * focus and selection together. Returns the index to select, or undefined for any other key.
 * Focus moves to that tab at once, so the next key press starts from it.
 */
export function tabKeyTarget(event: KeyboardEvent<HTMLElement>, index: number, count: number): number | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || count === 0) return undefined;
  let next: number;
  if (event.key === 'ArrowRight') next = (index + 1) % count;
  else if (event.key === 'ArrowLeft') next = (index - 1 + count) % count;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = count - 1;
  else return undefined;
  event.preventDefault();
  const tablist = event.currentTarget.closest('[role="tablist"]');
  tablist?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  return next;
}
