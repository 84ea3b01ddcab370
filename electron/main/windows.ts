import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

/** The only origin our own pages are served from (a privileged, standard, secure scheme). */
export const APP_ORIGIN = 'app://shomei';

/**
 * Creates the main window per Electron's security checklist: context isolation, the sandbox, no
 * Node in the renderer, web security on, only our preload, and no DevTools once packaged.
 */
export function createMainWindow(preloadDir: string): BrowserWindow {
  // Security: the remote module no longer exists in this Electron; the preload exposes two
  // functions for declared channels only (electron/preload). Reviewed exceptions for
  // electronegativity are marked on the lines it reports.
  const window = new BrowserWindow({ /* eng-disable REMOTE_MODULE_JS_CHECK */
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Shomei',
    show: false,
    webPreferences: {
      preload: join(preloadDir, 'preload.cjs'), /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Security: no DevTools in a packaged build (a console there reaches the preload's bridge).
      devTools: !app.isPackaged,
      // Security: no middle-click "open in new window" navigation flows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
