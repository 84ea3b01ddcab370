import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSession, VAULT_WAIT } from '../support/e2e-session';

const KEYS = {
  accessKeyId: 'ASIAE2EPASTED0000001',
  secretAccessKey: 'e2ePastedSecret/ABCDEFGHIJKLMNOPQRSTUVWX',
  sessionToken: 'IQoJb3JpZ2luX2VjE2E//////////PASTED+SESSION/TOKEN==',
};

/** What `aws sts assume-role` prints, expiring `minutesLeft` from now. */
function assumeRoleOutput(minutesLeft: number): string {
  const expiration = new Date(Date.now() + minutesLeft * 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return JSON.stringify(
    {
      Credentials: { AccessKeyId: KEYS.accessKeyId, SecretAccessKey: KEYS.secretAccessKey, SessionToken: KEYS.sessionToken, Expiration: expiration },
      AssumedRoleUser: { AssumedRoleId: 'AROAE2E:shomei', Arn: 'arn:aws:sts::123456789012:assumed-role/E2E/shomei' },
    },
    null,
    4,
  );
}

const e2e = useE2eSession({ keys: [KEYS] });


async function composeSigned(path: string) {
  const { page } = e2e.app;
  await page.getByLabel('URL').fill(`${e2e.target.origin}${path}`);
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
  await page.getByLabel('Region').fill('us-east-1');
}

/** Where a control is on screen, and whether a click at its centre reaches it (nothing covers or clips it there). */
async function placed(control: Locator): Promise<{ top: number; bottom: number; left: number; right: number; isOnTop: boolean }> {
  return control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, isOnTop: hit !== null && element.contains(hit) };
  });
}

/** Every control is whole inside the window, uncovered, and no two overlap. */
async function expectLaidOut(page: Page, controls: Record<string, Locator>): Promise<void> {
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  const boxes = Object.entries(controls);
  const placedBoxes: Array<[string, Awaited<ReturnType<typeof placed>>]> = [];
  for (const [name, control] of boxes) placedBoxes.push([name, await placed(control)]);
  for (const [name, box] of placedBoxes) {
    expect(box.top >= 0 && box.left >= 0 && box.bottom <= size.height && box.right <= size.width, `${name} is inside the window: ${JSON.stringify(box)}`).toBe(true);
    expect(box.isOnTop, `${name} is not covered or clipped`).toBe(true);
  }
  for (const [i, [a, boxA]] of placedBoxes.entries())
    for (const [b, boxB] of placedBoxes.slice(i + 1)) {
      const isOverlapping = boxA.left < boxB.right && boxB.left < boxA.right && boxA.top < boxB.bottom && boxB.top < boxA.bottom;
      expect(isOverlapping, `${a} and ${b} overlap`).toBe(false);
    }
}

describe('the Auth form at 1366×768 (a common laptop screen), measured in Chromium', () => {
  it('shows region, service and Send once keys are pasted; nothing clipped or overlapping; Send stays in view while the form scrolls', async () => {
    const { page } = e2e.app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await composeSigned('/prod/fits');
    await page.getByLabel('Paste credentials').fill(assumeRoleOutput(15));
    await expect.poll(() => page.getByLabel('Access key ID').inputValue()).toBe(KEYS.accessKeyId);
    // The vault's passphrase prompt waits until a profile is to be saved: it does not push the form down.
    expect(await page.getByLabel('Vault passphrase').count()).toBe(0);

    const send = page.getByRole('button', { name: 'Send' });
    await expectLaidOut(page, {
      Send: send,
      Method: page.getByLabel('Method'),
      'Auth type': page.getByLabel('Auth type'),
      Region: page.getByLabel('Region'),
      Service: page.getByLabel('Service'),
      Credentials: page.getByLabel('Credentials', { exact: true }),
      Paste: page.getByLabel('Paste credentials'),
      'Access key ID': page.getByLabel('Access key ID'),
      'Secret access key': page.getByLabel('Secret access key'),
    });
    // The page itself never scrolls; only the editor does.
    const pageSize = () =>
      page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth }));
    expect(await pageSize()).toEqual({ scrollHeight: 768, scrollWidth: 1366 });

    // Scrolled down to the form's last buttons, Send is still there to click.
    const checkIdentity = page.getByRole('button', { name: 'Check identity' });
    await page.getByLabel('Service').hover();
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 300);
        const box = await placed(checkIdentity);
        return box.isOnTop && box.bottom <= 768;
      })
      .toBe(true);
    await expectLaidOut(page, {
      Send: send,
      Payload: page.getByLabel('Payload'),
      'Check identity': checkIdentity,
      'Preview signature': page.getByRole('button', { name: 'Preview signature' }),
    });
    expect(await pageSize()).toEqual({ scrollHeight: 768, scrollWidth: 1366 });
    await send.click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
  });
});

describe('pasted temporary credentials, end to end in Chromium', () => {
  it('reads pasted aws sts assume-role output, counts down to its expiry, and sends with it (200)', async () => {
    const { page } = e2e.app;
    await composeSigned('/prod/pasted');
    await page.getByLabel('Paste credentials').fill(assumeRoleOutput(15));
    await expect.poll(() => page.getByLabel('Access key ID').inputValue()).toBe(KEYS.accessKeyId);
    expect(await page.getByLabel('Session token').inputValue()).toBe(KEYS.sessionToken);
    expect(await page.getByTestId('paste-result').textContent()).toMatch(/sts-json.*session token.*123456789012/);
    const countdown = page.getByTestId('credential-expiry');
    expect(await countdown.textContent()).toMatch(/^Expires in 1[45]:\d\d$/);
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent()).not.toBe(first);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    const received = e2e.target.received.at(-1);
    expect(received?.verdict.ok).toBe(true);
    expect(received?.rawHeaders).toContainEqual(['x-amz-security-token', KEYS.sessionToken]);
  });

  it('refuses to send with expired pasted credentials, says when they expired, and sends nothing', async () => {
    const { page } = e2e.app;
    await composeSigned('/prod/expired');
    await page.getByLabel('Paste credentials').fill(assumeRoleOutput(-3));
    await expect.poll(() => page.getByTestId('credential-expiry').textContent()).toMatch(/^Expired 3:0\d ago/);
    const before = e2e.target.received.length;
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByText(/These credentials expired at .* Nothing was sent/).count()).toBe(1);
    expect(e2e.target.received.length).toBe(before);
  });

  it('says what is missing from text it cannot fully read, and fills nothing', async () => {
    const { page } = e2e.app;
    await composeSigned('/prod/x');
    await page.getByLabel('Paste credentials').fill(`export AWS_ACCESS_KEY_ID=${KEYS.accessKeyId}\nexport AWS_SESSION_TOKEN=${KEYS.sessionToken}`);
    expect(await page.getByTestId('paste-result').textContent()).toMatch(/secret access key is missing\. Nothing was filled in/);
    expect(await page.getByLabel('Access key ID').inputValue()).toBe('');
  });

  it('saves pasted keys as a profile in a new passphrase vault; the data folder holds no secret and the profile signs', async () => {
    const { page } = e2e.app;
    const answers: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) void response.text().then((text) => answers.push(text), () => undefined);
    });
    await composeSigned('/prod/profile');
    await page.getByLabel('Paste credentials').fill(assumeRoleOutput(60));
    expect(await page.getByLabel('Vault passphrase').count()).toBe(0);
    await page.getByRole('button', { name: 'Save as profile…' }).click();
    // Browser mode keeps secrets in a passphrase vault: first time, it asks for one, then for the name.
    await page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => page.getByLabel('Vault passphrase').count(), VAULT_WAIT).toBe(0);
    await page.getByLabel('Profile name').fill('e2e pasted');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('auth-note').textContent()).toMatch(/Saved as “e2e pasted”/);
    expect(await page.getByLabel('Credentials', { exact: true }).inputValue()).toBe('profile');
    expect(await page.getByTestId('credential-expiry').textContent()).toMatch(/^Expires in (59|60):\d\d$/);

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.verdict.ok).toBe(true);

    const files = readdirSync(e2e.app.web.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const bytes = Buffer.concat(files.map((e) => readFileSync(join(e.parentPath, e.name))));
    expect(files.map((e) => e.name)).toContain('credentials.json');
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, KEYS.accessKeyId]) expect(bytes.includes(Buffer.from(secret))).toBe(false);

    // The manager lists it as a summary only.
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const row = page.getByTestId('credential-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/e2e pasted.*ASIA…0001.*yes.*Expires in/);

    // Nothing main answered during all this carried a secret (only summaries crossed).
    expect(answers.some((text) => text.includes('ASIA…0001'))).toBe(true);
    // (The key id itself is public: it travels in every Authorization header the inspector shows.)
    for (const secret of [KEYS.secretAccessKey, KEYS.sessionToken, encodeURIComponent(KEYS.sessionToken)]) expect(answers.join('\n')).not.toContain(secret);

    // After a restart the vault is locked until the passphrase is typed again.
    await e2e.app.restart();
    await e2e.app.page.getByRole('button', { name: 'Credentials', exact: true }).click();
    await e2e.app.page.getByLabel('Vault passphrase').fill('not the passphrase');
    await e2e.app.page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => e2e.app.page.getByText('That is not the vault passphrase').count(), VAULT_WAIT).toBe(1);
    await e2e.app.page.getByLabel('Vault passphrase').fill('a long e2e passphrase');
    await e2e.app.page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => e2e.app.page.getByTestId('vault-status').textContent(), VAULT_WAIT).toMatch(/Encrypted with your vault passphrase/);
    // Three scrypt runs at N = 2^17 and two app starts.
  }, 90_000);

  it('manages profiles: create the vault, add typed keys, edit them write-only, rename, delete; an AssumeRole profile edits with its fields back', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'Credentials', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Credentials' });
    await dialog.getByLabel('Vault passphrase').fill('manager passphrase');
    await dialog.getByRole('button', { name: 'Create vault' }).click();
    await expect.poll(() => dialog.getByTestId('vault-status').textContent(), VAULT_WAIT).toMatch(/Encrypted with your vault passphrase/);

    await dialog.getByLabel('Type keys').check();
    await dialog.getByLabel('Name').fill('static dev');
    await dialog.getByLabel('Access key ID').fill('AKIAMANAGERKEY000001');
    await dialog.getByLabel('Secret access key').fill('managerSecret/000000000000000000000000');
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    const rows = dialog.getByTestId('credential-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/static dev.*AKIA…0001.*no.*never/);

    await dialog.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Type keys').check();
    expect(await dialog.getByLabel('Secret access key').inputValue()).toBe('');
    await dialog.getByLabel('Access key ID').fill('AKIAMANAGERKEY000002');
    await dialog.getByLabel('Secret access key').fill('managerSecret/000000000000000000000002');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => rows.first().textContent()).toMatch(/AKIA…0002/);

    await dialog.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New name').fill('static prod');
    await page.getByRole('dialog', { name: /^Rename/ }).getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => rows.first().textContent()).toMatch(/^static prod/);

    await dialog.getByRole('button', { name: 'Delete static prod' }).click();
    await expect.poll(() => rows.count()).toBe(0);

    // An AssumeRole profile: its fields are saved as typed and come back into the form to edit.
    await dialog.getByLabel('Assume a role').check();
    await dialog.getByLabel('Name', { exact: true }).fill('deploy role');
    await dialog.getByLabel('Using').selectOption({ label: 'Environment variables' });
    await dialog.getByLabel('Role ARN').fill('arn:aws:iam::123456789012:role/Deploy');
    await dialog.getByLabel('External ID').fill('ext-42');
    await dialog.getByLabel('Duration (s)').fill('1800');
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/deploy role.*assumes arn:aws:iam::123456789012:role\/Deploy/);
    await dialog.getByRole('button', { name: 'Edit' }).click();
    expect(await dialog.getByLabel('Using').inputValue()).toBe('env');
    expect(await dialog.getByLabel('Role ARN').inputValue()).toBe('arn:aws:iam::123456789012:role/Deploy');
    expect(await dialog.getByLabel('Session name').inputValue()).toBe('shomei');
    expect(await dialog.getByLabel('External ID').inputValue()).toBe('ext-42');
    expect(await dialog.getByLabel('Duration (s)').inputValue()).toBe('1800');
    await dialog.getByLabel('Role ARN').fill('arn:aws:iam::123456789012:role/Release');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => rows.first().textContent()).toMatch(/assumes arn:aws:iam::123456789012:role\/Release/);
  }, 60_000);
});
