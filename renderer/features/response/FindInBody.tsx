import { useEffect, useRef, useState, type RefObject } from 'react';

const HIGHLIGHT = 'shomei-find';
const CURRENT = 'shomei-find-current';
const MAX_MATCHES = 5000;

/** Every place `query` occurs in the text under `root` (case-insensitive), as DOM ranges. */
function findRanges(root: HTMLElement, query: string): Range[] {
  const ranges: Range[] = [];
  const needle = query.toLowerCase();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && ranges.length < MAX_MATCHES; node = walker.nextNode()) {
    const text = (node.textContent ?? '').toLowerCase();
    for (
      let at = text.indexOf(needle);
      at !== -1 && ranges.length < MAX_MATCHES;
      at = text.indexOf(needle, at + needle.length)
    ) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      ranges.push(range);
    }
  }
  return ranges;
}

/** Scrolls the nearest scrolling ancestor so the range sits a third of the way down. */
function scrollToRange(range: Range): void {
  let box: HTMLElement | null = range.startContainer.parentElement;
  while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
  if (!box) return;
  const rect = range.getBoundingClientRect();
  const frame = box.getBoundingClientRect();
  box.scrollTop += rect.top - frame.top - frame.height / 3;
}

/**
 * Find in the response body: highlights every match with the CSS Custom Highlight API (the text
 * and its layout are untouched, so a big body stays fast) and steps through them.
 */
export function FindInBody({ target, version }: { target: RefObject<HTMLElement | null>; version: unknown }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState({ count: 0, index: 0 });
  const ranges = useRef<Range[]>([]);

  useEffect(() => {
    const root = target.current;
    const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
    if (!root || !registry || typeof Highlight === 'undefined') return undefined;
    ranges.current = query.length >= 2 ? findRanges(root, query) : [];
    registry.set(HIGHLIGHT, new Highlight(...ranges.current));
    registry.delete(CURRENT);
    const timer = setTimeout(() => setFound({ count: ranges.current.length, index: 0 }), 0);
    return () => {
      clearTimeout(timer);
      registry.delete(HIGHLIGHT);
      registry.delete(CURRENT);
    };
  }, [query, target, version]);

  const show = (index: number) => {
    const range = ranges.current[index];
    const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
    if (!range || !registry) return;
    registry.set(CURRENT, new Highlight(range));
    // Bring the match into view inside the body's own scroll box.
    const element = range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'nearest' });
    scrollToRange(range);
    setFound({ count: ranges.current.length, index });
  };

  return (
    <span className="find-in-body">
      <input
        type="search"
        aria-label="Find in body"
        placeholder="Find in body"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && found.count > 0)
            show((found.index + (event.shiftKey ? found.count - 1 : 1)) % found.count);
        }}
      />
      {query.length >= 2 && (
        <span className="hint" data-testid="find-count">
          {found.count === 0
            ? 'no match'
            : `${found.count >= MAX_MATCHES ? `${MAX_MATCHES}+` : found.count} match${found.count === 1 ? '' : 'es'}`}
        </span>
      )}
      {found.count > 1 && (
        <button type="button" onClick={() => show((found.index + 1) % found.count)}>
          Next
        </button>
      )}
    </span>
  );
}
