import type { ResponseSummary } from '../../../shared/contract/http';
import { HeaderList } from './HeaderList';

/** What happened during the send, in order, with the headers of each step folded away. */
export function TimelineList({ timeline }: { timeline: ResponseSummary['timeline'] }) {
  return (
    <ol className="timeline" aria-label="Timeline" data-testid="timeline">
      {timeline.map((entry, index) => (
        <li key={index} className={`timeline-${entry.kind}`}>
          <span className="timeline-at">{entry.atMs.toFixed(1)} ms</span> <strong>{entry.kind}</strong> {entry.text}
          {entry.headers && entry.headers.length > 0 && (
            <details>
              <summary>{entry.headers.length} headers</summary>
              <HeaderList headers={entry.headers} label={`Headers of ${entry.kind} ${index + 1}`} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
