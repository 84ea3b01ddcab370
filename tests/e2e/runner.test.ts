import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2ERUNNER0000001', secretAccessKey: 'e2eRunnerSecret/000000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });
let created = 0;

beforeAll(() => {
  // Saved requests sign with the environment's keys: the collection names that source.
  process.env.AWS_ACCESS_KEY_ID = KEYS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = KEYS.secretAccessKey;
  e2e.target.routes.set('/orders', (req, res, received) => {
    const ok = received.verdict.ok && req.method === 'POST';
    res.writeHead(ok ? 201 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { id: `order-${(created += 1)}` } : { message: received.verdict.reason }));
  });
});
afterAll(() => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

/** A Shomei collection: create an order (check 201, capture its id), then read it back by id. */
function collectionFile(origin: string): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'runner-e2e',
      name: 'Runner orders',
      settings: {
        auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'us-east-1', service: 'execute-api' },
        variables: [{ id: 'v1', name: 'baseUrl', value: origin }],
      },
      items: [
        {
          kind: 'request',
          id: 'create',
          name: 'Create order',
          method: 'POST',
          url: '{{baseUrl}}/orders',
          checks: [{ id: 'c1', target: { kind: 'status' }, operator: 'equals', expected: '201' }],
          captures: [{ id: 'k1', variable: 'orderId', from: { kind: 'json-path', path: '$.id' } }],
        },
        {
          kind: 'request',
          id: 'get',
          name: 'Get order',
          method: 'GET',
          url: '{{baseUrl}}/orders/{{orderId}}',
          checks: [
            { id: 'c2', target: { kind: 'json-path', path: '$.verified' }, operator: 'equals', expected: 'true' },
            {
              id: 'c3',
              target: { kind: 'json-path', path: '$.target' },
              operator: 'equals',
              expected: '/orders/{{orderId}}',
            },
          ],
        },
      ],
    },
  });
}

async function importCollection() {
  const { page } = e2e.app;
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Text to import').fill(collectionFile(e2e.target.origin));
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Import report' }).waitFor();
  await dialog
    .getByRole('button', { name: /Close|Done/ })
    .first()
    .click();
  await page.locator('.tree-label', { hasText: 'Runner orders' }).waitFor();
  // An imported collection is untrusted until the user trusts it: open one of its requests, then
  // trust it from the banner (main refuses to sign or send for it before that).
  await page.locator('.tree-label', { hasText: 'Create order' }).click();
  await page.getByRole('button', { name: 'Trust “Runner orders”' }).click();
  await page.getByRole('button', { name: 'Trust “Runner orders”' }).waitFor({ state: 'detached' });
}

describe('collections as tests in the window', () => {
  it('runs a collection: captured id chained, checks pass, live results, JUnit export; re-runs the failed', async () => {
    const { page } = e2e.app;
    await importCollection();
    await page.getByRole('button', { name: 'Actions for Runner orders' }).click();
    await page.getByRole('menuitem', { name: 'Run…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run “Runner orders”' });
    await dialog.getByLabel('Iterations').fill('3');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const totals = dialog.getByTestId('run-totals');
    await expect
      .poll(() => totals.textContent(), { timeout: 30_000 })
      .toMatch(/^6 of 6 · 0 failed · 9\/9 checks passed · done/);
    const rows = dialog.getByRole('region', { name: 'Run results' }).locator('tbody tr');
    expect(await rows.count()).toBe(6);
    const second = (await rows.nth(1).textContent()) ?? '';
    for (const part of ['GET Get order', '200', '2/2', 'passed']) expect(second).toContain(part);
    // Each iteration read back the order it created, signed (the verifier accepted every request).
    const gets = e2e.target.received.filter((r) => r.method === 'GET' && r.target.startsWith('/orders/'));
    expect(gets.slice(-3).map((r) => [r.target, r.verdict.ok])).toEqual([
      [`/orders/order-${created - 2}`, true],
      [`/orders/order-${created - 1}`, true],
      [`/orders/order-${created}`, true],
    ]);
    expect(await dialog.getByRole('table', { name: 'Time per request' }).locator('tr').count()).toBe(2);

    const [junit] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export JUnit' }).click(),
    ]);
    const xml = readFileSync((await junit.path()) as string, 'utf8');
    expect(xml).toContain('<testsuites name="Runner orders" tests="6" failures="0" errors="0" skipped="0"');
    expect(xml).not.toContain(KEYS.secretAccessKey);

    // Make the second request fail and re-run only the failed one.
    e2e.target.routes.set('/orders', (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"down"}');
    });
    await dialog.getByLabel('Iterations').fill('1');
    await dialog.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => totals.textContent(), { timeout: 30_000 }).toMatch(/^2 of 2 · 2 failed/);
    expect(await dialog.getByRole('region', { name: 'Run results' }).textContent()).toContain(
      'status equals 201: expected 201, got 500',
    );
    const before = e2e.target.received.length;
    await dialog.getByRole('button', { name: 'Re-run failed' }).click();
    await expect.poll(() => totals.textContent(), { timeout: 30_000 }).toMatch(/ · done/);
    expect(e2e.target.received.length - before).toBeGreaterThan(0);
    await page.screenshot({ path: 'tests/e2e/screenshots/runner.png' });
    await page.keyboard.press('Escape');
  });

  it('the Tests tab: a check added in the editor is evaluated by main and shown with expected and actual', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/items`);
    await page
      .getByRole('tablist', { name: 'Request parts' })
      .getByRole('tab', { name: /^Tests/ })
      .click();
    await page.getByRole('button', { name: 'Add check' }).click();
    await page.getByLabel('Check 1 expected').fill('403');
    await page.getByRole('button', { name: 'Add check' }).click();
    await page.getByLabel('Check 2 reads').selectOption('json-path');
    await page.getByLabel('Check 2 jsonpath').fill('$.message');
    await page.getByLabel('Check 2 test').selectOption('contains');
    await page.getByLabel('Check 2 expected').fill('MissingAuthenticationToken');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    await page
      .getByRole('tablist', { name: 'Response parts' })
      .getByRole('tab', { name: /^Tests/ })
      .click();
    await expect.poll(() => page.getByTestId('tests-summary').textContent()).toBe('All 2 checks passed.');
    await page.getByLabel('Check 1 expected').fill('200');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByTestId('tests-summary').textContent()).toBe('1 of 2 checks failed.');
    expect(await page.getByRole('table', { name: 'Check results' }).textContent()).toMatch(
      /✗ failedstatus equals 200200403/,
    );
  });
});
