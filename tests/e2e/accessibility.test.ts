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

  it('draws 署名 and the lock as SVG (no CJK or emoji font needed) and names them for screen readers, in both themes', async () => {
    const { page } = e2e.app;
    await expect.poll(() => page.getByRole('heading', { name: 'Shomei 署名', level: 1 }).count()).toBe(1);
    // Create the passphrase vault, so the credential manager shows its lock line.
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    await dialog.getByLabel('Vault passphrase').fill('a11y glyph passphrase');
    await dialog.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => dialog.getByTestId('vault-status').textContent(), { timeout: 20_000 }).toMatch(/Encrypted with your vault passphrase/);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((value) => document.documentElement.setAttribute('data-theme', value), theme);
      const drawn = await page.evaluate(() => {
        // Text a font must supply: CJK ideographs and kana, and emoji.
        const needsFont = /[\u3040-\u30ff\u3400-\u9fff\u{1F300}-\u{1FAFF}]/u;
        const glyphs = document.querySelector('h1 svg[role="img"]');
        const lock = document.querySelector('[data-testid="vault-status"] svg');
        const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
          const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
        };
        const contrastWithBackground = (element: Element) => {
          let behind: Element | null = element.parentElement;
          while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] === 0 || getComputedStyle(behind).backgroundColor === 'transparent'))
            behind = behind.parentElement;
          const [a, b] = [luminance(rgb(getComputedStyle(element).fill)), luminance(rgb(getComputedStyle(behind ?? document.body).backgroundColor))];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        };
        const box = (element: Element | null) => element?.getBoundingClientRect() ?? { width: 0, height: 0 };
        return {
          textNeedingAFont: (document.body.textContent ?? '').match(needsFont)?.[0] ?? null,
          glyphs: { width: box(glyphs).width > 0, height: box(glyphs).height > 0, paths: glyphs?.querySelectorAll('path').length },
          contrast: glyphs ? contrastWithBackground(glyphs) : 0,
          lockHidden: lock?.getAttribute('aria-hidden'),
          lockDrawn: box(lock).width > 0,
        };
      });
      expect(drawn.textNeedingAFont, theme).toBeNull();
      expect(drawn.glyphs, theme).toEqual({ width: true, height: true, paths: 2 });
      // Drawn text is held to the text contrast rule axe applies to letters (it does not check SVG).
      expect(drawn.contrast, theme).toBeGreaterThanOrEqual(4.5);
      expect(drawn.lockHidden, theme).toBe('true');
      expect(drawn.lockDrawn, theme).toBe(true);
      await expectNoViolations(page, `the app name and lock (${theme})`);
    }
  }, 40_000);
});
