import { useEffect, useState } from 'react';

/** `14:59`, `1 h 02 min`, `3 days`. */
function formatLeft(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  if (seconds < 48 * 3600)
    return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(seconds / 86400)} days`;
}

/**
 * A live countdown to when temporary credentials or a token stop working. Under five minutes it
 * warns; once past, it says so plainly: AWS keys are then refused, while a token (OAuth, Cognito)
 * passes `whenExpired` to say Shomei renews it at the next send. The one countdown of the window.
 */
export function ExpiryCountdown({
  expiration,
  renewHint,
  whenExpired,
  testId = 'credential-expiry',
}: {
  expiration: string;
  renewHint?: string;
  /** What happens once expired, replacing "— paste fresh credentials. Shomei will not send with them." */
  whenExpired?: string;
  testId?: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const at = new Date(expiration).getTime();
  if (Number.isNaN(at)) return null;
  const left = at - now;
  const when = new Date(at).toLocaleString();
  if (left <= 0) {
    return (
      <span className="expiry expired" data-testid={testId} role="status" title={when}>
        Expired {formatLeft(-left)} ago —{' '}
        {whenExpired ?? `${renewHint ?? 'paste fresh credentials'}. Shomei will not send with them.`}
      </span>
    );
  }
  return (
    <span className={left < 5 * 60_000 ? 'expiry soon' : 'expiry'} data-testid={testId} title={when}>
      Expires in {formatLeft(left)}
    </span>
  );
}
