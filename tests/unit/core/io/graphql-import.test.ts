import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../../../shared/contract/collections';
import { importInsomnia } from '../../../../electron/core/io/insomnia';
import { exportPostmanCollection, importPostmanCollection } from '../../../../electron/core/io/postman';

const POSTMAN = JSON.stringify({
  info: { name: 'AppSync', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'List items',
      request: {
        method: 'POST',
        url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
        body: {
          mode: 'graphql',
          graphql: { query: 'query L($n: Int) { items(limit: $n) { id } }', variables: '{"n": 2}' },
        },
      },
    },
    {
      name: 'Broken variables',
      request: {
        method: 'POST',
        url: 'https://x/graphql',
        body: { mode: 'graphql', graphql: { query: '{ a }', variables: '{n: 2' } },
      },
    },
  ],
});

const INSOMNIA = JSON.stringify({
  _type: 'export',
  __export_format: 4,
  resources: [
    { _id: 'wrk_1', _type: 'workspace', parentId: null, name: 'AppSync (Insomnia)' },
    {
      _id: 'req_1',
      _type: 'request',
      parentId: 'wrk_1',
      name: 'Get item',
      method: 'POST',
      url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      body: {
        mimeType: 'application/graphql',
        text: '{"query":"query G($id: ID!) { item(id: $id) { name } }","variables":{"id":"{{ _.itemId }}"},"operationName":"G"}',
      },
    },
  ],
});

describe('GraphQL bodies from Postman and Insomnia import as GraphQL', () => {
  it('Postman graphql mode: a GraphQL body with its query and variables, and it exports back as graphql mode', () => {
    const { collection, report } = importPostmanCollection(POSTMAN);
    const [list, broken] = collection.items as SavedRequest[];
    expect(list?.body).toEqual({
      kind: 'text',
      language: 'graphql',
      text: '{"query":"query L($n: Int) { items(limit: $n) { id } }","variables":{"n":2}}',
    });
    expect(report.dropped.some((d) => /GraphQL/.test(d.what))).toBe(false);
    // Variables Postman holds that are not JSON are kept as written, not replaced by {}.
    expect(broken?.body.kind === 'text' && JSON.parse(broken.body.text)).toEqual({
      query: '{ a }',
      variables: '{n: 2',
    });

    const exported = JSON.parse(exportPostmanCollection(collection).text) as {
      item: Array<{ request: { body: unknown } }>;
    };
    expect(exported.item[0]?.request.body).toEqual({
      mode: 'graphql',
      graphql: { query: 'query L($n: Int) { items(limit: $n) { id } }', variables: '{\n  "n": 2\n}' },
    });
    // One that does not read back as GraphQL leaves as the raw JSON it is.
    expect(exported.item[1]?.request.body).toMatchObject({ mode: 'raw', options: { raw: { language: 'json' } } });
  });

  it('Insomnia application/graphql: a GraphQL body, templates converted to {{variables}}', () => {
    const { collection } = importInsomnia(INSOMNIA);
    const request = collection.items[0] as SavedRequest;
    expect(request.body).toEqual({
      kind: 'text',
      language: 'graphql',
      text: '{"query":"query G($id: ID!) { item(id: $id) { name } }","variables":{"id":"{{itemId}}"},"operationName":"G"}',
    });
  });

  it('Insomnia application/graphql text that is not GraphQL JSON stays JSON text', () => {
    const text = INSOMNIA.replace('"text":"{\\"query\\"', '"text":"{\\"notQuery\\"');
    const request = importInsomnia(text).collection.items[0] as SavedRequest;
    expect(request.body).toMatchObject({ kind: 'text', language: 'json' });
  });
});
