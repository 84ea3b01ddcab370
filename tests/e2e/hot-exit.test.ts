import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const e2e = useE2eSession();

const SECRET = 'hotExitSecret/DoNotKeep/ABCDEFGHIJKLMNOP1234';
const TOKEN = 'IQoJb3JpZ2luX2VjHOTEXIT//////////SESSION/TOKEN==';
const KEY_ID = 'ASIAHOTEXITKEEPNOT01';

/** Waits until main holds every edit (the header says "Drafts kept"). */
async function waitUntilKept(page: Page): Promise<void> {
  const status = page.getByTestId('keep-status');
  await expect.poll(() => status.getAttribute('data-state')).toBe('pending');
  await expect.poll(() => status.getAttribute('data-state')).toBe('kept');
}

/** Two tabs with unsaved work: a POST with a header and a JSON body, and a DELETE left active. */
async function typeTwoTabs(page: Page): Promise<void> {
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('URL').fill('https://first.example/items?limit=5');
  await page.getByRole('tab', { name: /^Headers/ }).click();
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1 name').fill('X-Draft');
  await page.getByLabel('Header 1 value').fill('half typed');
  await page.getByRole('tab', { name: /^Body/ }).click();
  await page.getByLabel('Body type').selectOption('json');
  await page.getByLabel('Request body').fill('{"unsaved": "yes"');
  await page.getByRole('button', { name: 'New tab' }).click();
  await page.getByLabel('Method').selectOption('DELETE');
  await page.getByLabel('URL').fill('https://second.example/gone');
}

async function expectTwoTabsBack(page: Page): Promise<void> {
  const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
  await expect.poll(() => tabs.count()).toBe(2);
  // The active tab is the one left active, with its edits and its unsaved-changes dot.
  expect(await page.getByLabel('Method').inputValue()).toBe('DELETE');
  expect(await page.getByLabel('URL').inputValue()).toBe('https://second.example/gone');
  expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
  expect(await page.getByTestId('unsaved-dot').count()).toBe(2);
  await tabs.first().click();
  expect(await page.getByLabel('Method').inputValue()).toBe('POST');
  expect(await page.getByLabel('URL').inputValue()).toBe('https://first.example/items?limit=5');
  await page.getByRole('tab', { name: /^Headers/ }).click();
  expect(await page.getByLabel('Header 1 name').inputValue()).toBe('X-Draft');
  expect(await page.getByLabel('Header 1 value').inputValue()).toBe('half typed');
  await page.getByRole('tab', { name: /^Body/ }).click();
  expect(await page.getByLabel('Body type').inputValue()).toBe('json');
  expect(await page.getByLabel('Request body').textContent()).toBe('{"unsaved": "yes"');
}

/** Every file under `dir`, read as bytes. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

describe('hot exit: nothing typed is lost', () => {
  it('brings back every open tab and unsaved draft after a reload', async () => {
    const { page } = e2e.app;
    await typeTwoTabs(page);
    await waitUntilKept(page);
    await page.reload();
    await page.getByLabel('URL').waitFor();
    await expectTwoTabsBack(page);
  });

  it('brings them back after the browser-mode server restarts on the same data folder', async () => {
    await typeTwoTabs(e2e.app.page);
    await waitUntilKept(e2e.app.page);
    await e2e.app.restart();
    await expectTwoTabsBack(e2e.app.page);
  });

  it('never writes keys typed in the Auth tab to any file, and says they are not kept', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill('https://abc.execute-api.eu-west-1.amazonaws.com/prod/x');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEY_ID);
    await page.getByLabel('Secret access key').fill(SECRET);
    await page.getByLabel('Session token').fill(TOKEN);
    await expect.poll(() => page.getByTestId('typed-keys-not-kept').isVisible()).toBe(true);
    await waitUntilKept(page);
    // The draft itself is on disk; the keys are in no file of the data folder.
    const files = filesUnder(e2e.app.web.dataDir);
    expect(files.find((f) => f.path.endsWith('session.json'))?.text).toContain('abc.execute-api.eu-west-1');
    for (const file of files) {
      expect(file.text, file.path).not.toContain(SECRET);
      expect(file.text, file.path).not.toContain(TOKEN);
      expect(file.text, file.path).not.toContain(KEY_ID);
    }
    await page.reload();
    await page.getByRole('tab', { name: /^Auth/ }).click();
    expect(await page.getByLabel('URL').inputValue()).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/prod/x');
    expect(await page.getByLabel('Secret access key').inputValue()).toBe('');
    expect(await page.getByLabel('Region').inputValue()).toBe('eu-west-1');
  });

  it('asks before closing a tab with unsaved changes; Cancel keeps it, Discard closes it', async () => {
    const { page } = e2e.app;
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
    await page.getByLabel('URL').fill('https://keep.example/me');
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByTitle('Close New request', { exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Close “New request”?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await tabs.count()).toBe(2);
    // The clean tab closes without a question.
    await page.getByTitle('Close New request', { exact: true }).nth(1).click();
    await expect.poll(() => tabs.count()).toBe(1);
    await page.keyboard.press('Alt+w');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Discard changes and close' }).click();
    await expect.poll(() => page.getByLabel('URL').inputValue()).toBe('');
  });

  it('in browser mode warns on unload only while something is not yet on disk', async () => {
    const first = e2e.app.page;
    // The saves are held until the prompt has been answered, so "not yet on disk" is a fact of
    // the test, not a race between the 400 ms save delay and how busy the machine is.
    const held: Route[] = [];
    let release = false;
    await first.route(
      (url) => url.pathname === `/api/invoke/${encodeURIComponent('session:save')}`,
      (route) => (release ? route.continue() : void held.push(route)),
    );
    // Chromium asks only on a page the user has interacted with: a real click and real typing.
    await first.getByLabel('URL').click();
    await first.keyboard.type('https://warn.example/unsaved');
    const asked = new Promise<string>((resolve) =>
      first.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))),
    );
    await first.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    release = true;
    for (const route of held.splice(0)) await route.continue();
    await waitUntilKeptAfterDismiss(first);
    const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    let wasAskedAgain = false;
    first.once('dialog', (d) => {
      wasAskedAgain = true;
      void d.accept();
    });
    await first.close({ runBeforeUnload: true });
    await closed;
    expect(wasAskedAgain).toBe(false);
  });
});

/** After a dismissed unload prompt the page stays, and its save goes through. */
async function waitUntilKeptAfterDismiss(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('keep-status').getAttribute('data-state')).toBe('kept');
}
