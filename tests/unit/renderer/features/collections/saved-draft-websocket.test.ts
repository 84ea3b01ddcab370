import { describe, expect, it } from 'vitest';
import { RequestDraftSchema } from '../../../../../shared/contract/collections';
import { KeptDraftSchema } from '../../../../../shared/contract/session';
import { editorFromSaved, NEW_REQUEST, savedFromEditor } from '../../../../../renderer/features/collections/saved-draft';
import { draftReducer, emptyWebSocketDraft, EMPTY_DRAFT } from '../../../../../renderer/features/request/request-draft';
import { keptDraftOf } from '../../../../../renderer/features/tabs/kept-tabs';

const saved = RequestDraftSchema.parse({
  name: 'Chat socket',
  method: 'GET',
  url: 'wss://abc.execute-api.eu-west-1.amazonaws.com/production',
  auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, isQuerySigned: true },
  websocket: { messages: [{ format: 'json', text: '{"action":"ping"}', name: 'Ping' }] },
});

describe('WebSocket requests in the editor', () => {
  it('open with their saved messages and an empty message box, and save back the same', () => {
    const { draft, opened } = editorFromSaved(saved);
    expect(draft.websocket).toEqual({ message: { format: 'text', text: '' }, saved: saved.websocket?.messages });
    expect(draft.aws).toMatchObject({ service: 'execute-api', region: 'eu-west-1', isQuerySigned: true });
    expect(savedFromEditor(draft, opened, 'save').websocket).toEqual(saved.websocket);
    expect(savedFromEditor(draft, opened, 'send').websocket).toEqual(saved.websocket);
  });

  it('Save message keeps the box as typed among the saved messages; an HTTP draft ignores WebSocket edits', () => {
    let draft = emptyWebSocketDraft(EMPTY_DRAFT.options);
    draft = draftReducer(draft, { type: 'websocket', patch: { message: { format: 'binary', text: '48 69', binaryEncoding: 'hex' } } });
    draft = draftReducer(draft, { type: 'websocket', patch: { saved: [draft.websocket!.message] } });
    expect(savedFromEditor(draft, NEW_REQUEST, 'save').websocket).toEqual({
      messages: [{ format: 'binary', text: '48 69', binaryEncoding: 'hex' }],
    });
    expect(draftReducer(EMPTY_DRAFT, { type: 'websocket', patch: { saved: [] } })).toBe(EMPTY_DRAFT);
    expect(savedFromEditor(EMPTY_DRAFT, NEW_REQUEST, 'save')).not.toHaveProperty('websocket');
  });

  it('a WebSocket tab is kept for hot exit with its message box and saved messages', () => {
    const { draft } = editorFromSaved(saved);
    const typed = draftReducer(draft, { type: 'websocket', patch: { message: { format: 'text', text: 'half-typed' } } });
    const kept = KeptDraftSchema.parse(JSON.parse(JSON.stringify(keptDraftOf(typed))));
    expect(kept.websocket).toEqual({ message: { format: 'text', text: 'half-typed' }, saved: saved.websocket?.messages });
  });
});
