import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; `npx playwright install` cannot work on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');

/** Launches headless Chromium with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser-mode server started the way a user starts it: `shomei web --port 0 --data-dir DIR`. */
export interface RunningWeb {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything it printed to stderr, for assertions (e.g. the token never appears). */
  stderr: () => string;
  stdout: () => string;
  stop(): Promise<void>;
}

/** Starts `shomei web` in a child process and waits for the one line with the URL. */
export async function startWeb(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningWeb> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'electron/cli/bin.mjs'), 'web', '--port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`shomei web printed no URL in 30 s. stderr: ${stderr}`)), 30_000);
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`shomei web exited with ${code}: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    process: child,
    stderr: () => stderr,
    stdout: () => stdout,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A fresh data folder under the OS temp dir. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'shomei-e2e-'));
}

/** One test's app: a fresh data folder, its own browser-mode server, a fresh page. */
export interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  web: RunningWeb;
  /** Restarts the server on the same data folder and reopens the page. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Opens Shomei in browser mode with a fresh `--data-dir` and waits for the editor. */
export async function openApp(browser: Browser, dataDir = freshDataDir()): Promise<AppUnderTest> {
  let web = await startWeb(dataDir);
  const context = await browser.newContext();
  let page = await context.newPage();
  await page.goto(web.url);
  await page.getByLabel('URL').waitFor();
  const app: AppUnderTest = {
    page,
    context,
    web,
    async restart() {
      await page.close();
      await web.stop();
      web = await startWeb(dataDir);
      app.web = web;
      page = await context.newPage();
      app.page = page;
      await page.goto(web.url);
      await page.getByLabel('URL').waitFor();
    },
    async close() {
      await context.close();
      await web.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * Opens a saved request from the sidebar: expands its collection (or folder) until the request's
 * row shows, then clicks it. The tree answers main asynchronously and re-renders its rows, so a
 * single click on the collection can land on a row that is replaced before it handles it; this
 * clicks again only while the row still says it is collapsed.
 */
export async function openSavedRequest(page: Page, parentName: string, requestName: string): Promise<void> {
  const request = page.locator('.tree-label', { hasText: requestName });
  const parent = page.getByRole('treeitem').filter({ has: page.locator('.tree-label', { hasText: parentName }) });
  await parent.first().waitFor();
  await expect
    .poll(
      async () => {
        if ((await request.count()) > 0) return true;
        if ((await parent.first().getAttribute('aria-expanded')) === 'false')
          await parent.first().locator('.tree-label').click();
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await request.first().click();
}
