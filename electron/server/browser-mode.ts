import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore, type Core } from '../core/create-core';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { startWebServer, type WebServer } from './web-server';

/** Where the built renderer lives in a checkout. */
export const RENDERER_DIST = resolve(import.meta.dirname, '../../dist/renderer');

/** Options of one browser-mode launch. */
export interface BrowserModeOptions {
  port?: number;
  dataDir: string;
  staticDir?: string;
  token?: string;
  host?: 'browser' | 'test';
  /** Quiet time before edits are written (the core's default otherwise). */
  saveDelayMs?: number;
  onInternalError?: (channel: string, error: unknown) => void;
}

/** A running browser mode: the server plus the core behind it. */
export interface BrowserMode {
  server: WebServer;
  core: Core;
  close(): Promise<void>;
}

/** The app's version, from package.json. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Starts browser mode: the same core and dispatcher as the desktop app, behind the loopback door. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const staticDir = options.staticDir ?? RENDERER_DIST;
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}/index.html is missing): run "npm run build:renderer"`);
  }
  const core = createCore({
    host: options.host ?? 'browser',
    version: appVersion(),
    dataDir: options.dataDir,
    ...(options.saveDelayMs === undefined ? {} : { saveDelayMs: options.saveDelayMs }),
  });
  const dispatcher = createDispatcher(createHandlers(core), options.onInternalError);
  const server = await startWebServer({
    dispatcher,
    staticDir,
    onLastPageGone: () => {
      core.websockets.closeAll();
      core.subscriptions.closeAll();
    },
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  return {
    server,
    core,
    async close() {
      // Pending edits reach the disk before anything that waits on the network.
      core.flush();
      await server.close();
      await core.close();
    },
  };
}
