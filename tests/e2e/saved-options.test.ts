import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const e2e = useE2eSession();
let server: Server;
let origin: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  // `/hang` never answers; `/moved` redirects to `/target`.
  server = createServer((req, res) => {
    if (req.url === '/moved') res.writeHead(302, { Location: '/target' }).end();
    else if (req.url === '/target') res.end('arrived');
  });
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server?.close();
});

const treeLabel = (name: string) => e2e.app.page.locator('.tree-label', { hasText: name });

describe('send options saved with a request', () => {
  it('restores timeout, redirects and TLS verification when reopened and sends with them; new tabs keep the defaults', async () => {
    const { page } = e2e.app;
    const optionsTab = page.getByRole('tab', { name: /^Options/ });
    const timeout = page.getByLabel('Timeout (s)');
    const follow = page.getByLabel('Follow redirects');
    const verify = page.getByLabel("Verify the server's certificate");
    const dots = page.getByTestId('unsaved-dot');

    // A window default that is not the built-in one.
    await optionsTab.click();
    await timeout.fill('12');
    await page.getByRole('button', { name: 'Remember timeout and redirects as the default' }).click();

    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Slow things');
    await page.getByRole('button', { name: 'Create' }).click();
    await treeLabel('Slow things').waitFor();

    await page.getByLabel('URL').fill(`${origin}/hang`);
    await optionsTab.click();
    await timeout.fill('1');
    await follow.uncheck();
    await verify.uncheck();
    await page.getByLabel('URL').press('Control+s');
    await page.getByLabel('Request name').fill('Hangs');
    await page.getByLabel('Save in').selectOption({ label: 'Slow things' });
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await treeLabel('Hangs').waitFor();

    // Closed and reopened from the sidebar: the request's own options, TLS warning included.
    await page.getByTitle('Close Hangs', { exact: true }).click();
    await expect.poll(() => page.getByLabel('URL').inputValue()).toBe('');
    await treeLabel('Hangs').click();
    await expect.poll(() => page.getByLabel('URL').inputValue()).toBe(`${origin}/hang`);
    await optionsTab.click();
    expect(await timeout.inputValue()).toBe('1');
    expect(await follow.isChecked()).toBe(false);
    expect(await verify.isChecked()).toBe(false);
    await page.getByText('Certificate verification is off for this request').waitFor();
    expect(await optionsTab.textContent()).toMatch(/TLS off/);
    expect(await dots.count()).toBe(0);

    // The unsaved-change dot notices an options change, and goes when it is undone.
    await timeout.fill('2');
    await expect.poll(() => dots.count()).toBe(1);
    await timeout.fill('1');
    await expect.poll(() => dots.count()).toBe(0);

    // Sent as saved: it gives up after its own 1 s, not the window's 12 s.
    await page.getByRole('button', { name: 'Send' }).click();
    const error = page.locator('.error-box');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/No complete answer from 127\.0\.0\.1:\d+ within 1 s[\s\S]*TIMEOUT/);

    // And does not follow a redirect.
    await page.getByLabel('URL').fill(`${origin}/moved`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('302 Found');

    // A new tab starts from the window's defaults, not from the saved request.
    await page.getByRole('button', { name: 'New tab' }).click();
    await optionsTab.click();
    expect(await timeout.inputValue()).toBe('12');
    expect(await follow.isChecked()).toBe(true);
    expect(await verify.isChecked()).toBe(true);
  });

  it('says a proxy’s user name and password are not saved, and reopens the proxy without them', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Proxied');
    await page.getByRole('button', { name: 'Create' }).click();
    await treeLabel('Proxied').waitFor();

    await page.getByLabel('URL').fill(`${origin}/target`);
    await page.getByRole('tab', { name: /^Options/ }).click();
    const proxy = page.getByRole('textbox', { name: 'Proxy', exact: true });
    await proxy.fill('http://alice:s3cret@127.0.0.1:3128');
    const note = page.getByRole('note').filter({ hasText: 'never saved with the request' });
    await note.waitFor();
    await page.getByLabel('URL').press('Control+s');
    await page.getByLabel('Request name').fill('Via proxy');
    await page.getByLabel('Save in').selectOption({ label: 'Proxied' });
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await treeLabel('Via proxy').waitFor();

    await page.getByTitle('Close Via proxy', { exact: true }).click();
    await treeLabel('Via proxy').click();
    await expect.poll(() => page.getByLabel('URL').inputValue()).toBe(`${origin}/target`);
    await page.getByRole('tab', { name: /^Options/ }).click();
    expect(await proxy.inputValue()).toBe('http://127.0.0.1:3128');
    expect(await note.count()).toBe(0);
  });
});
