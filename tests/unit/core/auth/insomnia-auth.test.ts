import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importedAuths } from '../../../support/imported-auth';

/**
 * Insomnia's bearer, basic, apikey and oauth2 authentication as Insomnia itself sends them
 * (Kong/insomnia `network/authentication.ts`, `o-auth-2/grant-client-credentials.ts`), read from
 * a v4 export and a v5 YAML file alike: what Shomei cannot send the same way is reported, never
 * sent differently in silence, and no literal secret is kept.
 */
const LITERAL = 'literal-secret-in-the-file-0123';

const AUTHS: Record<string, unknown> = {
  Bearer: { type: 'bearer', token: '{{ _.token }}', prefix: '' },
  'Bearer Token-prefixed': { type: 'bearer', token: '{{ _.token }}', prefix: 'Token' },
  Basic: { type: 'basic', username: '{{ _.user }}', password: LITERAL, useISO88591: false },
  'Basic Latin-1': { type: 'basic', username: 'bob', password: '{{ _.pw }}', useISO88591: true },
  'Key header': { type: 'apikey', key: 'x-api-key', value: '{{ _.apiKey }}', addTo: 'header' },
  'Key query': { type: 'apikey', key: 'api_key', value: '{{ _.apiKey }}', addTo: 'queryParams' },
  'Key cookie': { type: 'apikey', key: 'session', value: '{{ _.apiKey }}', addTo: 'cookie' },
  OAuth: {
    type: 'oauth2',
    grantType: 'client_credentials',
    accessTokenUrl: '{{ _.tokenUrl }}',
    clientId: 'orders-client',
    clientSecret: LITERAL,
    scope: 'orders/read',
    audience: 'api://orders',
    resource: 'https://api.example.com/',
    credentialsInBody: false,
  },
  'OAuth no prefix': {
    type: 'oauth2',
    grantType: 'client_credentials',
    accessTokenUrl: 'https://auth.example.com/token',
    clientId: 'c',
    clientSecret: '{{ _.secret }}',
    credentialsInBody: true,
    tokenPrefix: 'NO_PREFIX',
  },
};

function v4(): string {
  return JSON.stringify({
    _type: 'export',
    __export_format: 4,
    resources: [
      { _id: 'wrk_1', _type: 'workspace', name: 'Auth' },
      ...Object.entries(AUTHS).map(([name, authentication], i) => ({
        _id: `req_${i}`,
        _type: 'request',
        parentId: 'wrk_1',
        name,
        method: 'GET',
        url: 'https://api.example.com/items',
        authentication,
      })),
    ],
  });
}

/** The same requests as an Insomnia v5 YAML file. */
function v5(): string {
  return stringify({
    type: 'collection.insomnia.rest/5.0',
    name: 'Auth',
    meta: { id: 'wrk_1' },
    collection: Object.entries(AUTHS).map(([name, authentication], i) => ({
      name,
      meta: { id: `req_${i}` },
      method: 'GET',
      url: 'https://api.example.com/items',
      authentication,
    })),
  });
}

describe.each([
  ['a v4 export', v4],
  ['a v5 file', v5],
])('Insomnia auth from %s', (_label, file) => {
  const result = importedAuths(file());
  const byName = Object.fromEntries(result.requests.map((r) => [r.name, r.auth]));
  const reported = result.report.dropped.map((d) => `${d.path}: ${d.what}: ${d.why}`);

  it('reads bearer with Insomnia’s prefix (empty means Bearer)', () => {
    expect(byName.Bearer).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '{{token}}' },
      prefix: 'Bearer',
    });
    expect(byName['Bearer Token-prefixed']).toMatchObject({ type: 'bearer', prefix: 'Token' });
  });

  it('reads basic, drops a literal password, and says Latin-1 is sent as UTF-8', () => {
    expect(byName.Basic).toEqual({ type: 'basic', username: '{{user}}', passwordRef: { kind: 'variables', text: '' } });
    expect(byName['Basic Latin-1']).toEqual({
      type: 'basic',
      username: 'bob',
      passwordRef: { kind: 'variables', text: '{{pw}}' },
    });
    expect(reported.some((r) => r.includes('Basic Latin-1') && r.includes('UTF-8'))).toBe(true);
  });

  it('reads an API key in a header or the query, and reports one in a cookie instead of sending a header named after it', () => {
    expect(byName['Key header']).toEqual({
      type: 'api-key',
      in: 'header',
      name: 'x-api-key',
      valueRef: { kind: 'variables', text: '{{apiKey}}' },
    });
    expect(byName['Key query']).toMatchObject({ type: 'api-key', in: 'query', name: 'api_key' });
    expect(byName['Key cookie']).toEqual({ type: 'none' });
    expect(reported.some((r) => r.includes('Key cookie') && r.includes('apikey in a cookie'))).toBe(true);
  });

  it('reads OAuth 2.0 client credentials with its audience and resource, and reports a token prefix it cannot send', () => {
    expect(byName.OAuth).toEqual({
      type: 'oauth2',
      tokenUrl: '{{tokenUrl}}',
      clientId: 'orders-client',
      clientSecretRef: { kind: 'variables', text: '' },
      scope: 'orders/read',
      audience: 'api://orders',
      extraParams: [{ name: 'resource', value: 'https://api.example.com/' }],
      clientAuthentication: 'basic',
    });
    expect(byName['OAuth no prefix']).toMatchObject({ type: 'oauth2', clientAuthentication: 'body', extraParams: [] });
    expect(reported.some((r) => r.includes('OAuth no prefix') && r.includes('token prefix (none)'))).toBe(true);
    // Only the request whose prefix Shomei cannot send is reported.
    expect(reported.filter((r) => r.includes('token prefix'))).toHaveLength(1);
  });

  it('keeps no literal secret', () => {
    expect(result.text).not.toContain(LITERAL);
  });
});
