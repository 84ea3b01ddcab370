import type { ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIDSMALLTHINGS00001', secretAccessKey: 'smallThingsSecret/K7MDENG+bPxRfiCYEXAMP' };
const e2e = useE2eSession({ keys: [KEYS] });

async function signedTo(page: Page, path: string): Promise<void> {
  await page.getByLabel('URL').fill(`${e2e.target.origin}${path}`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
  await page.getByLabel('Region').fill('us-east-1');
}

/** An S3-style SignatureDoesNotMatch that quotes the canonical request AWS computed. */
function mismatchRoute(change: (canonical: string) => string) {
  return (
    _req: unknown,
    res: ServerResponse,
    received: { verdict: { canonicalRequest?: string } },
  ) => {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><CanonicalRequest>${change(received.verdict.canonicalRequest ?? '')}</CanonicalRequest></Error>`,
    );
  };
}

describe('smaller things people hit', () => {
  it('a disabled button looks disabled', async () => {
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    const save = page.getByRole('button', { name: 'Save as profile…' });
    expect(await save.isDisabled()).toBe(true);
    const look = () => save.evaluate((el) => [getComputedStyle(el).opacity, getComputedStyle(el).cursor]);
    expect(await look()).toEqual(['0.5', 'not-allowed']);
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    expect(await save.isDisabled()).toBe(false);
    expect(await look()).toEqual(['1', 'pointer']);
  });

  it('after a successful import the Import button is done: no second copy', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel('Text to import').fill('curl https://once.example/items -H "X-A: 1"');
    const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    await dialog.getByRole('region', { name: 'Import report' }).waitFor();
    expect(await importButton.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const listed = await e2e.app.page.evaluate(async () => {
      const token = sessionStorage.getItem('shomei.launchToken');
      const answer = await fetch('/api/invoke/collections%3Alist', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ input: {} }),
      });
      return ((await answer.json()) as { value: unknown[] }).value.length;
    });
    expect(listed).toBe(1);
  });

  it('refuses a header value outside Latin-1 before sending, with a clear message', async () => {
    const { page } = e2e.app;
    await signedTo(page, '/prod/latin1');
    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Test');
    await page.getByLabel('Header 1 value').fill('price 100€');
    const before = e2e.target.received.length;
    await page.getByRole('button', { name: 'Send' }).click();
    const problems = page.getByRole('region', { name: 'Problems to fix before sending' });
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/header X-Test contains “€” \(U\+20AC\).*Latin-1/);
    expect(e2e.target.received.length).toBe(before);
  });

  it('"Check identity" results go away when the credential source changes', async () => {
    const { page } = e2e.app;
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Credentials', { exact: true }).selectOption('aws-profile');
    await page.getByLabel('AWS profile').fill('no-such-profile-here');
    await page.getByRole('button', { name: 'Check identity' }).click();
    const note = page.getByTestId('auth-note');
    await expect.poll(() => note.textContent()).not.toMatch(/Asking STS/);
    expect(await note.count()).toBe(1);
    await page.getByLabel('AWS profile').fill('another-profile');
    expect(await note.count()).toBe(0);
  });

  it('the Code dialog: "Copied" resets when the language changes; the picker stays in view for long code', async () => {
    const { page, context } = e2e.app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.app.web.origin });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('URL').fill('https://abc.execute-api.us-east-1.amazonaws.com/prod/items');
    await page.getByRole('tab', { name: /^Body/ }).click();
    await page.getByLabel('Body type').selectOption('json');
    const long = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ i, name: `item ${i}` })) }, null, 2);
    await page.getByLabel('Request body').fill(long);
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    await dialog.getByLabel('Language').selectOption({ index: 2 });
    expect(await dialog.getByRole('button', { name: 'Copied' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Copy' }).count()).toBe(1);
    // Scrolled to the end of the code (and of the dialog), the picker is still on screen.
    await dialog.getByTestId('generated-code').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await dialog.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const box = await dialog.getByLabel('Language').boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
  });

  it('the signature diff prints its legend only when there is a difference', async () => {
    const { page } = e2e.app;
    e2e.target.routes.set(
      '/prod/same',
      mismatchRoute((canonical) => canonical),
    );
    e2e.target.routes.set(
      '/prod/differs',
      mismatchRoute((canonical) => canonical.replace('/prod/differs', '/prod/DIFFERS')),
    );
    await signedTo(page, '/prod/same');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('aws-error-culprit').waitFor();
    expect(await page.getByTestId('aws-error-culprit').textContent()).toMatch(/secret/i);
    expect(await page.getByTestId('diff-legend').count()).toBe(0);
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/differs`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByTestId('diff-legend').count()).toBe(1);
  });
});
