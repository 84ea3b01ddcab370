import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAny } from '../../electron/core/io/import-any';
import { readAllFiles } from '../support/temp-dir';
import { useVerifiedCore } from '../support/test-core';

const KEYS = { accessKeyId: 'AKIAINTEGRATION00001', secretAccessKey: 'integrationSecret/0000000000000000000000' };
const SECRET_VARIABLE = 'secret-variable-value-0123456789';

const session = useVerifiedCore(KEYS);

describe('sending saved and imported requests', () => {
  it('sends a curl import with --aws-sigv4 that the verifier accepts, and records history without secrets', async () => {
    const curl = `curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" \\\n  -H 'Content-Type: application/json' -H 'X-Token: {{token}}' \\\n  --data-raw '{"hello":"{{who}}"}' '${session.target.origin}/prod/items?limit=5'`;
    const result = importAny(curl);
    expect(result.kind).toBe('collection');
    if (result.kind !== 'collection') return;
    const collection = session.core.collections.addCollection(result.collection);
    // An import is untrusted until the user trusts it; curl's --user is dropped and the request
    // says "inherit": the keys come from the app-wide default, turned on here.
    session.core.collections.trust(collection.id);
    session.core.trust.update({ defaultCredentialSource: { source: 'env' } });
    await session.core.collections.updateSettings({
      id: collection.id,
      settings: { variables: [{ id: 'v-who', name: 'who', value: 'wörld', isEnabled: true, isSecret: false }] },
    });
    await session.core.environments.create({
      name: 'dev',
      variables: [{ name: 'token', value: SECRET_VARIABLE, isSecret: true }],
    });
    session.core.environments.setActive(session.core.environments.list()[0]?.id ?? null);
    const saved = collection.items[0];
    if (saved?.kind !== 'request') throw new Error('no request');
    const { kind: _k, id: _i, ...draft } = saved;
    const response = await session.core.drafts.send({ requestId: 'r1', request: draft, savedRequestId: saved.id });
    expect(response.status).toBe(200);
    const received = session.target.received.at(-1);
    expect(received?.verdict).toMatchObject({ ok: true, reason: 'verified' });
    expect(received?.body.toString('utf8')).toBe('{"hello":"wörld"}');
    expect(received?.rawHeaders).toContainEqual(['X-Token', SECRET_VARIABLE]);
    const entry = session.core.history.list()[0];
    expect(entry).toMatchObject({
      response: { status: 200 },
      origin: { requestId: saved.id },
      request: { method: 'POST' },
    });
    // History names the secret variable that was used, never its value.
    expect(entry?.request.headers).toContainEqual(['X-Token', '{{token}}']);
    // So does the sent-request view and the timeline.
    expect(response.request.headers).toContainEqual(['X-Token', '{{token}}']);
    expect(JSON.stringify([response, entry])).not.toContain(SECRET_VARIABLE);
    session.core.flush();
    for (const file of readAllFiles(session.dataDir)) {
      for (const secret of [KEYS.secretAccessKey, SECRET_VARIABLE, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']) {
        expect(file.bytes.includes(Buffer.from(secret)), `${file.path} holds a secret`).toBe(false);
      }
    }
  });

  it('signs every body kind read from files and forms, and the verifier accepts each', async () => {
    const file = join(session.dataDir, 'upload.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 250, 255]));
    const bodies = [
      { kind: 'form-urlencoded' as const, rows: [{ name: 'a b', value: 'c&d', isEnabled: true }] },
      {
        kind: 'multipart' as const,
        parts: [
          { kind: 'text' as const, name: 'title', value: 'x', isEnabled: true },
          { kind: 'file' as const, name: 'file', filePath: file, isEnabled: true },
        ],
      },
      { kind: 'binary' as const, filePath: file },
      { kind: 'text' as const, language: 'xml' as const, text: '<a/>' },
    ];
    for (const [i, body] of bodies.entries()) {
      const response = await session.core.drafts.send({
        requestId: `b${i}`,
        request: {
          name: 'x',
          method: 'POST',
          url: `${session.target.origin}/prod/upload`,
          params: [],
          headers: [],
          body,
          auth: {
            type: 'aws-sigv4',
            credentialSource: { source: 'env' },
            region: 'us-east-1',
            service: 'execute-api',
            isQuerySigned: false,
            expiresInSeconds: 900,
          },
        },
      });
      expect(response.status, JSON.stringify(session.target.received.at(-1)?.verdict)).toBe(200);
    }
    expect(session.target.received.at(-2)?.body).toEqual(Buffer.from([0, 1, 2, 250, 255]));
  });

  it('blocks a send with unresolved variables, naming them, and records the refusal', async () => {
    await expect(
      session.core.drafts.send({
        requestId: 'u',
        request: {
          name: 'x',
          method: 'GET',
          url: '{{baseUrl}}/items',
          params: [],
          headers: [{ name: 'X-A', value: '{{nope}}', isEnabled: true }],
          body: { kind: 'none' },
          auth: { type: 'none' },
        },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/\{\{baseUrl\}\}, \{\{nope\}\}/) });
  });

  it('asks for a credential profile it does not have, by name', async () => {
    await expect(
      session.core.drafts.send({
        requestId: 'p',
        request: {
          name: 'x',
          method: 'GET',
          url: `${session.target.origin}/x`,
          params: [],
          headers: [],
          body: { kind: 'none' },
          auth: {
            type: 'aws-sigv4',
            credentialSource: { source: 'profile', profileId: 'team-prod' },
            region: 'us-east-1',
            service: 'execute-api',
            isQuerySigned: false,
            expiresInSeconds: 900,
          },
        },
      }),
    ).rejects.toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message: expect.stringMatching(/credential profile "team-prod"/),
    });
    expect(session.core.history.list()[0]?.error?.code).toBe('CREDENTIALS_MISSING');
  });
});
