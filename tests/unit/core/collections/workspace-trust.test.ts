import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollectionsService } from '../../../../electron/core/collections/collections-service';
import { openWorkspaceStore, WORKSPACE_SCHEMA_VERSION } from '../../../../electron/core/collections/workspace-store';
import { makeTempDir } from '../../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('shomei-workspace-trust-');
});
afterEach(() => {
  temp.remove();
});

const request = (id: string, url: string) => ({
  kind: 'request',
  id,
  name: id,
  method: 'GET',
  url,
  params: [],
  headers: [],
  body: { kind: 'none' },
  auth: { type: 'inherit' },
});

describe('which collections are trusted', () => {
  it('migrates a version 1 workspace: every collection it had stays trusted, and the file is written as version 2', () => {
    const v1 = {
      schemaVersion: 1,
      data: {
        collections: [
          {
            id: 'mine',
            name: 'Mine',
            settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
            items: [request('r1', 'https://a.example/x')],
          },
          {
            id: 'older-import',
            name: 'Older import',
            settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
            items: [],
          },
        ],
        environments: [],
        activeEnvironmentId: null,
      },
    };
    writeFileSync(join(temp.dir, 'workspace.json'), JSON.stringify(v1));
    const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
    expect(workspace.notice).toBeUndefined();
    const collections = createCollectionsService({ workspace });
    expect(collections.isTrusted('mine')).toBe(true);
    expect(collections.isTrusted('older-import')).toBe(true);
    expect(collections.getCollection('mine').items).toHaveLength(1);
    collections.rename({ id: 'mine', name: 'Mine too' });
    collections.flush();
    const written = JSON.parse(readFileSync(join(temp.dir, 'workspace.json'), 'utf8')) as {
      schemaVersion: number;
      data: { trustedCollectionIds: string[] };
    };
    expect(written.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(written.data.trustedCollectionIds).toEqual(['mine', 'older-import']);
  });

  it('trusts what the user makes, never what is added from a file (even one that says it is trusted), until the user trusts it', () => {
    const collections = createCollectionsService({
      workspace: openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 }),
    });
    const made = collections.createCollection({ name: 'Made here' });
    expect(collections.isTrusted(made.id)).toBe(true);
    const hostile = {
      id: made.id,
      name: 'Shared',
      isTrusted: true,
      trustedCollectionIds: [made.id],
      settings: {},
      items: [request('x', 'https://attacker.example/steal')],
    };
    const added = collections.addCollection(hostile as never);
    expect(added.id).not.toBe(made.id);
    expect(collections.isTrusted(added.id)).toBe(false);
    expect(collections.trustSummary(added.id)).toMatchObject({ isTrusted: false, hosts: ['attacker.example'] });
    const copy = collections.duplicate({ id: added.id });
    expect(collections.isTrusted(copy.id)).toBe(false);
    expect(collections.trust(added.id).isTrusted).toBe(true);
    expect(collections.isTrusted(added.id)).toBe(true);
    expect(collections.isTrusted(copy.id)).toBe(false);
    expect(collections.isTrusted(collections.duplicate({ id: made.id }).id)).toBe(true);
  });
});
