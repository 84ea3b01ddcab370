import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const e2e = useE2eSession();


describe('tabs of open requests', () => {
  it('opens, switches (each keeps its own request), reorders, marks unsaved changes and closes', async () => {
    const { page } = e2e.app;
    const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
    await page.getByLabel('URL').fill('https://first.example/one');
    await page.getByRole('button', { name: 'New tab' }).click();
    await expect.poll(() => tabs.count()).toBe(2);
    expect(await page.getByLabel('URL').inputValue()).toBe('');
    await page.getByLabel('Method').selectOption('DELETE');
    await page.getByLabel('URL').fill('https://second.example/two');
    await tabs.first().click();
    expect(await page.getByLabel('URL').inputValue()).toBe('https://first.example/one');
    await tabs.nth(1).click();
    expect(await page.getByLabel('Method').inputValue()).toBe('DELETE');

    // Alt+T opens a tab (Ctrl+T belongs to the browser here), Alt+L focuses the URL.
    await page.keyboard.press('Alt+t');
    await expect.poll(() => tabs.count()).toBe(3);
    await page.getByRole('button', { name: 'Send' }).focus();
    await page.keyboard.press('Alt+l');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('URL');

    // Reorder with the keyboard: the DELETE tab moves to the front.
    await tabs.nth(1).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    expect(await tabs.first().textContent()).toMatch(/^DELETE/);

    // Save the active request: no dot; edit it: a dot.
    await tabs.first().click();
    await page.getByRole('button', { name: 'Save as' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Second');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => tabs.first().textContent()).toBe('DELETE Second');
    await page.getByLabel('URL').fill('https://second.example/changed');
    await expect.poll(() => tabs.first().getByTestId('unsaved-dot').count()).toBe(1);

    // Both remaining closes discard unsaved changes, so each asks first.
    await page.getByTitle('Close Second', { exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes and close' }).click();
    await expect.poll(() => tabs.count()).toBe(2);
    await page.keyboard.press('Alt+w');
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes and close' }).click();
    await expect.poll(() => tabs.count()).toBe(1);
  });

  it('switches between light and dark themes and remembers the choice', async () => {
    const { page } = e2e.app;
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.getByLabel('Theme').selectOption('dark');
    expect(await background()).toBe('rgb(21, 24, 30)');
    await page.getByLabel('Theme').selectOption('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    // "System" follows the operating system's preference.
    await page.getByLabel('Theme').selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(21, 24, 30)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.getByLabel('Theme').selectOption('light');
    await page.reload();
    await page.getByLabel('URL').waitFor();
    expect(await page.getByLabel('Theme').inputValue()).toBe('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
  });

  it('keeps a default timeout for new tabs', async () => {
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Options/ }).click();
    await page.getByLabel('Timeout (s)').fill('7');
    await page.getByLabel('Follow redirects').uncheck();
    await page.getByRole('button', { name: 'Remember timeout and redirects as the default' }).click();
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByRole('tab', { name: /^Options/ }).click();
    expect(await page.getByLabel('Timeout (s)').inputValue()).toBe('7');
    expect(await page.getByLabel('Follow redirects').isChecked()).toBe(false);
    // Only the new tab's defaults changed: no unsaved-change dot on it.
    expect(await page.getByTestId('unsaved-dot').count()).toBe(1);
  });
});
