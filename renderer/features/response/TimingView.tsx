import type { ResponseSummary } from '../../../shared/contract/http';
import { formatDuration } from './format-body';

/** Where the time went, as bars: DNS, connect, TLS, first byte, download. */
export function TimingView({ timing }: { timing: ResponseSummary['timing'] }) {
  const phases: Array<[string, number | undefined]> = [
    ['DNS', timing.dnsMs],
    ['Connect', timing.connectMs],
    ['TLS', timing.tlsMs],
    ['First byte', timing.firstByteMs],
    ['Download', timing.downloadMs],
  ];
  const total = Math.max(timing.totalMs, 0.001);
  return (
    <div>
      <table className="timing" aria-label="Timing">
        <tbody>
          {phases.map(([label, ms]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="timing-bar-cell">
                {ms !== undefined && (
                  <span className="timing-bar" style={{ width: `${Math.max(1, (ms / total) * 100)}%` }} />
                )}
              </td>
              <td>
                {ms === undefined
                  ? timing.isConnectionReused && label !== 'First byte' && label !== 'Download'
                    ? 'reused'
                    : '—'
                  : formatDuration(ms)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td />
            <td data-testid="timing-total">{formatDuration(timing.totalMs)}</td>
          </tr>
        </tbody>
      </table>
      <p className="hint">
        Started {new Date(timing.startedAt).toLocaleTimeString()}
        {timing.isConnectionReused ? ' · the connection was reused' : ''}.
      </p>
    </div>
  );
}
