import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode } from '../../shared/codegen/generate-code';
import { NEW_REQUEST, savedFromEditor, typedCredentials } from '../../renderer/features/collections/saved-draft';
import { codeRequestOf } from '../../renderer/features/codegen/code-request';
import { EMPTY_DRAFT, type EditorDraft } from '../../renderer/features/request/request-draft';
import { createTestCore, recordingTransport } from '../support/test-core';

const KEYS = { accessKeyId: 'AKIABODYBYTES0000001', secretAccessKey: 'bodyBytesSecret/000000000000000000000000' };

/** Rows whose bytes two form encoders would disagree on: quotes, parentheses, `!~*`, space, `+`, `&`, `=`, `%`, UTF-8. */
const AWKWARD_ROWS = [
  { name: 'note', value: "it's (ok)!~", isEnabled: true },
  { name: 'a b+c', value: 'x&y=z 100%', isEnabled: true },
  { name: 'star*', value: 'café 日本 🙂', isEnabled: true },
  { name: 'off', value: 'not sent', isEnabled: false },
  { name: '', value: '', isEnabled: true },
];

/** The editor's draft of an S3 PUT with that form body, so every path sends x-amz-content-sha256. */
function editorDraft(): EditorDraft {
  return {
    ...EMPTY_DRAFT,
    method: 'PUT',
    url: 'https://example-bucket.s3.eu-west-1.amazonaws.com/upload',
    bodyKind: 'form',
    formRows: AWKWARD_ROWS.map((row) => ({ ...row })),
    authType: 'aws-sigv4',
    aws: { ...EMPTY_DRAFT.aws, ...KEYS, region: 'eu-west-1', service: 's3' },
  };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
/** The payload hash: the last line of a canonical request. */
const payloadHashOf = (canonicalRequest: string) => canonicalRequest.split('\n').pop();

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe('one body encoding for Send, Preview, the inspector and the code generator', () => {
  it('gives the same bytes and the same hash for an awkward form everywhere', async () => {
    const transport = recordingTransport();
    const test = createTestCore({ transport });
    dispose = test.dispose;
    const draft = editorDraft();
    const input = {
      request: savedFromEditor(draft, NEW_REQUEST, 'send'),
      credentials: typedCredentials(draft),
      usesTypedKeys: true,
    };

    // Send: the bytes on the wire.
    const response = await test.core.drafts.send({ requestId: 'r1', ...input });
    const wire = transport.sent[0];
    if (!wire || !(wire.body instanceof Uint8Array)) throw new Error('the form body was not sent as bytes');
    const sent = Buffer.from(wire.body).toString('utf8');
    expect(sent).toBe(
      "note=it's%20(ok)!~&a%20b%2Bc=x%26y%3Dz%20100%25&star*=caf%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%99%82",
    );
    const hash = sha256(wire.body);
    expect(wire.headers.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1]).toBe(hash);
    expect(wire.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]).toBe(
      'application/x-www-form-urlencoded',
    );

    // The inspector: what the response's Signature tab shows was signed.
    expect(payloadHashOf(response.signing?.canonicalRequest ?? '')).toBe(hash);

    // Preview signature: signed as Send would, not sent.
    const preview = await test.core.drafts.inspect(input);
    expect(payloadHashOf(preview.signing.canonicalRequest)).toBe(hash);
    expect(preview.headers.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1]).toBe(hash);
    expect(transport.sent).toHaveLength(1);

    // The Code dialog: the body it writes and the hash it sends are Send's.
    const { request } = codeRequestOf(draft, undefined);
    expect(request.body).toBe(sent);
    expect(request.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    const curl = generateCode(request, 'curl').code;
    expect(curl).toContain(`x-amz-content-sha256: ${hash}`);
    const smithy = generateCode(request, 'javascript-smithy').code;
    expect(smithy).toContain(JSON.stringify(sent));
  });
});
