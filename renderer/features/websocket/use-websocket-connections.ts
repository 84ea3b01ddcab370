import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { OutgoingMessage, WebSocketEvent } from '../../../shared/contract/websocket';
import type { AppError } from '../../../shared/errors';
import { invoke, on } from '../../api/client';
import { appendCapped, MAX_LOG_ENTRIES, type MessagesLogEntry } from '../../components/MessagesLog';

/** A tab's WebSocket as the window knows it: main owns the socket, the window only its events. */
export interface TabConnection {
  connectionId: string;
  status: 'connecting' | 'open' | 'closed';
  log: MessagesLogEntry[];
  /** True once older lines were dropped. */
  isCapped: boolean;
}

type ConnectInput = Omit<ChannelInput<'websocket:connect'>, 'connectionId'>;

function entryOf(event: WebSocketEvent): MessagesLogEntry {
  const { connectionId, seq, ...rest } = event;
  return { id: `${connectionId}:${seq}`, ...rest };
}

/**
 * The window's side of main's WebSockets, one per tab at most: connect, send, disconnect, and the
 * Messages log of each, fed by `websocket:event`. A tab that closes has its socket closed.
 */
export function useWebSocketConnections(openTabIds: readonly string[]) {
  const [byTab, setByTab] = useState<Record<string, TabConnection>>({});
  const tabOfConnection = useRef(new Map<string, string>());
  const openTabs = useRef(new Set(openTabIds));

  useEffect(
    () =>
      on('websocket:event', (event) => {
        const tabId = tabOfConnection.current.get(event.connectionId);
        if (!tabId) return;
        setByTab((all) => {
          const current = all[tabId];
          if (!current || current.connectionId !== event.connectionId) return all;
          const status =
            event.kind === 'open'
              ? 'open'
              : event.kind === 'close' || (event.kind === 'error' && current.status !== 'open')
                ? 'closed'
                : current.status;
          return {
            ...all,
            [tabId]: {
              ...current,
              status,
              log: appendCapped(current.log, entryOf(event)),
              isCapped: current.isCapped || current.log.length >= MAX_LOG_ENTRIES,
            },
          };
        });
      }),
    [],
  );

  const connect = useCallback(async (tabId: string, input: ConnectInput): Promise<AppError | undefined> => {
    const connectionId = crypto.randomUUID();
    tabOfConnection.current.set(connectionId, tabId);
    // The log goes on across reconnects of the same tab; the logs of closed tabs are dropped.
    setByTab((all) => ({
      ...Object.fromEntries(Object.entries(all).filter(([id]) => openTabs.current.has(id))),
      [tabId]: {
        connectionId,
        status: 'connecting',
        log: all[tabId]?.log ?? [],
        isCapped: all[tabId]?.isCapped ?? false,
      },
    }));
    const result = await invoke('websocket:connect', { ...input, connectionId });
    if (result.ok) return undefined;
    setByTab((all) => {
      const current = all[tabId];
      return current?.connectionId === connectionId ? { ...all, [tabId]: { ...current, status: 'closed' } } : all;
    });
    return result.error;
  }, []);

  const disconnect = useCallback(
    (tabId: string) => {
      const current = byTab[tabId];
      if (current && current.status !== 'closed')
        void invoke('websocket:disconnect', { connectionId: current.connectionId });
    },
    [byTab],
  );

  const send = useCallback(
    async (tabId: string, message: OutgoingMessage): Promise<AppError | undefined> => {
      const current = byTab[tabId];
      if (!current) return { code: 'NOT_FOUND', message: 'Not sent: Connect first.' };
      const result = await invoke('websocket:send', { connectionId: current.connectionId, message });
      return result.ok ? undefined : result.error;
    },
    [byTab],
  );

  // Security and tidiness: a socket whose tab is gone has no one to show its messages; close it.
  const openIds = openTabIds.join('\n');
  useEffect(() => {
    const open = new Set(openIds.split('\n'));
    openTabs.current = open;
    for (const [tabId, connection] of Object.entries(byTab)) {
      if (open.has(tabId) || !tabOfConnection.current.has(connection.connectionId)) continue;
      if (connection.status !== 'closed')
        void invoke('websocket:disconnect', { connectionId: connection.connectionId });
      tabOfConnection.current.delete(connection.connectionId);
    }
  }, [openIds, byTab]);

  return { byTab, connect, disconnect, send };
}
