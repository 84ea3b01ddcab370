import { describe, expect, it } from 'vitest';
import {
  SavedRequestSchema,
  SavedSendOptionsSchema,
  withoutProxyCredentials,
  WorkspaceSchema,
} from '../../../../shared/contract/collections';

/** A workspace as Shomei wrote it before requests had options: every field present, defaults included. */
const OLD_WORKSPACE = {
  collections: [
    {
      id: 'c',
      name: 'Orders',
      settings: { auth: { type: 'inherit' }, headers: [], variables: [] },
      items: [
        {
          kind: 'request',
          id: 'r',
          name: 'List',
          method: 'GET',
          url: 'https://api.test/orders',
          params: [{ name: 'limit', value: '5', isEnabled: true }],
          headers: [],
          body: { kind: 'none' },
          auth: { type: 'inherit' },
        },
      ],
    },
  ],
  environments: [],
  activeEnvironmentId: null,
};

describe('a saved request’s send options', () => {
  it('loads a workspace written before options existed unchanged, with no options added', () => {
    const loaded = WorkspaceSchema.parse(structuredClone(OLD_WORKSPACE));
    expect(loaded).toEqual({
      ...OLD_WORKSPACE,
      trustedCollectionIds: [],
      untrustedEnvironmentIds: [],
      deletedRequests: [],
    });
    expect(loaded.collections[0]?.items[0]).not.toHaveProperty('options');
  });

  it('keeps exactly the fields saved, without filling in defaults, and reads its own output back the same', () => {
    const options = { timeoutMs: 1000, isFollowingRedirects: false, isTlsVerified: false };
    const request = SavedRequestSchema.parse({ ...OLD_WORKSPACE.collections[0]?.items[0], options });
    expect(request.options).toEqual(options);
    expect(SavedRequestSchema.parse(JSON.parse(JSON.stringify(request)))).toEqual(request);
    const everything = {
      timeoutMs: 2500,
      isFollowingRedirects: true,
      maxRedirects: 0,
      isTlsVerified: true,
      caBundlePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      proxyUrl: 'http://proxy.test:3128',
      connectTo: 'localhost:8443',
    };
    expect(SavedSendOptionsSchema.parse(everything)).toEqual(everything);
    expect(SavedSendOptionsSchema.parse({})).toEqual({});
  });

  it('drops fields that are not per-request options and refuses values a send would refuse', () => {
    expect(SavedSendOptionsSchema.parse({ timeoutMs: 5000, maxBodyBytes: 10 })).toEqual({ timeoutMs: 5000 });
    for (const bad of [
      { timeoutMs: 0 },
      { maxRedirects: 51 },
      { connectTo: 'no port' },
      { proxyUrl: 'socks5://p:1' },
    ]) {
      expect(SavedSendOptionsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('never keeps a proxy’s user name and password, whatever path the request takes in', () => {
    expect(SavedSendOptionsSchema.parse({ proxyUrl: 'http://alice:s3cret@proxy.test:3128' })).toEqual({
      proxyUrl: 'http://proxy.test:3128',
    });
    // An `@` inside the password, an https proxy, a user name alone.
    expect(withoutProxyCredentials('https://bob:p@ss@proxy.test:8443/')).toBe('https://proxy.test:8443/');
    expect(withoutProxyCredentials('HTTP://carol@proxy.test:80')).toBe('HTTP://proxy.test:80');
    expect(withoutProxyCredentials('http://proxy.test:3128')).toBe('http://proxy.test:3128');
    const workspace = structuredClone(OLD_WORKSPACE) as {
      collections: Array<{ items: Array<Record<string, unknown>> }>;
    };
    (workspace.collections[0]?.items[0] as Record<string, unknown>).options = { proxyUrl: ' http://u:pw@p.test:1 ' };
    expect(WorkspaceSchema.parse(workspace).collections[0]?.items[0]).toMatchObject({
      options: { proxyUrl: 'http://p.test:1' },
    });
  });
});
