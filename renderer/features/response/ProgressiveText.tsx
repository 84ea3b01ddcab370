import { useEffect, useMemo, useState } from 'react';
import { segmentsOf } from './use-large-body';

/**
 * Long text laid out one 64 KiB block per task: the first block at once, the rest on the next
 * ticks, so a big body never holds the page up in one long layout.
 */
export function ProgressiveText({ text, className }: { text: string; className: string }) {
  const blocks = useMemo(() => {
    const out = segmentsOf(text);
    return out.length > 0 ? out : [''];
  }, [text]);
  const [shown, setShown] = useState({ of: blocks, count: 1 });
  const count = shown.of === blocks ? shown.count : 1;
  useEffect(() => {
    if (count >= blocks.length) return undefined;
    const timer = setTimeout(() => setShown({ of: blocks, count: count + 1 }), 0);
    return () => clearTimeout(timer);
  }, [blocks, count]);
  return (
    <>
      {blocks.slice(0, count).map((block, index) => (
        <pre key={index} className={index === 0 ? className : `${className} body-segment`}>
          {block}
        </pre>
      ))}
    </>
  );
}
