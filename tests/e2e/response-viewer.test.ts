import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const BIG_BYTES = 50 * 1024 * 1024;

const e2e = useE2eSession({ keys: [] });

beforeAll(async () => {
  e2e.target.routes.set('/big.json', (_req, res) => {
    // 50 MB of JSON, written in 1 MB chunks.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BIG_BYTES) });
    const row = `{"id":0000000,"name":"row","tags":["a","b","c"],"pad":"${'x'.repeat(40)}"},`;
    const chunk = Buffer.from(row.repeat(Math.floor((1024 * 1024) / row.length)).padEnd(1024 * 1024, ' '));
    let sent = 0;
    const write = () => {
      while (sent < BIG_BYTES) {
        const part = sent === 0 ? Buffer.concat([Buffer.from('['), chunk.subarray(1)]) : sent + chunk.length >= BIG_BYTES ? Buffer.concat([chunk.subarray(0, chunk.length - 1), Buffer.from(']')]) : chunk;
        sent += part.length;
        if (!res.write(part)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  });
  e2e.target.routes.set('/tree.json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: [] }], next: null }));
  });
  e2e.target.routes.set('/data.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0"?><ListBucketResult><Name>b &amp; c</Name><Contents><Key>a.txt</Key><Size>3</Size></Contents><Empty/></ListBucketResult>');
  });
  e2e.target.routes.set('/pixel.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'set-cookie': ['session=abc123; Path=/; HttpOnly', 'theme=dark; Max-Age=3600'] });
    res.end(PNG);
  });
});

describe('the response viewer', () => {
  // The longest main-thread task while it shows is a figure of `npm run bench`, not asserted here.
  it('shows a 50 MB JSON response at once, kept in a temporary file, and pages through the rest', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/big.json`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('response-size').textContent()).toMatch(/^50\.0 MB/);
    expect(await page.getByTestId('large-body-note').textContent()).toMatch(/Large body: 50\.0 MB kept in a temporary file; showing the first 256\.0 KB/);
    const before = (await page.getByTestId('response-body').textContent())?.length ?? 0;
    await page.getByRole('button', { name: 'Show the next 1 MB' }).click();
    await expect.poll(async () => (await page.getByTestId('response-body').textContent())?.length ?? 0).toBeGreaterThan(before + 1_000_000);
  });

  it('shows an image, its cookies, the timing phases and the timeline', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/pixel.png`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    await page.getByRole('tab', { name: 'Preview' }).click();
    await expect.poll(() => page.getByAltText('Response body').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    await page.getByRole('tab', { name: /^Cookies/ }).click();
    const cookies = await page.getByRole('table', { name: 'Cookies' }).textContent();
    expect(cookies).toContain('sessionabc123Path=/; HttpOnly');
    expect(cookies).toContain('themedarkMax-Age=3600');
    await page.getByRole('tab', { name: 'Timing' }).click();
    expect(await page.getByRole('table', { name: 'Timing' }).textContent()).toMatch(/DNS.*Connect.*TLS.*First byte.*Download.*Total/);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toMatch(/send.*GET/);
    expect(timeline).toMatch(/receive/);
  });

  it('pretty-prints XML, and Raw shows it as received', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/data.xml`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-body').textContent()).toBe(
      '<?xml version="1.0"?>\n<ListBucketResult>\n  <Name>b &amp; c</Name>\n  <Contents>\n    <Key>a.txt</Key>\n    <Size>3</Size>\n  </Contents>\n  <Empty/>\n</ListBucketResult>',
    );
    // Find highlights every match without touching the text, and steps through them.
    await page.getByLabel('Find in body').fill('key');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('2 matches');
    await page.getByLabel('Find in body').press('Enter');
    expect(await page.evaluate(() => [CSS.highlights.get('shomei-find')?.size, CSS.highlights.get('shomei-find-current')?.size])).toEqual([2, 1]);
    await page.getByLabel('Find in body').fill('nowhere');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('no match');
    await page.getByLabel('Raw').check();
    expect(await page.getByTestId('response-body').textContent()).toMatch(/^<\?xml version="1.0"\?><ListBucketResult><Name>/);
  });

  it('folds JSON in the Tree view', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/tree.json`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    await page.getByLabel('Tree').check();
    const items = page.locator('.json-tree summary', { hasText: '"items": [' }).first();
    expect(await items.textContent()).toMatch(/"items": \[ 2 items \]/);
    const node = page.locator('.json-tree details').nth(1);
    expect(await node.getAttribute('open')).not.toBeNull();
    await items.click();
    expect(await node.getAttribute('open')).toBeNull();
    expect(await page.getByTestId('response-body').textContent()).toContain('"next": null');
  });
});
