import { describe, expect, it } from 'vitest';
import { CollectionSchema, type DeletedRequest } from '../../../../shared/contract/collections';
import {
  DELETED_REQUESTS_KEPT,
  findDeleted,
  recordDeleted,
} from '../../../../electron/core/collections/deleted-origins';

const collection = CollectionSchema.parse({
  id: 'c1',
  name: 'Orders',
  items: [
    { kind: 'request', id: 'r1', name: 'List', method: 'GET', url: 'https://x/' },
    {
      kind: 'folder',
      id: 'f1',
      name: 'Admin',
      items: [
        { kind: 'request', id: 'r2', name: 'Purge', method: 'DELETE', url: 'https://x/' },
        {
          kind: 'folder',
          id: 'f2',
          name: 'Deep',
          items: [{ kind: 'request', id: 'r3', name: 'Deeper', method: 'GET', url: 'https://x/' }],
        },
      ],
    },
  ],
});

describe('where deleted requests were', () => {
  it('records every request a delete takes away: a request, a folder with its subfolders, a whole collection', () => {
    const list: DeletedRequest[] = [];
    recordDeleted(list, [collection], 'r1');
    expect(list).toEqual([{ requestId: 'r1', name: 'List', collectionId: 'c1', collectionName: 'Orders' }]);
    recordDeleted(list, [collection], 'f1');
    expect(list.map((d) => d.requestId)).toEqual(['r1', 'r2', 'r3']);
    recordDeleted(list, [collection], 'c1');
    expect(list.map((d) => d.requestId)).toEqual(['r1', 'r2', 'r3', 'r1', 'r2', 'r3']);
    recordDeleted(list, [collection], 'no-such-id');
    expect(list).toHaveLength(6);
  });

  it('finds the latest record of an id (one reused by a later collection is read as that one)', () => {
    const list: DeletedRequest[] = [
      { requestId: 'r1', name: 'Mine', collectionId: 'trusted', collectionName: 'Mine' },
      { requestId: 'r1', name: 'Theirs', collectionId: 'imported', collectionName: 'Shared' },
    ];
    expect(findDeleted(list, 'r1')?.collectionId).toBe('imported');
    expect(findDeleted(list, 'r9')).toBeUndefined();
  });

  it(`keeps the latest ${DELETED_REQUESTS_KEPT}, forgetting the oldest first`, () => {
    const list: DeletedRequest[] = Array.from({ length: DELETED_REQUESTS_KEPT }, (_, i) => ({
      requestId: `old-${i}`,
      name: 'old',
      collectionId: 'c0',
      collectionName: 'Old',
    }));
    recordDeleted(list, [collection], 'f1');
    expect(list).toHaveLength(DELETED_REQUESTS_KEPT);
    expect(list[0]?.requestId).toBe('old-2');
    expect(list.slice(-2).map((d) => d.requestId)).toEqual(['r2', 'r3']);
  });
});
