import { describe, expect, it } from 'vitest';
import { generateCode } from '../../../../../shared/codegen/generate-code';
import { defaultSavedAuth } from '../../../../../shared/contract/auth';
import { codeRequestOf, inheritedAuthOf } from '../../../../../renderer/features/codegen/code-request';
import { CollectionSchema } from '../../../../../shared/contract/collections';
import { EMPTY_DRAFT, type EditorDraft } from '../../../../../renderer/features/request/request-draft';

const KEY_IN_VAULT = {
  in: 'header' as const,
  name: 'x-api-key',
  valueRef: { kind: 'vault' as const, id: 'auth_key0001' },
};

const sigv4: EditorDraft = {
  ...EMPTY_DRAFT,
  url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders',
  authType: 'aws-sigv4',
  aws: { ...EMPTY_DRAFT.aws, credentialChoice: 'env' },
  apiKeyBeside: KEY_IN_VAULT,
};

describe('the Code dialog’s request: an API key beside the auth and OAuth’s extra parameters', () => {
  it('hands the key beside SigV4 (where and its name, never its vault id) to the code generator, which writes it', () => {
    const { request, note } = codeRequestOf(sigv4, undefined);
    expect(request.apiKey).toEqual({ in: 'header', name: 'x-api-key' });
    expect(note).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('auth_key0001');
    expect(generateCode(request, 'curl').code).toMatch(
      /^printf '%s\\n' .*'x-api-key: '"\$API_KEY" \| curl -X GET -H @-/m,
    );
  });

  it('hands a key beside Bearer too, and none when the API key is the auth itself', () => {
    const bearer = codeRequestOf({ ...sigv4, authType: 'bearer' }, undefined).request;
    expect(bearer).toMatchObject({ auth: { type: 'bearer' }, apiKey: { in: 'header', name: 'x-api-key' } });
    const alone = codeRequestOf(
      { ...sigv4, authType: 'api-key', auths: { 'api-key': { type: 'api-key', ...KEY_IN_VAULT, name: 'x-key' } } },
      undefined,
    ).request;
    expect(alone.apiKey).toBeUndefined();
    expect(alone.auth).toEqual({ type: 'api-key', in: 'header', name: 'x-key' });
  });

  it('hands OAuth 2.0’s audience and extra parameters over, and says nothing is left out', () => {
    const oauth2 = {
      ...defaultSavedAuth('oauth2'),
      tokenUrl: 'https://auth.example.com/oauth2/token',
      clientId: 'client-1',
      audience: 'api://orders',
      extraParams: [{ name: 'resource', value: 'https://api.example.com' }],
    };
    const { request, note } = codeRequestOf(
      { ...sigv4, authType: 'oauth2', apiKeyBeside: undefined, auths: { oauth2 } },
      undefined,
    );
    expect(note).toBeUndefined();
    expect(request.auth).toMatchObject({ audience: 'api://orders', extraParams: oauth2.extraParams });
    expect(generateCode(request, 'javascript-smithy').code).toContain('resource=https%3A%2F%2Fapi.example.com');
  });
});

describe('the auth a saved request inherits, for its code', () => {
  const bearer = {
    type: 'bearer' as const,
    tokenRef: { kind: 'variables' as const, text: '{{token}}' },
    prefix: 'Bearer',
  };
  const collection = CollectionSchema.parse({
    id: 'col_1',
    name: 'Orders',
    settings: { auth: { ...bearer, apiKey: { in: 'header', name: 'x-api-key' } } },
    items: [
      {
        kind: 'folder',
        id: 'fld_basic',
        name: 'Admin',
        settings: { auth: { type: 'basic', username: 'admin' } },
        items: [
          {
            kind: 'folder',
            id: 'fld_inner',
            name: 'Inner',
            items: [{ kind: 'request', id: 'req_deep', name: 'Deep', method: 'GET', url: 'https://x.example.com' }],
          },
        ],
      },
      {
        kind: 'folder',
        id: 'fld_none',
        name: 'Public',
        settings: { auth: { type: 'none' } },
        items: [{ kind: 'request', id: 'req_public', name: 'Public', method: 'GET', url: 'https://x.example.com' }],
      },
      { kind: 'request', id: 'req_top', name: 'Top', method: 'GET', url: 'https://x.example.com' },
    ],
  });

  it('is the nearest folder’s, then the collection’s, and a folder’s No auth stops it', () => {
    expect(inheritedAuthOf(collection, 'req_deep')).toMatchObject({
      auth: { type: 'basic', username: 'admin' },
      from: 'folder “Admin”',
    });
    expect(inheritedAuthOf(collection, 'req_public')?.auth).toEqual({ type: 'none' });
    expect(inheritedAuthOf(collection, 'req_top')).toMatchObject({
      auth: { type: 'bearer' },
      from: 'collection “Orders”',
    });
    expect(inheritedAuthOf(collection, 'req_elsewhere')).toBeUndefined();
  });

  it('gives a "No auth" tab the code of what it inherits, API key beside included; its own auth wins', () => {
    const inherited = inheritedAuthOf(collection, 'req_top');
    const { request, note } = codeRequestOf(
      { ...sigv4, authType: 'none', apiKeyBeside: undefined },
      undefined,
      inherited,
    );
    expect(request.auth).toEqual({ type: 'bearer', prefix: 'Bearer' });
    expect(request.apiKey).toEqual({ in: 'header', name: 'x-api-key' });
    expect(note).toBe('The auth is inherited from the collection “Orders”.');
    expect(codeRequestOf({ ...sigv4, apiKeyBeside: undefined }, undefined, inherited).request.auth).toBeUndefined();
    // "No auth" with nothing inherited is code without auth, not SigV4 signing.
    const bare = { ...sigv4, authType: 'none' as const, apiKeyBeside: undefined };
    expect(codeRequestOf(bare, undefined).request.auth).toEqual({ type: 'none' });
    expect(codeRequestOf(bare, undefined, inheritedAuthOf(collection, 'req_public')).request.auth).toEqual({
      type: 'none',
    });
  });
});
