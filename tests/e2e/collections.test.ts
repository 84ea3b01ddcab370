import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, openApp } from '../support/app-fixture';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2ECOLLECTIONS01', secretAccessKey: 'e2eCollectionsSecret/00000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });

beforeAll(async () => {
  // The browser-mode server inherits these: saved requests sign with the environment's credentials,
  // so no key is ever typed, saved or shown.
  process.env.AWS_ACCESS_KEY_ID = KEYS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = KEYS.secretAccessKey;
});
afterAll(async () => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

const treeLabel = (name: string) => e2e.app.page.locator('.tree-label', { hasText: name });

describe('collections in browser mode', () => {
  it('saves a request into a folder, keeps it across a server restart, reopens it and sends it', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Orders');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Actions for Orders' }).click();
    await page.getByRole('menuitem', { name: 'New folder' }).click();
    await page.getByLabel('Folder name').fill('Admin');
    await page.getByRole('button', { name: 'Create' }).click();
    await treeLabel('Admin').waitFor();

    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/items?limit=5`);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption('json');
    await page.getByLabel('Request body').fill('{"saved":true}');
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    // Nothing is used implicitly: the request names its credential source, and the save keeps it.
    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Environment variables' });
    await page.getByLabel('Region').fill('us-east-1');

    await page.getByLabel('URL').press('Control+s');
    await page.getByLabel('Request name').fill('Create item');
    await page.getByLabel('Save in').selectOption({ label: 'Orders / Admin' });
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await treeLabel('Create item').waitFor();
    expect(await page.getByTestId('request-name').textContent()).toBe('Create item');

    await e2e.app.restart();
    const reopened = e2e.app.page;
    await treeLabel('Admin').click();
    await treeLabel('Create item').click();
    await expect.poll(() => reopened.getByLabel('URL').inputValue()).toBe(`${e2e.target.origin}/prod/items?limit=5`);
    await reopened.getByRole('button', { name: 'Send' }).click();
    const status = reopened.getByTestId('response-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.verdict.reason).toBe('verified');
    expect(e2e.target.received.at(-1)?.body.toString('utf8')).toBe('{"saved":true}');

    // The send is in history.
    await reopened.getByRole('tab', { name: 'History' }).click();
    await reopened.locator('.history-entry', { hasText: '/prod/items' }).first().waitFor();
  });

  it('imports a curl command with --aws-sigv4, reports the dropped keys, and sends it', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'Import' }).click();
    await page
      .getByLabel('Text to import')
      .fill(
        `curl --aws-sigv4 "aws:amz:us-east-1:execute-api" \\\n  --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{"from":"curl"}' '${e2e.target.origin}/prod/imported'`,
      );
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor();
    expect(await report.textContent()).toMatch(
      /Imported 1 request[\s\S]*--user[\s\S]*set up a credential profile instead/,
    );
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await treeLabel('/prod/imported').click();
    // An import is untrusted until the user trusts it, and names no credentials (its --user was dropped).
    await page.getByRole('region', { name: 'Untrusted collection' }).getByRole('button', { name: /^Trust/ }).click();
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Credentials', { exact: true }).selectOption({ label: 'Environment variables' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.body.toString('utf8')).toBe('{"from":"curl"}');
  });

  it('substitutes environment variables, and blocks a send with an unresolved one', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'Environments' }).click();
    await page.getByLabel('Environment name').fill('dev');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 1 name').fill('baseUrl');
    await page.getByLabel('Variable 1 value').fill(e2e.target.origin);
    await page.getByRole('button', { name: 'Save environment' }).click();
    await page.getByRole('dialog', { name: 'Environments' }).getByRole('status').waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByLabel('URL').fill('{{baseUrl}}/prod/{{missing}}');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/\{\{baseUrl\}\}, \{\{missing\}\}/);
    const problems = page.getByRole('region', { name: 'Problems to fix before sending' });
    expect(await problems.textContent()).toMatch(
      /\{\{baseUrl\}\} has no value — URL[\s\S]*\{\{missing\}\} has no value — URL/,
    );
    await page.getByLabel('Environment').selectOption({ label: 'dev' });
    await page.getByLabel('URL').fill('{{baseUrl}}/prod/env');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
    expect(e2e.target.received.at(-1)?.target).toBe('/prod/env');
  });

  it('filters as you type, deletes with undo', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Text to import').fill(`curl ${e2e.target.origin}/alpha\ncurl -X DELETE ${e2e.target.origin}/beta`);
    await page.getByRole('dialog', { name: 'Import' }).getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Import report' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await treeLabel('/beta').waitFor();
    await page.getByLabel('Filter requests').fill('delete');
    await expect.poll(() => treeLabel('/alpha').count()).toBe(0);
    await page.getByLabel('Filter requests').fill('');
    await treeLabel('/alpha').waitFor();
    await page.getByRole('button', { name: /^Actions for GET/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(() => treeLabel('/alpha').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await treeLabel('/alpha').waitFor();
  });

  it('starts with a corrupt workspace file: moves it aside, says so, and keeps working', async () => {
    await e2e.app.close();
    const dataDir = freshDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'workspace.json'), '{"schemaVersion":1,"data":{"collections":[{"id":');
    e2e.app = await openApp(e2e.browser, dataDir);
    const alert = e2e.app.page.getByRole('alert').filter({ hasText: 'could not read its workspace file' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/workspace\.corrupt-.*\.json/);
    expect(readdirSync(dataDir).some((f) => /^workspace\.corrupt-/.test(f))).toBe(true);
    await e2e.app.page.getByRole('button', { name: 'New collection' }).click();
    await e2e.app.page.getByLabel('Collection name').fill('Fresh');
    await e2e.app.page.getByRole('button', { name: 'Create' }).click();
    await treeLabel('Fresh').waitFor();
  });

  it("hands a collection's AWS auth, headers and variables down to the requests inside", async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Signed');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('button', { name: 'Actions for Signed' }).click();
    await page.getByRole('menuitem', { name: 'Settings…' }).click();
    await page.getByLabel('Auth for requests inside').selectOption('aws-sigv4');
    await page.getByLabel('Credentials from').selectOption('env');
    await page.getByLabel('Settings region').fill('us-east-1');
    await page.getByLabel('Settings service').fill('execute-api');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').last().fill('X-Team');
    await page.getByLabel('Header 1 value').last().fill('blue');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 1 name').fill('path');
    await page.getByLabel('Variable 1 value').fill('inherited');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('dialog').getByRole('status').waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/{{path}}`);
    // Unsaved, the request sees no collection variables; saved into "Signed", it sees its {{path}}.
    const mark = page.locator('.url-bar [data-variable="path"]');
    await expect.poll(() => mark.getAttribute('data-state')).toBe('unresolved');
    await page.getByLabel('URL').press('Control+s');
    await page.getByLabel('Request name').fill('Inherits');
    await page.getByLabel('Save in').selectOption({ label: 'Signed' });
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await treeLabel('Inherits').waitFor();
    await expect.poll(() => mark.getAttribute('data-state')).toBe('resolved');
    expect(await mark.getAttribute('title')).toMatch(/collection “Signed”/);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    const received = e2e.target.received.at(-1);
    expect(received?.target).toBe('/prod/inherited');
    expect(received?.verdict.reason).toBe('verified');
    expect(received?.rawHeaders).toContainEqual(['X-Team', 'blue']);
  });

  it('moves a request by drag and drop and by menu', async () => {
    const { page } = e2e.app;
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Moves');
    await page.getByRole('button', { name: 'Create' }).click();
    for (const name of ['From', 'To']) {
      await page.getByRole('button', { name: 'Actions for Moves' }).click();
      await page.getByRole('menuitem', { name: 'New folder' }).click();
      await page.getByLabel('Folder name').fill(name);
      await page.getByRole('button', { name: 'Create' }).click();
      await treeLabel(name).waitFor();
    }
    await page.getByLabel('URL').fill(`${e2e.target.origin}/moved`);
    await page.getByLabel('URL').press('Control+s');
    await page.getByLabel('Request name').fill('Traveller');
    await page.getByLabel('Save in').selectOption({ label: 'Moves / From' });
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await treeLabel('Traveller').waitFor();
    await page.locator('.tree-row', { hasText: 'Traveller' }).dragTo(page.locator('.tree-row', { hasText: 'To' }));
    await page.getByRole('status').filter({ hasText: 'Moved into “To”' }).waitFor();
    await treeLabel('Traveller').click();
    await expect.poll(() => page.locator('.request-location').textContent()).toBe('Moves / To › ');
    await page.getByRole('button', { name: 'Actions for Traveller' }).click();
    await page.getByRole('menuitem', { name: 'Move to…' }).click();
    await page.getByLabel('Move to').selectOption({ label: 'Moves / From' });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Moved “Traveller”' }).waitFor();
    await treeLabel('Traveller').click();
    await expect.poll(() => page.locator('.request-location').textContent()).toBe('Moves / From › ');
  });
});
