import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, isEventName } from '../../shared/contract/channels';

const EVENT_CHANNEL = 'shomei:event';

// Security: the page gets exactly two functions, for declared names only — never ipcRenderer,
// never the IPC event object.
contextBridge.exposeInMainWorld('shomei', {
  invoke(channel: unknown, input: unknown) {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no such call' } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: unknown) {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const handler = (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
      if (message?.event === event) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});
