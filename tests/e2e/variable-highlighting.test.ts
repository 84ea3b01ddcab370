import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSession, VAULT_WAIT } from '../support/e2e-session';

const SECRET = 'e2e-highlight-secret-value-0042';

const e2e = useE2eSession({ appPer: 'file' });


/** What a marked reference says: its state and its tooltip. */
async function markOf(reference: Locator): Promise<{ state: string | null; title: string | null }> {
  return { state: await reference.getAttribute('data-state'), title: await reference.getAttribute('title') };
}

describe('{{variables}} are marked before sending', () => {
  it('marks references in the URL, a header and the JSON body unresolved, resolved once an environment sets them, and unresolved again when the vault locks or the environment is switched off', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill('{{host}}/x');
    const inUrl = page.locator('.url-bar [data-variable="host"]');
    await expect
      .poll(() => markOf(inUrl))
      .toEqual({
        state: 'unresolved',
        title: '{{host}} has no value: no active environment',
      });
    expect(await inUrl.textContent()).toBe('{{host}}');
    expect(await page.getByLabel('URL').getAttribute('title')).toBe('{{host}} has no value: no active environment');
    const note = page.getByTestId('unresolved-variables');
    expect(await note.textContent()).toBe(
      '{{host}} has no value: no active environment — choose or create an environment that sets it, or Send will stop.',
    );

    await page.getByRole('tab', { name: /^Headers/ }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Host');
    await page.getByLabel('Header 1 value').fill('{{host}}; {{token}}');
    const headers = page.getByRole('table', { name: 'Headers' });
    const inHeader = headers.locator('[data-variable="host"]');
    await expect
      .poll(() => markOf(inHeader))
      .toEqual({
        state: 'unresolved',
        title: '{{host}} has no value: no active environment',
      });
    expect(await headers.locator('[data-variable="token"]').getAttribute('data-state')).toBe('unresolved');
    expect(await note.textContent()).toMatch(/^\{\{host\}\}, \{\{token\}\} have no value/);
    // The mirror behind the input draws with the input's own font and padding, so the marks sit under the text.
    const mirrorStyle = await page.getByLabel('Header 1 value').evaluate((input) => {
      const mirror = input.parentElement?.querySelector('.var-mirror');
      const pick = (el: Element) => {
        const style = getComputedStyle(el);
        return [style.fontFamily, style.fontSize, style.paddingLeft, style.borderLeftWidth].join(' | ');
      };
      return mirror ? { input: pick(input), mirror: pick(mirror) } : undefined;
    });
    expect(mirrorStyle?.mirror).toBe(mirrorStyle?.input);

    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption('json');
    await page.getByLabel('Request body').fill('{"host": "{{host}}"}');
    const inBody = page.locator('.code-editor [data-variable="host"]');
    await expect
      .poll(() => markOf(inBody))
      .toEqual({
        state: 'unresolved',
        title: '{{host}} has no value: no active environment',
      });

    // Browser mode keeps secret values in a passphrase vault: create it first.
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const credentials = page.getByRole('dialog', { name: 'Credentials' });
    await credentials.getByLabel('Vault passphrase').fill('highlight passphrase');
    await credentials.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => credentials.getByTestId('vault-status').textContent(), VAULT_WAIT).toMatch(/Encrypted/);
    await credentials.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('button', { name: 'Environments' }).click();
    await page.getByLabel('Environment name').fill('dev');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 1 name').fill('host');
    await page.getByLabel('Variable 1 value').fill('api.example.com');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 2 name').fill('token');
    await page.getByLabel('Variable 2 value').fill(SECRET);
    await page.getByLabel('Variable 2 is secret').check();
    await page.getByRole('button', { name: 'Save environment' }).click();
    expect(await page.getByRole('dialog', { name: 'Environments' }).getByRole('status').textContent()).toBe('Saved');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    // Saved but not active yet: still unresolved, now naming no environment.
    expect(await inBody.getAttribute('data-state')).toBe('unresolved');

    await page.getByLabel('Environment').selectOption({ label: 'dev' });
    const resolved = { state: 'resolved', title: '{{host}} = api.example.com — from environment “dev”' };
    await expect.poll(() => markOf(inBody)).toEqual(resolved);
    expect(await markOf(inUrl)).toEqual(resolved);
    await page.getByRole('tab', { name: /^Headers/ }).click();
    expect(await markOf(inHeader)).toEqual(resolved);
    expect(await markOf(headers.locator('[data-variable="token"]'))).toEqual({
      state: 'resolved',
      title: '{{token}} — secret, from environment “dev”',
    });
    expect(await note.count()).toBe(0);
    expect(await page.content()).not.toContain(SECRET);

    // Locking the vault leaves the secret without a value: main says so, and the mark follows.
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    await credentials.getByRole('button', { name: 'Lock' }).click();
    await credentials.getByRole('button', { name: 'Close', exact: true }).click();
    await expect
      .poll(() => markOf(headers.locator('[data-variable="token"]')))
      .toEqual({
        state: 'unresolved',
        title: '{{token}} is secret and has no value here: set it again in environment “dev”, or unlock the vault',
      });
    expect(await markOf(inHeader)).toEqual(resolved);
    expect(await note.textContent()).toBe(
      '{{token}} has no value in environment “dev” — set it there, or Send will stop.',
    );

    // Switching the environment off: the marks follow main's word at once.
    await page.getByLabel('Environment').selectOption({ label: 'No environment' });
    await expect.poll(() => inUrl.getAttribute('data-state')).toBe('unresolved');
    expect(await note.textContent()).toMatch(/^\{\{host\}\}, \{\{token\}\} have no value: no active environment/);
  });

  it('marks references in the Params table, multipart parts, the file path and the signing region', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByLabel('URL').fill('https://example.com/x?tag={{tag}}');
    await page.getByRole('tab', { name: /^Params/ }).click();
    await expect
      .poll(() =>
        page.locator('.var-field:has([aria-label="Param 1 value"]) [data-variable="tag"]').getAttribute('data-state'),
      )
      .toBe('unresolved');
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption('multipart');
    await page.getByRole('button', { name: 'Add file part' }).click();
    await page.getByLabel('Part 1 file path').fill('{{dataDir}}/photo.jpg');
    expect(
      await page
        .locator('.var-field:has([aria-label="Part 1 file path"]) [data-variable="dataDir"]')
        .getAttribute('data-state'),
    ).toBe('unresolved');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Region').fill('{{$timestamp}}{{awsRegion}}');
    const region = page.locator('.var-field:has(#aws-region)');
    expect(await region.locator('[data-variable="awsRegion"]').getAttribute('data-state')).toBe('unresolved');
    expect(await region.locator('[data-variable="$timestamp"]').getAttribute('data-state')).toBe('resolved');
    expect(await page.getByTestId('unresolved-variables').textContent()).toMatch(/\{\{awsRegion\}\}/);
  });
});
