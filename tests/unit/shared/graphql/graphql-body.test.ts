import { describe, expect, it } from 'vitest';
import { composeGraphqlBody, graphqlBodyFromImport, parseGraphqlBody } from '../../../../shared/graphql/graphql-body';

describe('GraphQL JSON bodies', () => {
  it('composes query, variables and operation name into the JSON that is sent, and reads it back', () => {
    const composed = composeGraphqlBody({
      query: 'query Q($id: ID!) { item(id: $id) { id } }',
      variables: '{"id": "{{itemId}}"}',
      operationName: ' Q ',
    });
    expect(composed).toEqual({
      ok: true,
      text: '{"query":"query Q($id: ID!) { item(id: $id) { id } }","variables":{"id":"{{itemId}}"},"operationName":"Q"}',
    });
    if (!composed.ok) throw new Error('not composed');
    expect(parseGraphqlBody(composed.text)).toEqual({
      query: 'query Q($id: ID!) { item(id: $id) { id } }',
      variables: '{\n  "id": "{{itemId}}"\n}',
      operationName: 'Q',
    });
  });

  it('leaves out empty variables and operation name', () => {
    expect(composeGraphqlBody({ query: '{ a }', variables: '  ', operationName: '' })).toEqual({
      ok: true,
      text: '{"query":"{ a }"}',
    });
  });

  it.each([
    ['{"n": 1', /not valid JSON/],
    ['[1, 2]', /must be a JSON object/],
    ['"text"', /must be a JSON object/],
    ['null', /must be a JSON object/],
  ])('refuses variables %s with a clear message', (variables, message) => {
    const composed = composeGraphqlBody({ query: '{ a }', variables, operationName: '' });
    expect(composed.ok).toBe(false);
    if (!composed.ok) expect(composed.message).toMatch(message);
  });

  it.each([
    'not json',
    '[]',
    '{"query": 1}',
    '{"query": "{ a }", "extra": true}',
    '{"query": "{ a }", "variables": [1]}',
  ])('does not read %s as a GraphQL body (it stays JSON)', (text) => {
    expect(parseGraphqlBody(text)).toBeUndefined();
  });

  it('imports variables given as text or as an object; variables that are not JSON are kept as they came', () => {
    expect(JSON.parse(graphqlBodyFromImport('{ a }', '{"x": 1}', 'A'))).toEqual({
      query: '{ a }',
      variables: { x: 1 },
      operationName: 'A',
    });
    expect(JSON.parse(graphqlBodyFromImport('{ a }', { x: 1 }))).toEqual({ query: '{ a }', variables: { x: 1 } });
    expect(JSON.parse(graphqlBodyFromImport('{ a }', '{x: 1'))).toEqual({ query: '{ a }', variables: '{x: 1' });
  });
});
