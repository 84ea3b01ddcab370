import { describe, expect, it } from 'vitest';
import { CollectionSchema, type Collection } from '../../../../shared/contract/collections';
import type { ResponseSummary } from '../../../../shared/contract/http';
import { ShomeiError } from '../../../../shared/errors';
import { planRun, runSteps, type RunStep, type StepSender } from '../../../../electron/core/runner/run-collection';

function collection(): Collection {
  return CollectionSchema.parse({
    id: 'c',
    name: 'Orders',
    items: [
      {
        kind: 'request',
        id: 'create',
        name: 'Create',
        method: 'POST',
        url: 'https://api.test/orders',
        captures: [{ id: 'k', variable: 'orderId', from: { kind: 'json-path', path: '$.id' } }],
        checks: [{ id: 's', target: { kind: 'status' }, operator: 'equals', expected: '201' }],
      },
      {
        kind: 'folder',
        id: 'f',
        name: 'Reads',
        items: [
          {
            kind: 'request',
            id: 'get',
            name: 'Get',
            method: 'GET',
            url: 'https://api.test/orders/{{orderId}}',
            checks: [{ id: 'i', target: { kind: 'json-path', path: '$.id' }, operator: 'equals', expected: '{{orderId}}' }],
          },
          { kind: 'request', id: 'list', name: 'List', method: 'GET', url: 'https://api.test/orders?user={{user}}' },
        ],
      },
    ],
  });
}

function response(status: number, body: unknown, url = 'https://api.test/'): ResponseSummary {
  return {
    status,
    statusText: '',
    headers: [['content-type', 'application/json']],
    body: { base64: Buffer.from(JSON.stringify(body)).toString('base64'), size: 10, isTruncated: false },
    timing: { startedAt: new Date(0).toISOString(), totalMs: 5 },
    timeline: [],
    redirects: [],
    warnings: [],
    request: { method: 'GET', url, headers: [], bodySize: 0 },
  };
}

/** A fake API: Create answers a fresh id, Get echoes the id in its URL; records the order of events. */
function fakeApi(options: { createStatus?: number; delayMs?: (step: RunStep) => number } = {}) {
  const events: string[] = [];
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const send: StepSender = async (step, variables) => {
    const url = step.request.url.replace(/\{\{(\w+)\}\}/g, (_, name: string) => variables.get(name)?.value ?? `{{${name}}}`);
    if (url.includes('{{')) throw new ShomeiError('INVALID_INPUT', `Not sent: unresolved ${url}`);
    events.push(`start ${step.request.id} ${url}`);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs?.(step) ?? 1));
    inFlight -= 1;
    events.push(`end ${step.request.id}`);
    const body = step.request.id === 'create' ? { id: `order-${(next += 1)}` } : { id: url.split('/').pop()?.split('?')[0] };
    return { response: response(step.request.id === 'create' ? (options.createStatus ?? 201) : 200, body, url), lookup: (name) => variables.get(name)?.value, secretValues: [] };
  };
  return { send, events, maxInFlight: () => maxInFlight };
}

describe('planRun', () => {
  it('lists requests depth first, or only a folder’s, and names an unknown folder', () => {
    expect(planRun(collection()).map((s) => s.request.id)).toEqual(['create', 'get', 'list']);
    const reads = planRun(collection(), ['Reads']);
    expect(reads.map((s) => [s.request.id, s.folderPath, s.ancestors.map((a) => a.id)])).toEqual([
      ['get', ['Reads'], ['f']],
      ['list', ['Reads'], ['f']],
    ]);
    expect(() => planRun(collection(), ['Writes'])).toThrow(/no folder "Writes".*folders: Reads/);
  });
});

describe('runSteps', () => {
  it('runs in order, hands captured values to the requests that follow, and evaluates checks', async () => {
    const api = fakeApi();
    const summary = await runSteps(planRun(collection()), api.send, { data: [{ user: 'ann' }] });
    expect(summary.results.map((r) => [r.requestId, r.outcome, r.url])).toEqual([
      ['create', 'passed', 'https://api.test/orders'],
      ['get', 'passed', 'https://api.test/orders/order-1'],
      ['list', 'passed', 'https://api.test/orders?user=ann'],
    ]);
    expect(summary.checks).toEqual({ total: 2, passed: 2, failed: 0 });
    expect(summary.results[0]?.captures[0]).toMatchObject({ variable: 'orderId', isCaptured: true, preview: 'order-1' });
    expect(api.maxInFlight()).toBe(1);
  });

  it('keeps only what did not pass when asked (shomei run without a report), and counts every step', async () => {
    const api = fakeApi({ createStatus: 500 });
    const summary = await runSteps(planRun(collection()), api.send, { iterations: 3, isKeepingPassed: false });
    expect(summary.completed).toBe(9);
    expect(summary.results.length).toBeGreaterThan(0);
    expect(summary.results.every((r) => r.outcome !== 'passed')).toBe(true);
    const all = await runSteps(planRun(collection()), fakeApi({ createStatus: 500 }).send, { iterations: 3 });
    expect(all.results).toHaveLength(9);
    expect(summary.requests).toEqual(all.requests);
    expect(summary.checks).toEqual(all.checks);
  });

  it('runs one iteration per data row, each with its own captures', async () => {
    const api = fakeApi();
    const summary = await runSteps(planRun(collection()), api.send, { data: [{ user: 'ann' }, { user: 'bob' }] });
    expect(summary.requests).toEqual({ total: 6, sent: 6, failed: 0, skipped: 0 });
    expect(summary.results.filter((r) => r.requestId === 'list').map((r) => r.url)).toEqual(['https://api.test/orders?user=ann', 'https://api.test/orders?user=bob']);
    expect(summary.results.filter((r) => r.requestId === 'get').map((r) => r.url)).toEqual(['https://api.test/orders/order-1', 'https://api.test/orders/order-2']);
  });

  it('runs N at a time, but a request that reads a captured value waits for the request that captures it', async () => {
    const api = fakeApi({ delayMs: (step) => (step.request.id === 'create' ? 30 : 1) });
    const summary = await runSteps(planRun(collection()), api.send, { parallel: 4, iterations: 3, data: [{ user: 'u' }] });
    expect(summary.requests.failed).toBe(0);
    expect(api.maxInFlight()).toBeGreaterThan(1);
    expect(api.maxInFlight()).toBeLessThanOrEqual(4);
    // Every Get starts after the Create of its own iteration ended, and reads that iteration's id.
    const gets = summary.results.filter((r) => r.requestId === 'get').map((r) => r.url).sort();
    expect(gets).toEqual(['https://api.test/orders/order-1', 'https://api.test/orders/order-2', 'https://api.test/orders/order-3']);
    const firstGet = api.events.findIndex((e) => e.startsWith('start get'));
    expect(api.events.slice(0, firstGet).some((e) => e === 'end create')).toBe(true);
  });

  it('stops at the first failure when asked, and reports the rest as skipped', async () => {
    const api = fakeApi({ createStatus: 500 });
    const summary = await runSteps(planRun(collection()), api.send, { shouldBail: true, iterations: 2 });
    expect(summary.isBailed).toBe(true);
    expect(summary.results[0]).toMatchObject({ requestId: 'create', outcome: 'failed', status: 500 });
    expect(summary.results[0]?.checks[0]).toMatchObject({ isPassed: false, expected: '201', actual: '500' });
    expect(summary.results.slice(1).every((r) => r.outcome === 'skipped' && r.error?.code === 'BAILED')).toBe(true);
    expect(summary.requests).toMatchObject({ total: 6, sent: 1, failed: 1, skipped: 5 });
  });

  it('without bail, a failed capture leaves the next request unresolved, reported as an error, and the run goes on', async () => {
    const api = fakeApi();
    const steps = planRun(collection());
    const [create] = steps;
    if (!create) throw new Error('no step');
    create.request = { ...create.request, captures: [{ id: 'k', isEnabled: true, variable: 'orderId', from: { kind: 'json-path', path: '$.nope' } }] };
    const summary = await runSteps(steps, api.send, { data: [{ user: 'x' }] });
    expect(summary.results.map((r) => r.outcome)).toEqual(['failed', 'error', 'passed']);
    expect(summary.results[1]?.error?.message).toMatch(/unresolved/);
  });

  it('stops when cancelled: nothing more starts', async () => {
    const api = fakeApi({ delayMs: () => 20 });
    const controller = new AbortController();
    const summary = await runSteps(planRun(collection()), api.send, {
      iterations: 5,
      data: [{ user: 'x' }],
      signal: controller.signal,
      onResult: () => controller.abort(),
    });
    expect(summary.isCancelled).toBe(true);
    expect(summary.requests.sent).toBe(1);
    expect(summary.results.filter((r) => r.outcome === 'skipped')).toHaveLength(14);
  });

  it('tells of each result as it ends', async () => {
    const seen: string[] = [];
    await runSteps(planRun(collection()), fakeApi().send, { data: [{ user: 'x' }], onResult: (r, s) => seen.push(`${r.requestId}:${s.results.length}`) });
    expect(seen).toEqual(['create:1', 'get:2', 'list:3']);
  });
});
