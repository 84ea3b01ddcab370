import { describe, expect, it } from 'vitest';
import { exportPostmanCollection } from '../../../../electron/core/io/postman';
import { importedAuths, postmanWithAuth } from '../../../support/imported-auth';
import { CollectionSchema, type SavedAuth } from '../../../../shared/contract/collections';

const LITERAL_SECRET = 'literal-client-secret-in-a-file-0123';

const imported = importedAuths;
const postman = (auth: unknown) => postmanWithAuth(auth);

const param = (key: string, value: unknown) => ({ key, value, type: typeof value === 'string' ? 'string' : 'any' });

describe('Postman oauth2 (client credentials), both ways', () => {
  it('reads the client credentials grant, keeps {{variables}}, drops a literal secret and a fetched token with a report', () => {
    const result = imported(
      postman({
        type: 'oauth2',
        oauth2: [
          param('grant_type', 'client_credentials'),
          param('accessTokenUrl', 'https://auth.example.com/oauth2/token'),
          param('clientId', '{{clientId}}'),
          param('clientSecret', LITERAL_SECRET),
          param('scope', 'orders/read orders/write'),
          param('client_authentication', 'body'),
          param('accessToken', 'eyJ.a-token-postman-fetched.sig'),
          param('tokenRequestParams', [
            { key: 'resource', value: 'https://api.example.com', enabled: true, send_as: 'request_body' },
          ]),
        ],
      }),
    );
    expect(result.requests[0]?.auth).toEqual({
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/oauth2/token',
      clientId: '{{clientId}}',
      clientSecretRef: { kind: 'variables', text: '' },
      scope: 'orders/read orders/write',
      audience: '',
      extraParams: [{ name: 'resource', value: 'https://api.example.com' }],
      clientAuthentication: 'body',
    });
    expect(result.report.dropped.map((d) => d.what).sort()).toEqual(['clientSecret', 'oauth2 access token']);
    expect(result.text).not.toContain(LITERAL_SECRET);
    expect(result.text).not.toContain('a-token-postman-fetched');
  });

  it('reports another grant as "not supported: <grant>" and imports no auth, once', () => {
    const result = imported(
      postman({
        type: 'oauth2',
        oauth2: [param('grant_type', 'authorization_code'), param('authUrl', 'https://auth.example.com/authorize')],
      }),
    );
    expect(result.requests[0]?.auth).toEqual({ type: 'none' });
    expect(result.report.dropped).toEqual([
      expect.objectContaining({
        what: 'oauth2 authorization_code grant',
        why: expect.stringContaining('not supported: authorization_code'),
      }),
    ]);
    // Postman's default grant (none written) is the authorization code.
    expect(imported(postman({ type: 'oauth2', oauth2: [] })).report.dropped[0]?.why).toContain(
      'not supported: authorization_code',
    );
  });

  it('writes client credentials back with only references, and reads its own export as it was', () => {
    const auth: SavedAuth = {
      type: 'oauth2',
      tokenUrl: 'https://example.auth.eu-west-1.amazoncognito.com/oauth2/token',
      clientId: 'abc123',
      clientSecretRef: { kind: 'variables', text: '{{clientSecret}}' },
      scope: 'orders/read',
      audience: 'https://api.example.com',
      extraParams: [{ name: 'resource', value: 'r1' }],
      clientAuthentication: 'basic',
    };
    const collection = CollectionSchema.parse({
      id: 'c1',
      name: 'OAuth',
      items: [{ kind: 'request', id: 'r1', name: 'Call', method: 'GET', url: 'https://api.example.com/orders', auth }],
    });
    const out = exportPostmanCollection(collection);
    const written = JSON.parse(out.text) as { item: Array<{ request: { auth: { type: string; oauth2: unknown[] } } }> };
    expect(written.item[0]?.request.auth.type).toBe('oauth2');
    expect(written.item[0]?.request.auth.oauth2).toEqual(
      expect.arrayContaining([
        param('grant_type', 'client_credentials'),
        param('clientSecret', '{{clientSecret}}'),
        param('client_authentication', 'header'),
      ]),
    );
    expect(imported(out.text).requests[0]?.auth).toEqual(auth);

    // A secret in the vault is exported empty, with a note.
    const vaulted = structuredClone(collection);
    const first = vaulted.items[0];
    if (first?.kind === 'request') first.auth = { ...auth, clientSecretRef: { kind: 'vault', id: 'auth_0123456789' } };
    const exported = exportPostmanCollection(vaulted);
    expect(exported.text).not.toContain('auth_0123456789');
    expect(exported.notes.map((n) => n.message).join('\n')).toContain('OAuth client secret');
  });
});

describe('Postman export of an API key beside another auth', () => {
  it('writes SigV4 as awsv4 and the API key as a {{variable}} header or query parameter, and says so', () => {
    const collection = CollectionSchema.parse({
      id: 'c1',
      name: 'IAM + usage plan',
      items: [
        {
          kind: 'request',
          id: 'r1',
          name: 'Header key',
          method: 'GET',
          url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items',
          auth: {
            type: 'aws-sigv4',
            apiKey: { in: 'header', name: 'x-api-key', valueRef: { kind: 'vault', id: 'auth_0123456789' } },
          },
        },
        {
          kind: 'request',
          id: 'r2',
          name: 'Query key',
          method: 'GET',
          url: 'https://api.example.com/items',
          params: [{ name: 'page', value: '2' }],
          auth: {
            type: 'bearer',
            tokenRef: { kind: 'variables', text: '{{token}}' },
            apiKey: { in: 'query', name: 'key', valueRef: { kind: 'variables', text: '{{usageKey}}' } },
          },
        },
      ],
    });
    const out = exportPostmanCollection(collection);
    const written = JSON.parse(out.text) as {
      item: Array<{
        request: {
          auth: { type: string };
          header: Array<{ key: string; value: string }>;
          url: { raw: string; query?: Array<{ key: string; value: string }> };
        };
      }>;
    };
    const [header, query] = written.item;
    expect(header?.request.auth.type).toBe('awsv4');
    expect(header?.request.header).toContainEqual(expect.objectContaining({ key: 'x-api-key', value: '{{apiKey}}' }));
    expect(query?.request.auth.type).toBe('bearer');
    expect(query?.request.url.raw).toBe('https://api.example.com/items?page=2&key={{usageKey}}');
    expect(query?.request.url.query).toContainEqual(expect.objectContaining({ key: 'key', value: '{{usageKey}}' }));
    const notes = out.notes.map((n) => n.message);
    expect(notes).toContainEqual(
      expect.stringContaining('exported as the header x-api-key = {{apiKey}} (set the variable apiKey'),
    );
    expect(notes).toContainEqual(expect.stringContaining('exported as the query parameter key = {{usageKey}}'));
    expect(out.text).not.toContain('auth_0123456789');
  });

  it('says so when a folder or the collection has a key beside its auth (Postman has nowhere to put it)', () => {
    const collection = CollectionSchema.parse({
      id: 'c1',
      name: 'Folder key',
      settings: { auth: { type: 'aws-sigv4', apiKey: { in: 'header', name: 'x-api-key' } } },
      items: [],
    });
    expect(exportPostmanCollection(collection).notes.map((n) => n.message)).toContainEqual(
      expect.stringContaining('the API key x-api-key beside the auth was left out'),
    );
  });
});

describe('Insomnia oauth2', () => {
  it('reads client credentials (credentials in the body or not) and reports another grant', () => {
    const doc = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'OAuth' },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'Client',
          method: 'GET',
          url: 'https://api.example.com/a',
          authentication: {
            type: 'oauth2',
            grantType: 'client_credentials',
            accessTokenUrl: '{{ _.tokenUrl }}',
            clientId: 'abc',
            clientSecret: '{{ _.clientSecret }}',
            scope: 'read',
            audience: 'aud',
            credentialsInBody: true,
          },
        },
        {
          _id: 'req_2',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'Password',
          method: 'GET',
          url: 'https://api.example.com/b',
          authentication: { type: 'oauth2', grantType: 'password', username: 'u', password: LITERAL_SECRET },
        },
      ],
    };
    const result = imported(JSON.stringify(doc));
    const byName = Object.fromEntries(result.requests.map((r) => [r.name, r.auth]));
    expect(byName.Client).toEqual({
      type: 'oauth2',
      tokenUrl: '{{tokenUrl}}',
      clientId: 'abc',
      clientSecretRef: { kind: 'variables', text: '{{clientSecret}}' },
      scope: 'read',
      audience: 'aud',
      extraParams: [],
      clientAuthentication: 'body',
    });
    expect(byName.Password).toEqual({ type: 'none' });
    expect(result.report.dropped).toEqual([
      expect.objectContaining({
        what: 'oauth2 password grant',
        why: expect.stringContaining('not supported: password'),
      }),
    ]);
    expect(result.text).not.toContain(LITERAL_SECRET);
  });
});

describe('OpenAPI oauth2 securitySchemes', () => {
  it('maps the clientCredentials flow (tokenUrl, scopes) and reports the other flows', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Orders', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      components: {
        securitySchemes: {
          machine: {
            type: 'oauth2',
            flows: {
              clientCredentials: {
                tokenUrl: 'https://auth.example.com/oauth2/token',
                scopes: { 'orders/read': 'Read', 'orders/write': 'Write' },
              },
            },
          },
          people: {
            type: 'oauth2',
            flows: { authorizationCode: { authorizationUrl: 'https://a', tokenUrl: 'https://t', scopes: {} } },
          },
        },
      },
      paths: {
        '/orders': { get: { operationId: 'list', security: [{ machine: ['orders/read'] }] } },
        '/me': { get: { operationId: 'me', security: [{ people: [] }] } },
      },
    };
    const result = imported(JSON.stringify(doc));
    const byName = Object.fromEntries(result.requests.map((r) => [r.name, r.auth]));
    expect(byName.list).toEqual({
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/oauth2/token',
      clientId: '{{machine.clientId}}',
      clientSecretRef: { kind: 'variables', text: '{{machine.clientSecret}}' },
      scope: 'orders/read orders/write',
      audience: '',
      extraParams: [],
      clientAuthentication: 'basic',
    });
    expect(byName.me).toEqual({ type: 'none' });
    expect(result.report.dropped).toContainEqual(
      expect.objectContaining({
        what: 'security scheme people',
        why: expect.stringContaining('not supported: the oauth2 authorizationCode flow'),
      }),
    );
  });
});
