import { describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../../../../shared/contract/collections';
import { editorFromSaved, savedFromEditor } from '../../../../../renderer/features/collections/saved-draft';
import { draftReducer, EMPTY_DRAFT } from '../../../../../renderer/features/request/request-draft';

const saved = RequestDraftSchema.parse({
  name: 'AppSync items',
  method: 'POST',
  url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  body: {
    kind: 'text',
    language: 'graphql',
    text: '{"query":"{ items { id } }","variables":{"n":1},"operationName":"L"}',
  },
  auth: { type: 'aws-sigv4', credentialSource: { source: 'env' } },
});

describe('GraphQL bodies in the editor', () => {
  it('open as their parts and save back as the same JSON body', () => {
    const { draft, opened } = editorFromSaved(saved);
    expect(draft.bodyKind).toBe('graphql');
    expect(draft.graphql).toEqual({ query: '{ items { id } }', variables: '{\n  "n": 1\n}', operationName: 'L' });
    expect(draft.aws.service).toBe('appsync');
    expect(savedFromEditor(draft, opened, 'save').body).toEqual(saved.body);
  });

  it('a GraphQL body that does not read back opens as its JSON text, untouched', () => {
    const odd = { ...saved, body: { kind: 'text' as const, language: 'graphql' as const, text: '{"query": 1}' } };
    const { draft, opened } = editorFromSaved(odd);
    expect(draft.bodyKind).toBe('json');
    expect(draft.bodyText).toBe('{"query": 1}');
    expect(savedFromEditor(draft, opened, 'save').body).toEqual({
      kind: 'text',
      language: 'json',
      text: '{"query": 1}',
    });
  });

  it('variables that are not JSON yet are saved as typed, not dropped', () => {
    const { draft, opened } = editorFromSaved(saved);
    const edited = draftReducer(draft, { type: 'graphql', patch: { variables: '{"n": ' } });
    const body = savedFromEditor(edited, opened, 'save').body;
    expect(body.kind === 'text' && JSON.parse(body.text)).toEqual({ query: '{ items { id } }', variables: '{"n": ' });
  });

  it('choosing GraphQL turns a GET into a POST', () => {
    expect(draftReducer(EMPTY_DRAFT, { type: 'bodyKind', bodyKind: 'graphql' }).method).toBe('POST');
    expect(draftReducer({ ...EMPTY_DRAFT, method: 'PUT' }, { type: 'bodyKind', bodyKind: 'graphql' }).method).toBe(
      'PUT',
    );
  });
});
