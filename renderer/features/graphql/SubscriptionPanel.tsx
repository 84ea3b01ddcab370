import { useCallback, useEffect, useRef, useState } from 'react';
import type { SubscriptionEvent } from '../../../shared/contract/appsync';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { AppError } from '../../../shared/errors';
import { invoke, on } from '../../api/client';
import { appendCapped, MessagesLog, type MessagesLogEntry } from '../../components/MessagesLog';

/**
 * Subscribe / Unsubscribe for an AppSync subscription, and the live log of what AppSync sends
 * (region **Messages**). Main owns the socket and signs; this only sees events. Leaving the tab
 * (or closing it) unsubscribes.
 */
export function SubscriptionPanel({
  input,
  onRefused,
}: {
  input: () => Promise<Omit<ChannelInput<'appsync:subscribe'>, 'subscriptionId'>>;
  /** A refusal main may take a "connect anyway" for (its signature would go over plain ws://): `retry` subscribes again. */
  onRefused?: (error: AppError, retry: () => Promise<void>) => void;
}) {
  const [subscriptionId, setSubscriptionId] = useState<string | undefined>();
  const [state, setState] = useState<'idle' | 'subscribing' | 'subscribed' | 'stopping'>('idle');
  const [log, setLog] = useState<MessagesLogEntry[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const current = useRef<string | undefined>(undefined);
  /** The subscribe of the latest render, for a retry after the user confirmed a refusal. */
  const latestSubscribe = useRef<() => Promise<void>>(() => Promise.resolve());

  useEffect(
    () =>
      on('appsync:event', (event) => {
        if (event.subscriptionId !== current.current) return;
        setLog((previous) => appendCapped(previous, logEntryOf(event)));
        if (event.kind === 'closed') {
          current.current = undefined;
          setSubscriptionId(undefined);
          setState('idle');
        }
      }),
    [],
  );
  // Security: a subscription nobody sees is not left running in main.
  useEffect(
    () => () => {
      if (current.current) void invoke('appsync:unsubscribe', { subscriptionId: current.current });
    },
    [],
  );

  const subscribe = useCallback(async () => {
    const id = crypto.randomUUID();
    current.current = id;
    setSubscriptionId(id);
    setState('subscribing');
    setProblem(undefined);
    setLog([]);
    const result = await invoke('appsync:subscribe', { subscriptionId: id, ...(await input()) });
    if (result.ok) {
      if (current.current === id) setState('subscribed');
      return;
    }
    if (current.current === id) {
      current.current = undefined;
      setSubscriptionId(undefined);
      setState('idle');
    }
    setProblem(result.error.message);
    onRefused?.(result.error, () => latestSubscribe.current());
  }, [input, onRefused]);

  useEffect(() => {
    latestSubscribe.current = subscribe;
  }, [subscribe]);

  const unsubscribe = useCallback(async () => {
    if (!subscriptionId) return;
    setState('stopping');
    await invoke('appsync:unsubscribe', { subscriptionId });
    current.current = undefined;
    setSubscriptionId(undefined);
    setState('idle');
  }, [subscriptionId]);

  return (
    <section className="subscription-panel" aria-label="AppSync subscription">
      <div className="subscription-actions">
        {state === 'idle' || state === 'subscribing' ? (
          <button type="button" disabled={state === 'subscribing'} onClick={() => void subscribe()}>
            {state === 'subscribing' ? 'Subscribing…' : 'Subscribe'}
          </button>
        ) : (
          <button type="button" disabled={state === 'stopping'} onClick={() => void unsubscribe()}>
            Unsubscribe
          </button>
        )}
        <span role="status">{state === 'subscribed' ? 'Subscribed: data appears below as AppSync sends it' : ''}</span>
      </div>
      {problem && (
        <p role="alert" className="subscription-problem">
          {problem}
        </p>
      )}
      {(log.length > 0 || state !== 'idle') && <MessagesLog entries={log} />}
    </section>
  );
}


/** A subscription's event as a line of the shared Messages log: `data` as a received message, the rest as notices. */
function logEntryOf(event: SubscriptionEvent): MessagesLogEntry {
  const base = { id: String(event.seq), at: event.at };
  switch (event.kind) {
    case 'data':
      return { ...base, kind: 'message', direction: 'received', text: event.text, size: event.size, isTruncated: event.isTruncated };
    case 'error':
      return { ...base, kind: 'error', explanation: event.text };
    case 'closed':
      return { ...base, kind: 'open', title: 'Closed', explanation: event.text };
    default:
      return { ...base, kind: 'open', title: event.kind === 'connected' ? 'Connected' : event.kind === 'subscribed' ? 'Subscribed' : 'Complete', explanation: event.text };
  }
}
