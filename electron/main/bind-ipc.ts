import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type EventName, type EventPayload } from '../../shared/contract/channels';
import type { Dispatcher } from '../ipc/dispatcher';
import { APP_ORIGIN } from './windows';

/** The one IPC channel events travel on; the preload filters by declared event name. */
export const EVENT_CHANNEL = 'shomei:event';

/**
 * Registers one `ipcMain.handle` per declared channel.
 * Security: a call is answered only when it comes from the top-level frame of a window we
 * created, showing our own origin; anything else gets `UNAUTHORIZED` and never reaches a handler.
 */
export function bindIpc(dispatcher: Dispatcher, isOurWindow: (window: BrowserWindow | null) => boolean): () => void {
  const names = Object.keys(channels);
  for (const name of names) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, isOurWindow)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls are accepted only from Shomei’s own window' } };
      }
      return dispatcher.dispatch(name, input, {
        emit<E extends EventName>(eventName: E, payload: EventPayload<E>) {
          if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, { event: eventName, payload });
        },
      });
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(name);
  };
}

function isTrustedSender(event: IpcMainInvokeEvent, isOurWindow: (window: BrowserWindow | null) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  // `app:` URLs report a null origin in some versions; compare the prefix too.
  const isOurOrigin = origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  return isOurOrigin && isOurWindow(BrowserWindow.fromWebContents(event.sender));
}
