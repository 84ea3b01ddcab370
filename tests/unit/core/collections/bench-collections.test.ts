import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS_BENCH_TARGETS,
  benchCollections,
  formatCollectionsBench,
} from '../../../../electron/core/collections/bench-collections';

// The benchmark's figures belong to `npm run bench` (10,000 requests in 200 folders); this checks,
// on a small workspace, that it builds, reopens and filters what it says, without asserting a time.
describe('the collections scale benchmark', () => {
  it('builds the requests in folders on disk, reopens every row and reports each figure', () => {
    const result = benchCollections({ requests: 400, folders: 20, runs: 2, typed: 'post 7' });
    expect(result).toMatchObject({ requests: 400, folders: 20, keystrokes: 6 });
    expect(result.fileBytes).toBeGreaterThan(400 * 100);
    for (const figure of [result.openMs, result.filterMedianMs, result.filterMaxMs]) {
      expect(Number.isFinite(figure) && figure >= 0).toBe(true);
    }
    expect(result.filterMaxMs).toBeGreaterThanOrEqual(result.filterMedianMs);
    const lines = formatCollectionsBench(result);
    expect(lines[0]).toBe(`400 requests in 20 folders, ${(result.fileBytes / 1e6).toFixed(1)} MB on disk`);
    expect(lines[1]).toContain(`target ≤ ${COLLECTIONS_BENCH_TARGETS.openMs} ms`);
    expect(lines[2]).toContain('over 6 keystrokes');
  });
});
