import { describe, expect, it } from 'vitest';
import { exportPostmanCollection } from '../../../../electron/core/io/postman';
import { importedAuths, postmanWithAuth } from '../../../support/imported-auth';
import type { Collection, SavedAuth } from '../../../../shared/contract/collections';

const LITERAL = 'eyJhbGciOiJIUzI1NiJ9.a-literal-token-in-a-file.c2ln';

const imported = importedAuths;
const postman = (auth: unknown) => postmanWithAuth(auth);

describe('Postman bearer, basic and apikey, both ways', () => {
  it('keeps {{variables}} and reports a literal token without keeping it', () => {
    const kept = imported(
      postman({ type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }] }),
    );
    expect(kept.requests[0]?.auth).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '{{accessToken}}' },
      prefix: 'Bearer',
    });
    const literal = imported(postman({ type: 'bearer', bearer: [{ key: 'token', value: LITERAL, type: 'string' }] }));
    expect(literal.requests[0]?.auth).toMatchObject({ type: 'bearer', tokenRef: { kind: 'variables', text: '' } });
    expect(literal.report.dropped.map((d) => d.what)).toContain('token');
    expect(literal.text).not.toContain(LITERAL);
  });

  it('maps basic and apikey (query), and writes each back with only references', () => {
    const basic = imported(
      postman({
        type: 'basic',
        basic: [
          { key: 'username', value: 'alice' },
          { key: 'password', value: '{{pw}}' },
        ],
      }),
    );
    expect(basic.requests[0]?.auth).toEqual({
      type: 'basic',
      username: 'alice',
      passwordRef: { kind: 'variables', text: '{{pw}}' },
    });
    const key = imported(
      postman({
        type: 'apikey',
        apikey: [
          { key: 'key', value: 'api_key' },
          { key: 'value', value: '{{key}}' },
          { key: 'in', value: 'query' },
        ],
      }),
    );
    expect(key.requests[0]?.auth).toEqual({
      type: 'api-key',
      in: 'query',
      name: 'api_key',
      valueRef: { kind: 'variables', text: '{{key}}' },
    });
    const collection = key.collection;
    const vaulted = structuredClone(collection);
    const first = vaulted.items[0];
    if (first?.kind === 'request')
      first.auth = { type: 'bearer', tokenRef: { kind: 'vault', id: 'auth_0123456789' }, prefix: 'Bearer' };
    const out = JSON.parse(exportPostmanCollection(vaulted).text) as { item: Array<{ request: { auth: unknown } }> };
    expect(out.item[0]?.request.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '', type: 'string' }],
    });
    const back = JSON.parse(exportPostmanCollection(collection).text) as {
      item: Array<{ request: { auth: unknown } }>;
    };
    expect(imported(JSON.stringify(back)).requests[0]?.auth).toEqual(key.requests[0]?.auth);
  });
});

describe('Insomnia bearer, basic and apikey', () => {
  it('converts Insomnia templates and keeps the prefix', () => {
    const file = {
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'W' },
        {
          _id: 'req_1',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'B',
          method: 'GET',
          url: 'https://x.example.com',
          authentication: { type: 'bearer', token: '{{ _.token }}', prefix: '' },
        },
        {
          _id: 'req_2',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'K',
          method: 'GET',
          url: 'https://x.example.com',
          authentication: { type: 'apikey', key: 'x-api-key', value: LITERAL, addTo: 'header' },
        },
        {
          _id: 'req_3',
          _type: 'request',
          parentId: 'wrk_1',
          name: 'P',
          method: 'GET',
          url: 'https://x.example.com',
          authentication: { type: 'basic', username: 'bob', password: '{{ _.pw }}' },
        },
      ],
    };
    const result = imported(JSON.stringify(file));
    const byName = Object.fromEntries(result.requests.map((r) => [r.name, r.auth]));
    expect(byName.B).toEqual({ type: 'bearer', tokenRef: { kind: 'variables', text: '{{token}}' }, prefix: 'Bearer' });
    expect(byName.K).toEqual({
      type: 'api-key',
      in: 'header',
      name: 'x-api-key',
      valueRef: { kind: 'variables', text: '' },
    });
    expect(byName.P).toEqual({ type: 'basic', username: 'bob', passwordRef: { kind: 'variables', text: '{{pw}}' } });
    expect(result.text).not.toContain(LITERAL);
  });
});

describe('curl -u, --oauth2-bearer and an Authorization header that references a variable', () => {
  it('keeps each as auth and never a literal secret', () => {
    expect(imported('curl -u alice:{{pw}} https://x.example.com/a', 'curl').requests[0]?.auth).toEqual({
      type: 'basic',
      username: 'alice',
      passwordRef: { kind: 'variables', text: '{{pw}}' },
    });
    const literal = imported('curl -u alice:hunter2secret https://x.example.com/a', 'curl');
    expect(literal.requests[0]?.auth).toMatchObject({
      type: 'basic',
      username: 'alice',
      passwordRef: { kind: 'variables', text: '' },
    });
    expect(literal.text).not.toContain('hunter2secret');
    expect(
      imported("curl --oauth2-bearer '{{token}}' https://x.example.com/a", 'curl').requests[0]?.auth,
    ).toMatchObject({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '{{token}}' },
    });
    const header = imported("curl -H 'Authorization: Bearer {{accessToken}}' https://x.example.com/a", 'curl');
    expect(header.requests[0]?.auth).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '{{accessToken}}' },
      prefix: 'Bearer',
    });
    expect(header.report.dropped).toEqual([]);
    const hard = imported(`curl -H 'Authorization: Bearer ${LITERAL}' https://x.example.com/a`, 'curl');
    expect(hard.text).not.toContain(LITERAL);
  });
});

describe('OpenAPI securitySchemes', () => {
  it('maps http bearer and basic, apiKey, a Cognito authorizer, and an API key beside SigV4', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Mixed', version: '1' },
      servers: [{ url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod' }],
      components: {
        securitySchemes: {
          jwt: { type: 'http', scheme: 'bearer' },
          pw: { type: 'http', scheme: 'basic' },
          api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
          sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
          pool: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'cognito_user_pools',
            'x-amazon-apigateway-authorizer': {
              type: 'cognito_user_pools',
              providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123'],
            },
          },
        },
      },
      paths: {
        '/bearer': { get: { operationId: 'bearer', security: [{ jwt: [] }] } },
        '/basic': { get: { operationId: 'basic', security: [{ pw: [] }] } },
        '/key': { get: { operationId: 'key', security: [{ api_key: [] }] } },
        '/pool': { get: { operationId: 'pool', security: [{ pool: [] }] } },
        '/iam-and-key': { get: { operationId: 'iamAndKey', security: [{ sigv4: [], api_key: [] }] } },
      },
    };
    const byName = Object.fromEntries(imported(JSON.stringify(doc), 'openapi').requests.map((r) => [r.name, r.auth]));
    expect(byName.bearer).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '{{jwt}}' },
      prefix: 'Bearer',
    });
    expect(byName.basic).toMatchObject({ type: 'basic', passwordRef: { kind: 'variables', text: '{{pw.password}}' } });
    expect(byName.key).toEqual({
      type: 'api-key',
      in: 'header',
      name: 'x-api-key',
      valueRef: { kind: 'variables', text: '{{api_key}}' },
    });
    // API Gateway's Cognito authorizer: a Cognito user pool sign-in for that pool, sending the ID token alone.
    expect(byName.pool).toMatchObject({
      type: 'cognito-user-pool',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbC123',
      tokenUse: 'id',
      prefix: '',
    });
    expect(byName.iamAndKey).toMatchObject({
      type: 'aws-sigv4',
      region: 'eu-west-1',
      apiKey: { in: 'header', name: 'x-api-key' },
    });
  });
});

describe('Cognito user pool sign-in in formats that have no such type', () => {
  it('exports to Postman as Authorization: {{cognitoIdToken}} (an apikey header), says so, and carries no secret', () => {
    const { collection } = imported(
      JSON.stringify({
        info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'call', request: { method: 'GET', url: 'https://api.example.com/me' } }],
      }),
    );
    const cognito: SavedAuth = {
      type: 'cognito-user-pool',
      region: 'us-east-1',
      userPoolId: 'us-east-1_AbC123',
      clientId: 'client123',
      clientSecretRef: { kind: 'vault', id: 'auth_clientsecret1' },
      username: 'alice',
      passwordRef: { kind: 'vault', id: 'auth_password00001' },
      flow: 'USER_PASSWORD_AUTH',
      tokenUse: 'id',
      prefix: '',
      endpoint: '',
    };
    const withCognito: Collection = structuredClone(collection);
    withCognito.settings.auth = cognito;
    const first = withCognito.items[0];
    if (first?.kind === 'request') first.auth = { ...cognito, tokenUse: 'access', prefix: 'Bearer' };
    const exported = exportPostmanCollection(withCognito);
    const out = JSON.parse(exported.text) as { auth: unknown; item: Array<{ request: { auth: unknown } }> };
    expect(out.auth).toEqual({
      type: 'apikey',
      apikey: expect.arrayContaining([
        expect.objectContaining({ key: 'key', value: 'Authorization' }),
        expect.objectContaining({ key: 'value', value: '{{cognitoIdToken}}' }),
        expect.objectContaining({ key: 'in', value: 'header' }),
      ]) as unknown,
    });
    expect(out.item[0]?.request.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{cognitoAccessToken}}', type: 'string' }],
    });
    expect(exported.notes.map((n) => n.message).join('\n')).toMatch(
      /Postman has no Cognito sign-in: it gets Authorization: \{\{cognitoIdToken\}\}/,
    );
    expect(exported.text).not.toMatch(/auth_clientsecret1|auth_password00001|alice/);
  });
});
