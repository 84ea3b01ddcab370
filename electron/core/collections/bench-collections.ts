import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection, Folder, SavedRequest } from '../../../shared/contract/collections';
import { createCollectionsService } from './collections-service';
import { openWorkspaceStore } from './workspace-store';

/** The figures of the collections scale benchmark. */
export interface CollectionsBenchResult {
  requests: number;
  folders: number;
  fileBytes: number;
  /** Median of a few runs: read and validate the file, build the service, and build every tree row (all folders open). */
  openMs: number;
  /** Per keystroke of a typed filter: median and worst. */
  filterMedianMs: number;
  filterMaxMs: number;
  keystrokes: number;
}

/** The targets of issue 6. */
export const COLLECTIONS_BENCH_TARGETS = { openMs: 300, filterMs: 50 } as const;

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** A collection of `requests` requests spread over `folders` folders (some nested), like a big real workspace. */
export function buildBenchCollection(requests: number, folders: number): Collection {
  const perFolder = Math.ceil(requests / folders);
  const items: Folder[] = [];
  let n = 0;
  for (let f = 0; f < folders; f += 1) {
    const children: SavedRequest[] = [];
    for (let r = 0; r < perFolder && n < requests; r += 1, n += 1) {
      children.push({
        kind: 'request',
        id: `r-${n}`,
        name: `${['List', 'Get', 'Create', 'Update', 'Delete'][n % 5]} ${['orders', 'users', 'invoices', 'payments'][n % 4]} ${n}`,
        method: METHODS[n % METHODS.length] as string,
        url: `{{baseUrl}}/v${(n % 3) + 1}/${['orders', 'users', 'invoices', 'payments'][n % 4]}/${n}`,
        params: [{ name: 'limit', value: '10', isEnabled: true }],
        headers: [{ name: 'Accept', value: 'application/json', isEnabled: true }],
        body: n % 2 === 0 ? { kind: 'none' } : { kind: 'text', language: 'json', text: `{"id":${n}}` },
        auth: { type: 'inherit' },
      });
    }
    items.push({
      kind: 'folder',
      id: `f-${f}`,
      name: `Service ${f}`,
      settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
      items: children,
    });
  }
  return {
    id: 'bench',
    name: 'Bench',
    settings: {
      auth: {
        type: 'aws-sigv4',
        credentialSource: { source: 'default-chain' },
        region: 'us-east-1',
        service: 'execute-api',
        isQuerySigned: false,
        expiresInSeconds: 900,
      },
      headers: [],
      variables: [
        { id: 'v-base', name: 'baseUrl', value: 'https://api.example.com', isEnabled: true, isSecret: false },
      ],
    },
    items,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Builds 10,000 requests in 200 folders on disk, then measures opening them (load + validate +
 * build the tree rows) and filtering as the user types, one keystroke at a time. Uses a temp
 * folder it removes afterwards. Returns the figures; the caller compares them to the targets.
 */
export function benchCollections(
  options: { requests?: number; folders?: number; runs?: number; typed?: string } = {},
): CollectionsBenchResult {
  const requests = options.requests ?? 10_000;
  const folders = options.folders ?? 200;
  const runs = options.runs ?? 5;
  const typed = options.typed ?? 'post invoices 77';
  const dataDir = mkdtempSync(join(tmpdir(), 'shomei-bench-'));
  try {
    const seed = openWorkspaceStore({ dataDir, saveDelayMs: 0 });
    seed.change((state) => state.collections.push(buildBenchCollection(requests, folders)));
    seed.flush();
    const fileBytes = statSync(seed.path).size;

    const openTimes: number[] = [];
    let service = createCollectionsService({ workspace: seed });
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      const workspace = openWorkspaceStore({ dataDir, saveDelayMs: 0 });
      service = createCollectionsService({ workspace });
      const rows = service.rows({ isAllExpanded: true });
      openTimes.push(performance.now() - start);
      if (rows.length !== requests + folders + 1)
        throw new Error(`expected ${requests + folders + 1} rows, got ${rows.length}`);
    }

    const filterTimes: number[] = [];
    for (let i = 1; i <= typed.length; i += 1) {
      const start = performance.now();
      service.rows({ filter: typed.slice(0, i) });
      filterTimes.push(performance.now() - start);
    }
    return {
      requests,
      folders,
      fileBytes,
      openMs: median(openTimes),
      filterMedianMs: median(filterTimes),
      filterMaxMs: Math.max(...filterTimes),
      keystrokes: typed.length,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The benchmark as lines for `npm run bench`. */
export function formatCollectionsBench(result: CollectionsBenchResult): string[] {
  const { openMs, filterMs } = COLLECTIONS_BENCH_TARGETS;
  return [
    `${result.requests.toLocaleString('en-US')} requests in ${result.folders} folders, ${(result.fileBytes / 1e6).toFixed(1)} MB on disk`,
    `open (load + validate + build tree)   ${result.openMs.toFixed(1)} ms  (target ≤ ${openMs} ms)`,
    `filter per keystroke                  median ${result.filterMedianMs.toFixed(2)} ms, worst ${result.filterMaxMs.toFixed(2)} ms over ${result.keystrokes} keystrokes  (target ≤ ${filterMs} ms)`,
  ];
}
