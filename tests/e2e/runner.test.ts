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

/** A collection of one request whose path is a data file's `item` column, checked for 200. */
function itemsCollectionFile(origin: string): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: {
      id: 'runner-data-e2e',
      name: 'Runner items',
      settings: { variables: [{ id: 'v1', name: 'baseUrl', value: origin }] },
      items: [
        {
          kind: 'request',
          id: 'item',
          name: 'Get item',
          method: 'GET',
          url: '{{baseUrl}}/items/{{item}}',
          checks: [{ id: 'c1', target: { kind: 'status' }, operator: 'equals', expected: '200' }],
        },
      ],
    },
  });
}

async function importCollection(
  file = collectionFile(e2e.target.origin),
  names = { collection: 'Runner orders', request: 'Create order' },
) {
  const { page } = e2e.app;
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Text to import').fill(file);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Import report' }).waitFor();
  await dialog
    .getByRole('button', { name: /Close|Done/ })
    .first()
    .click();
  await page.locator('.tree-label', { hasText: names.collection }).waitFor();
  // An imported collection is untrusted until the user trusts it: open one of its requests, then
  // trust it from the banner (main refuses to sign or send for it before that).
  await page.locator('.tree-label', { hasText: names.request }).click();
  await page.getByRole('button', { name: `Trust “${names.collection}”` }).click();
  await page.getByRole('button', { name: `Trust “${names.collection}”` }).waitFor({ state: 'detached' });
}

/**
 * Routes `/items/<name>` for each name: 500 for `bad`, 200 otherwise. With `holdUntil`, a request
 * is answered only once that many are in flight (so a run that sends fewer at once than it should
 * never gets its answers in time, and fails). Returns the most ever in flight.
 */
function itemRoutes(names: string[], holdUntil?: number): { maxInFlight: () => number } {
  let inFlight = 0;
  let max = 0;
  const waiting: Array<() => void> = [];
  for (const name of names)
    e2e.target.routes.set(`/items/${name}`, (_req, res) => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      const answer = () => {
        inFlight -= 1;
        res.writeHead(name === 'bad' ? 500 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ item: name }));
      };
      if (holdUntil === undefined) return answer();
      waiting.push(answer);
      if (waiting.length >= holdUntil) for (const next of waiting.splice(0)) next();
    });
  return { maxInFlight: () => max };
}

async function openRunner(collection: string) {
  const { page } = e2e.app;
  await page.getByRole('button', { name: `Actions for ${collection}` }).click();
  await page.getByRole('menuitem', { name: 'Run…' }).click();
  return page.getByRole('dialog', { name: `Run “${collection}”` });
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

  it('a CSV data file gives one iteration per row, 2 requests at once; "Stop at the first failure" stops the run', async () => {
    await importCollection(itemsCollectionFile(e2e.target.origin), { collection: 'Runner items', request: 'Get item' });
    const routes = itemRoutes(['a', 'b', 'c', 'd'], 2);
    const dialog = await openRunner('Runner items');
    await dialog.locator('#run-data').setInputFiles({
      name: 'items.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('item\na\nb\nc\nd\n'),
    });
    await dialog.getByText('items.csv: one iteration per row').waitFor();
    expect(await dialog.getByLabel('Iterations').isDisabled()).toBe(true);
    await dialog.getByLabel('Requests at once').fill('2');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const totals = dialog.getByTestId('run-totals');
    await expect
      .poll(() => totals.textContent(), { timeout: 30_000 })
      .toMatch(/^4 of 4 · 0 failed · 4\/4 checks passed · done/);
    // Each row's item was sent, two at a time and never more (each answer waited for a second request).
    const items = e2e.target.received.filter((r) => r.target.startsWith('/items/')).map((r) => r.target);
    expect(items.sort()).toEqual(['/items/a', '/items/b', '/items/c', '/items/d']);
    expect(routes.maxInFlight()).toBe(2);

    // One at a time, stopping at the first failure: the rows after `bad` are never sent.
    itemRoutes(['a', 'bad', 'c', 'd']);
    await dialog.locator('#run-data').setInputFiles({
      name: 'with-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('item\na\nbad\nc\nd\n'),
    });
    await dialog.getByText('with-bad.csv: one iteration per row').waitFor();
    await dialog.getByLabel('Requests at once').fill('1');
    await dialog.getByLabel('Stop at the first failure').check();
    const before = e2e.target.received.length;
    await dialog.getByRole('button', { name: 'Run again' }).click();
    await expect
      .poll(() => totals.textContent(), { timeout: 30_000 })
      .toMatch(/^4 of 4 · 1 failed · 1\/2 checks passed · done in [\d.]+ s \(stopped at the first failure\)$/);
    expect(e2e.target.received.slice(before).map((r) => r.target)).toEqual(['/items/a', '/items/bad']);
    // The rows after the failure are listed as skipped, not sent.
    const outcomes = await dialog
      .getByRole('region', { name: 'Run results' })
      .locator('tbody tr td:last-child')
      .allTextContents();
    expect(outcomes).toEqual(['passed', 'failed', 'skipped', 'skipped']);
    expect(await dialog.getByRole('region', { name: 'Run results' }).textContent()).toContain(
      'status equals 200: expected 200, got 500',
    );
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
