import type { EventPayload } from '../../../shared/contract/channels';
import { formatBytes } from '../response/format-body';

type Progress = EventPayload<'request:progress'>;

const PHASE_LABELS: Record<Progress['phase'], string> = {
  'renewing-token': 'Token expired, renewing',
  hashing: 'Hashing the body file',
  signing: 'Signing',
  sending: 'Waiting for the server',
  uploading: 'Uploading the body',
  receiving: 'Receiving',
  done: 'Done',
};

/** What a send is doing now: the phase, bytes of the total, and a bar that fills when the total is known. */
export function SendProgress({ progress }: { progress: Progress }) {
  const { phase, bytes, totalBytes } = progress;
  const hasTotal = bytes !== undefined && totalBytes !== undefined && totalBytes > 0;
  const percent = hasTotal ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : undefined;
  const amount =
    bytes === undefined ? '' : hasTotal ? ` ${percent}% — ${formatBytes(bytes)} of ${formatBytes(totalBytes)}` : ` ${formatBytes(bytes)}`;
  return (
    <p className="hint send-progress" role="status" data-testid="send-progress" data-phase={phase}>
      {`${PHASE_LABELS[phase]}…${amount}`}
      {/* Without a total the bar is indeterminate (it moves without claiming a fraction). */}
      {hasTotal ? <progress aria-label="Send progress" max={totalBytes} value={bytes} /> : <progress aria-label="Send progress" />}
    </p>
  );
}
