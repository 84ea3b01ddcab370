import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { createCore } from '../core/create-core';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { CONTENT_SECURITY_POLICY } from '../server/web-server';
import { createSafeStorageCipher } from './adapters/safe-storage-cipher';
import { bindIpc } from './bind-ipc';
import { APP_ORIGIN, createMainWindow } from './windows';

// The composition root of the desktop app. Everything Electron-specific lives in electron/main;
// the core, the dispatcher and the handlers are the same ones browser mode uses.

const here = import.meta.dirname;
const rendererDir = join(here, '..', 'dist', 'renderer');
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Security: one instance; a second launch focuses the first instead of opening another door.
if (!app.requestSingleInstanceLock()) app.quit();

const windows = new Set<BrowserWindow>();

app.on('web-contents-created', (_event, contents) => {
  // Security: our pages never navigate away, never open windows, never attach webviews.
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Security: links the user clicks (docs, AWS console) open in the system browser, never in
    // Shomei, and only https: URLs — no file:, smb: or custom protocol handlers.
    if (/^https:\/\//i.test(url)) {
      void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    }
    return { action: 'deny' };
  });
});

void app.whenReady().then(async () => {
  // Security: deny every permission request (camera, notifications, clipboard-read, …).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).slice(1);
    const file = normalize(join(rendererDir, relative));
    if (url.host !== 'shomei' || !file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      const type = MIME[extname(file)] ?? 'application/octet-stream';
      return new Response(body, {
        headers: { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const version = app.getVersion();
  // Secret variable values are encrypted with the OS keychain when there is a real one; otherwise
  // they stay in memory for this run only rather than being written with a fixed key.
  const cipher = await createSafeStorageCipher();
  const core = createCore({ host: 'electron', version, dataDir: app.getPath('userData'), ...(cipher ? { cipher } : {}) });
  const dispatcher = createDispatcher(createHandlers(core), (channel, error) => console.error(`internal error in ${channel}:`, error));
  bindIpc(dispatcher, (window) => window !== null && windows.has(window));

  const open = () => {
    const window = createMainWindow(here);
    windows.add(window);
    window.on('closed', () => windows.delete(window));
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('second-instance', () => {
    const [first] = windows;
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });
  let isQuitting = false;
  app.on('before-quit', (event) => {
    if (isQuitting) return;
    event.preventDefault();
    isQuitting = true;
    void core.close().finally(() => app.quit());
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
