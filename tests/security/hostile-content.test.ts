import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const HOSTILE_HTML = `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>
<body><script>window.parent.__pwned = true; document.title = 'pwned'; fetch('/canary?script');</script>
<img src=x onerror="window.parent.__pwned = true; fetch('/canary?img')">
<svg onload="window.parent.__pwned = true"><script>window.parent.__pwned = true</script></svg>
<iframe src="javascript:parent.__pwned = true"></iframe>
<a id="js" href="javascript:window.__pwned = true">click me</a>
<form action="https://evil.example/"><input name=q></form></body></html>`;

const e2e = useE2eSession({ keys: [], appPer: 'file' });
const canaryHits: string[] = [];

beforeAll(async () => {
  for (const [path, type] of [
    ['/html', 'text/html; charset=utf-8'],
    ['/svg', 'image/svg+xml'],
    ['/json-with-html', 'application/json'],
  ] as const) {
    e2e.target.routes.set(path, (_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(path === '/json-with-html' ? JSON.stringify({ html: HOSTILE_HTML }) : HOSTILE_HTML);
    });
  }
  e2e.target.routes.set('/canary', (req, res) => {
    canaryHits.push(req.url ?? '');
    res.end('hit');
  });
});

describe('hostile response content is shown, never run', () => {
  it.each(['/html', '/svg', '/json-with-html'])('a %s body with scripts, handlers, iframes, javascript: links and a meta refresh', async (path) => {
    const { page, context } = e2e.app;
    const startUrl = page.url();
    const pagesBefore = context.pages().length;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // A new tab each time, so the status waited for is this response's, not the last test's.
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByTestId('response-status').waitFor({ state: 'detached' });
    await page.getByLabel('URL').fill(`${e2e.target.origin}${path}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    // Look at every view of the response the UI offers. Where one is the sandboxed preview, wait
    // for it to finish loading (its images have failed by then, so an onerror handler would have
    // run), then for one more frame of the page (a meta refresh of 0 s would have fired).
    for (const tab of await page.getByRole('tablist', { name: 'Response parts' }).getByRole('tab').all()) {
      await tab.click();
      const preview = page.locator('iframe.response-preview');
      if ((await preview.count()) > 0) {
        const frame = await (await preview.elementHandle())?.contentFrame();
        await frame?.waitForLoadState('load');
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
        expect(page.frames().map((f) => f.url())).not.toContainEqual(expect.stringContaining('evil.example'));
      }
    }
    await page.getByRole('tablist', { name: 'Response parts' }).getByRole('tab').first().click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe('Shomei');
    expect(page.url()).toBe(startUrl);
    expect(context.pages().length).toBe(pagesBefore);
    expect(dialogs).toEqual([]);
    expect(canaryHits).toEqual([]);
    // The app still works afterwards.
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
  });
});
