import { join } from 'node:path';
import { BrowserWindow } from 'electron';

/** The only origin our own pages are served from (a privileged, standard, secure scheme). */
export const APP_ORIGIN = 'app://shomei';

/**
 * Creates the main window per Electron's security checklist: context isolation, the sandbox, no
 * Node in the renderer, web security on, and only our preload.
 */
export function createMainWindow(preloadDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Shomei',
    show: false,
    webPreferences: {
      preload: join(preloadDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
