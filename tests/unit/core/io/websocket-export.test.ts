import { describe, expect, it } from 'vitest';
import { CollectionSchema, type Collection } from '../../../../shared/contract/collections';
import { exportPostmanCollection } from '../../../../electron/core/io/postman';
import { exportShomeiCollection, importShomeiCollection } from '../../../../electron/core/io/shomei-file';
import { sequentialIds } from '../../../support/import-fixtures';

/** A collection with an HTTP request and, in a folder, a signed WebSocket request with saved messages. */
function chatCollection(): Collection {
  return CollectionSchema.parse({
    id: 'c1',
    name: 'Chat',
    items: [
      { kind: 'request', id: 'r1', name: 'Health', method: 'GET', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/health' },
      {
        kind: 'folder',
        id: 'f1',
        name: 'Realtime',
        items: [
          {
            kind: 'request',
            id: 'r2',
            name: 'Chat socket',
            method: 'GET',
            url: 'wss://abc.execute-api.eu-west-1.amazonaws.com/production',
            auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'eu-west-1', service: 'execute-api', isQuerySigned: true },
            websocket: {
              messages: [
                { format: 'json', text: '{"action":"sendmessage","data":"hi"}', name: 'Say hi' },
                { format: 'binary', text: '48 69', binaryEncoding: 'hex' },
              ],
            },
          },
        ],
      },
    ],
  });
}

describe('WebSocket requests in exports', () => {
  it('a Shomei collection file carries the WebSocket request and its saved messages through a round trip', () => {
    const exported = exportShomeiCollection(chatCollection());
    const imported = importShomeiCollection(exported.text, { newId: sequentialIds() });
    const folder = imported.collection.items[1];
    if (folder?.kind !== 'folder') throw new Error('no folder');
    const socket = folder.items[0];
    if (socket?.kind !== 'request') throw new Error('no request');
    expect(socket.url).toBe('wss://abc.execute-api.eu-west-1.amazonaws.com/production');
    expect(socket.websocket?.messages).toEqual([
      { format: 'json', text: '{"action":"sendmessage","data":"hi"}', name: 'Say hi' },
      { format: 'binary', text: '48 69', binaryEncoding: 'hex' },
    ]);
    expect(socket.auth).toMatchObject({ type: 'aws-sigv4', isQuerySigned: true });
  });

  it('Postman export leaves WebSocket requests out and says so; the HTTP request goes', () => {
    const exported = exportPostmanCollection(chatCollection());
    const out = JSON.parse(exported.text) as { item: Array<{ name: string; item?: unknown[] }> };
    expect(out.item.map((item) => item.name)).toEqual(['Health', 'Realtime']);
    expect(out.item[1]?.item).toEqual([]);
    expect(exported.text).not.toContain('wss://');
    expect(exported.notes).toContainEqual({
      path: 'Chat / Realtime / Chat socket',
      message: expect.stringMatching(/^WebSocket requests are not exported/),
    });
  });
});
