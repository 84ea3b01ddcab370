import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../support/axe';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIDA11YEXAMPLE00001', secretAccessKey: 'a11ySecret/K7MDENG+bPxRfiCYEXAMPLEKEY0' };
const e2e = useE2eSession({ keys: [KEYS] });

/** axe-core finds nothing on what the page shows now. */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(
    violations.map((v) => v.id),
    `${where}:\n${describeViolations(violations)}`,
  ).toEqual([]);
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });
}

async function sendSigned(page: Page, secret: string): Promise<void> {
  await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/items?a=1`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(secret);
  await page.getByLabel('Region').fill('us-east-1');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('response-status').waitFor();
}

describe('accessibility (axe-core injected through the DevTools protocol)', () => {
  it('finds no violation in the main window, its dialogs and the response view, light and dark', async () => {
    const { page } = e2e.app;
    for (const theme of ['light', 'dark']) {
      await page.getByLabel('Theme').selectOption(theme);
      await expectNoViolations(page, `main window (${theme})`);
    }
    for (const [button, dialog] of [
      ['Credentials', 'Credentials'],
      ['Import', 'Import'],
      ['Code', 'Code'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await expectNoViolations(page, `${dialog} dialog (dark)`);
      await page.keyboard.press('Escape');
    }
    await page.getByLabel('Theme').selectOption('light');
    await sendSigned(page, KEYS.secretAccessKey);
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    for (const theme of ['light', 'dark']) {
      await page.getByLabel('Theme').selectOption(theme);
      const tabs = page.getByRole('tablist', { name: 'Response' }).getByRole('tab');
      for (let i = 0; i < (await tabs.count()); i += 1) {
        await tabs.nth(i).click();
        await expectNoViolations(page, `response ${await tabs.nth(i).textContent()} (${theme})`);
      }
    }
    // A refused signature: the AWS error panel and the signature diff.
    await page.getByLabel('Theme').selectOption('light');
    await sendSigned(page, `${KEYS.secretAccessKey}x`);
    await expect.poll(() => page.getByTestId('response-status').textContent()).toMatch(/^403/);
    await expectNoViolations(page, 'a 403 SignatureDoesNotMatch response');
  });

  it('tabs follow the WAI-ARIA pattern: arrows, Home and End move focus and selection together', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByRole('button', { name: 'New tab' }).click();
    const open = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
    await open.nth(2).focus();
    const selected = async () =>
      (await open.evaluateAll((els) => els.map((el) => el.getAttribute('aria-selected')))).indexOf('true');
    const focused = () => open.evaluateAll((els) => els.indexOf(document.activeElement as HTMLElement));
    await page.keyboard.press('ArrowRight');
    expect([await selected(), await focused()]).toEqual([0, 0]);
    await page.keyboard.press('End');
    expect([await selected(), await focused()]).toEqual([2, 2]);
    await page.keyboard.press('Home');
    expect([await selected(), await focused()]).toEqual([0, 0]);
    await page.keyboard.press('ArrowLeft');
    expect([await selected(), await focused()]).toEqual([2, 2]);
    // Only the selected tab is a Tab stop (roving tabindex); Delete closes the focused tab.
    expect(await open.evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')))).toEqual(['-1', '-1', '0']);
    await page.keyboard.press('Delete');
    await expect.poll(() => open.count()).toBe(2);

    // The request editor's own tabs (Params, Headers, …) behave the same.
    const parts = page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab');
    await parts.first().focus();
    await page.keyboard.press('End');
    const last = parts.last();
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await last.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Home');
    expect(
      await parts
        .first()
        .evaluate((el) => el === document.activeElement && el.getAttribute('aria-selected') === 'true'),
    ).toBe(true);
  });

  it('a skip link, the first Tab stop, reaches the request editor', async () => {
    const { page } = e2e.app;
    // A fresh page: the first Tab starts from the top of the document.
    await page.reload();
    await page.getByLabel('URL').waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Skip to the request editor');
    expect(await page.getByRole('link', { name: 'Skip to the request editor' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focusedLabel(page)).toBe('URL');
  });

  it('dialogs keep the focus inside while open and give it back when closed', async () => {
    const { page } = e2e.app;
    const opener = page.getByRole('button', { name: 'Import', exact: true });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.waitFor();
    const isInside = () => dialog.evaluate((el) => el.contains(document.activeElement));
    // The trap moves the focus in once the dialog is shown; tabbing starts after that, as a person's would.
    await expect.poll(isInside).toBe(true);
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect(await isInside(), `Tab ${i + 1} stays in the dialog`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
