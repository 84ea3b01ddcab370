import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RENDERER_DIST, startBrowserMode } from '../server/browser-mode';

const BYTES = 50 * 1024 * 1024;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Issue 4's figure: a 50 MB JSON response shown in the real viewer (browser mode in Chromium),
 * with the longest main-thread task while it arrives and while the next megabyte is paged in.
 */
export async function benchLargeResponse(): Promise<string[]> {
  if (!existsSync(resolve(RENDERER_DIST, 'index.html'))) return ['skipped: the renderer is not built (npm run build:renderer)'];
  if (!existsSync(CHROMIUM)) return [`skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`];
  const { chromium } = await import('playwright-core');
  const row = Buffer.from(`{"id":1234567,"name":"row","tags":["a","b","c"],"pad":"${'x'.repeat(40)}"},`);
  const chunk = Buffer.concat(Array.from({ length: Math.floor((1024 * 1024) / row.length) }, () => row));
  const target = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BYTES) });
    let sent = 0;
    const write = () => {
      while (sent < BYTES) {
        const part = chunk.subarray(0, Math.min(chunk.length, BYTES - sent));
        sent += part.length;
        if (!res.write(part)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  });
  await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-'));
  const web = await startBrowserMode({ dataDir, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(web.server.url);
    await page.getByLabel('URL').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.__long.push(entry.duration))).observe({ type: 'longtask' });
    });
    await page.getByLabel('URL').fill(`http://127.0.0.1:${(target.address() as AddressInfo).port}/big.json`);
    const started = performance.now();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor({ timeout: 120_000 });
    await page.getByTestId('response-body').waitFor();
    const shownMs = performance.now() - started;
    const longestWhileShowing = await page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
    await page.getByRole('button', { name: 'Show the next 1 MB' }).click();
    await page.waitForTimeout(1000);
    const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __long: number[] }).__long));
    return [
      `received and shown ${(shownMs / 1000).toFixed(2)} s after Send (50 MB over loopback, streamed to a temp file by main)`,
      `longest main-thread task: ${Math.round(longestWhileShowing)} ms while showing, ${Math.round(longest)} ms after paging 1 MB more  (target ≤ 200 ms)`,
    ];
  } finally {
    await browser.close();
    await web.close();
    await new Promise<void>((done) => target.close(() => done()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
