import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../shared/contract/channels';
import type { Result } from '../../shared/result';

/** What the Electron preload exposes as `window.shomei`: two functions, nothing else. */
export interface ShomeiBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    shomei?: ShomeiBridge;
  }
}

type Listener = (payload: unknown) => void;

const TOKEN_KEY = 'shomei.launchToken';

/**
 * The one module that talks to the door: Electron's preload when present, else browser mode's
 * loopback server with the launch token from the URL fragment (moved to sessionStorage and
 * removed from the address bar at once).
 */
function createLoopbackBridge(): ShomeiBridge {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const listeners = new Map<string, Set<Listener>>();
  let isStreaming = false;

  const stream = async (): Promise<void> => {
    isStreaming = true;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (!frame.startsWith('data: ')) continue;
            const { event, payload } = JSON.parse(frame.slice(6)) as { event: string; payload: unknown };
            for (const listener of listeners.get(event) ?? []) listener(payload);
          }
        }
      } catch {
        // The server went away or refused us; retry with a gentle backoff.
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
    }
  };

  return {
    async invoke(channel, input) {
      try {
        const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ input }),
        });
        if (response.status === 401) {
          return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page lost its launch token: open the URL that "npm run web" printed.' } };
        }
        if (!response.ok) return { ok: false, error: { code: 'INTERNAL', message: `Browser mode answered ${response.status}` } };
        return (await response.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'NETWORK_ERROR', message: 'Lost contact with Shomei: is "npm run web" still running?' } };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      if (!isStreaming) void stream();
      return () => set.delete(listener);
    },
  };
}

const bridge: ShomeiBridge = window.shomei ?? createLoopbackBridge();

/** Calls a channel of the contract; always resolves, with `{ok, value}` or `{ok: false, error}`. */
export function invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>> {
  return bridge.invoke(channel, input) as Promise<Result<ChannelOutput<K>>>;
}

/** Listens to an event from main; returns the function that stops listening. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge.on(event, listener as Listener);
}
