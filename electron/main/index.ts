import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell, type WebContents } from 'electron';
import { createCore } from '../core/create-core';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { CONTENT_SECURITY_POLICY } from '../server/web-server';
import { createSafeStorageCipher } from './adapters/safe-storage-cipher';
import { bindIpc } from './bind-ipc';
import { decideExternalLink, externalLinkDialog, OPEN_LINK_BUTTON } from './external-links';
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

/**
 * Security: a link that would leave Shomei opens in the system browser only after the user says
 * so in a dialog naming its host; only https: links are offered (electron/main/external-links.ts).
 */
async function openExternalAfterConfirm(contents: WebContents, raw: string): Promise<void> {
  const link = decideExternalLink(raw);
  if (link.action !== 'confirm') return;
  const owner = BrowserWindow.fromWebContents(contents);
  const options = externalLinkDialog(link);
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response === OPEN_LINK_BUTTON) await shell.openExternal(link.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

app.on('web-contents-created', (_event, contents) => {
  // Security: our pages never navigate away, never open windows, never attach webviews.
  contents.on('will-navigate', (event, url) => {
    if (url.startsWith(`${APP_ORIGIN}/`)) return;
    event.preventDefault();
    void openExternalAfterConfirm(contents, url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Security: links the user clicks (docs, AWS console) never open in Shomei; the system browser
    // opens https: ones after the user confirms.
    void openExternalAfterConfirm(contents, url);
    return { action: 'deny' };
  });
});

void app.whenReady().then(async () => {
  // Security: deny every permission request (camera, notifications, clipboard-read, …).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).slice(1);
    } catch {
      return new Response('Bad path', { status: 400 });
    }
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
  // Credentials and secret variable values are encrypted with the OS keychain when there is a real
  // one; otherwise (no keychain, or Linux's basic_text with its fixed key) createCore falls back to
  // the passphrase vault in the data folder, and the credential manager says which is in force.
  const cipher = await createSafeStorageCipher();
  const core = createCore({ host: 'electron', version, dataDir: app.getPath('userData'), ...(cipher ? { cipher } : {}) });
  const dispatcher = createDispatcher(createHandlers(core), (channel, error) => console.error(`internal error in ${channel}:`, error));
  bindIpc(dispatcher, (window) => window !== null && windows.has(window));

  const open = () => {
    const window = createMainWindow(here);
    windows.add(window);
    window.on('closed', () => {
      windows.delete(window);
      // The window's WebSockets have no one left to show their messages.
      core.websockets.closeAll();
      core.subscriptions.closeAll();
    });
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
  // A terminal's Ctrl+C or a session's SIGTERM quits through before-quit, so pending saves are written.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
