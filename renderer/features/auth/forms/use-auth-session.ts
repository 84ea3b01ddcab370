import { useEffect, useRef, useState } from 'react';
import type { EventName } from '../../../../shared/contract/channels';
import type { AppError } from '../../../../shared/errors';
import { useMainChanges } from '../../../api/use-main-changes';
import type { AuthSessionProps } from './auth-form-props';

type Answer<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * What main holds for an auth that gets a token before sending (OAuth 2.0's token, a Cognito
 * sign-in), and the steps that change it (Get token, Sign in, an MFA answer, Forget, Sign out) —
 * one hook for both forms. `status` is read with `read` when `identity` (the auth's fields)
 * changes and again on main's `events` (a send may renew the token, a collection's auth may
 * change); undefined until the first answer and after a refused one. `run` makes one step: busy
 * while it runs, the typed secrets written to the vault first when `isStoringSecrets`, its error
 * kept to show; it resolves to the answer's value, or undefined when refused.
 */
export function useAuthSession<S>(
  session: Pick<AuthSessionProps, 'storeSecrets'>,
  read: () => Promise<Answer<S>>,
  identity: string,
  events: EventName[],
) {
  const [status, setStatus] = useState<S | undefined>();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  const revision = useMainChanges(...events);
  // Counts steps as they start and end: a status read asked before one ended may answer what held
  // before it ("no token", "not signed in") after it, and must not undo what the step showed.
  const steps = useRef(0);
  // Such a read is asked again: the auth may have changed during the step (a field edited while
  // signing in), and then nothing else would read its status.
  const [rereads, setRereads] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    const asked = steps.current;
    void read().then((result) => {
      if (!isCurrent) return;
      if (steps.current === asked) setStatus(result.ok ? result.value : undefined);
      else setRereads((n) => n + 1);
    });
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again when the auth's identity or main's data changes
  }, [identity, revision, rereads]);
  const run = async <T>(call: () => Promise<Answer<T>>, isStoringSecrets = false): Promise<T | undefined> => {
    steps.current += 1;
    setBusy(true);
    try {
      if (isStoringSecrets) {
        const stored = await session.storeSecrets();
        if (!stored.ok) {
          setError(stored.error);
          return undefined;
        }
      }
      const result = await call();
      setError(result.ok ? undefined : result.error);
      return result.ok ? result.value : undefined;
    } finally {
      steps.current += 1;
      setBusy(false);
    }
  };
  return { status, setStatus, isBusy, error, run };
}
