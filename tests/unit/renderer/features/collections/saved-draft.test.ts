import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestDraftSchema } from '../../../../../shared/contract/collections';
import {
  editorFromSaved,
  NEW_REQUEST,
  savedFromEditor,
  typedCredentials,
} from '../../../../../renderer/features/collections/saved-draft';
import {
  EMPTY_DRAFT,
  saveDefaultSendOptions,
  sendOptionsOf,
} from '../../../../../renderer/features/request/request-draft';

const saved = RequestDraftSchema.parse({
  name: 'Search',
  description: 'Imported from Postman: finds items by name.',
  method: 'POST',
  url: '{{baseUrl}}/search',
  params: [
    { name: 'q', value: 'caf%C3%A9%20au%20lait' },
    { name: 'tag', value: '{{tag}}' },
    { name: 'off', value: '1', isEnabled: false },
  ],
  headers: [{ name: 'Accept', value: 'application/json' }],
  body: { kind: 'text', language: 'json', text: '{"a":1}' },
  auth: {
    type: 'aws-sigv4',
    credentialSource: { source: 'profile', profileId: 'dev' },
    region: 'eu-west-1',
    service: 'execute-api',
    isQuerySigned: true,
  },
});

describe('editor ↔ saved request', () => {
  it('opens a saved request in the editor with decoded params and the URL encoded once', () => {
    const { draft, opened } = editorFromSaved(saved, 'r1', 'Coll / Folder');
    expect(draft.url).toBe('{{baseUrl}}/search?q=caf%C3%A9%20au%20lait&tag={{tag}}');
    expect(draft.params).toEqual([
      { name: 'q', value: 'café au lait', isEnabled: true },
      { name: 'tag', value: '{{tag}}', isEnabled: true },
      { name: 'off', value: '1', isEnabled: false },
    ]);
    expect(draft).toMatchObject({
      method: 'POST',
      bodyKind: 'json',
      bodyText: '{"a":1}',
      authType: 'aws-sigv4',
      aws: { region: 'eu-west-1', accessKeyId: '', secretAccessKey: '' },
    });
    expect(opened).toMatchObject({ savedRequestId: 'r1', name: 'Search', location: 'Coll / Folder' });
  });

  it('saves back exactly what was opened, keeping the description, the credential source and the presign setting', () => {
    const { draft, opened } = editorFromSaved(saved, 'r1');
    expect(savedFromEditor(draft, opened, 'save')).toEqual(saved);
  });

  it('sends the URL whole, and never puts typed keys into the saved form', () => {
    const { draft, opened } = editorFromSaved(saved, 'r1');
    const typed = {
      ...draft,
      aws: {
        ...draft.aws,
        credentialChoice: 'typed' as const,
        accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
        secretAccessKey: 'typed-secret',
      },
    };
    // Typed keys are for this send only: saving keeps the saved credential source.
    expect(savedFromEditor(typed, opened, 'save').auth).toEqual(saved.auth);
    const forSend = savedFromEditor(typed, opened, 'send');
    expect(forSend).toMatchObject({ url: '{{baseUrl}}/search?q=caf%C3%A9%20au%20lait&tag={{tag}}', params: [] });
    expect(JSON.stringify(savedFromEditor(typed, opened, 'save'))).not.toContain('typed-secret');
    expect(typedCredentials(typed)).toEqual({
      source: 'inline',
      accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
      secretAccessKey: 'typed-secret',
    });
    expect(typedCredentials(draft)).toBeUndefined();
  });

  it('edits form, multipart and binary bodies and saves them back unchanged, and keeps inherited auth inherited', () => {
    const form = RequestDraftSchema.parse({
      name: 'F',
      method: 'POST',
      url: 'https://a.test',
      body: { kind: 'multipart', parts: [{ kind: 'file', name: 'f', filePath: '/tmp/x' }] },
    });
    const { draft, opened } = editorFromSaved(form);
    expect(draft.bodyKind).toBe('multipart');
    expect(draft.parts).toEqual([{ kind: 'file', name: 'f', value: '/tmp/x', contentType: '', isEnabled: true }]);
    expect(savedFromEditor(draft, opened, 'save')).toEqual(form);
    for (const body of [
      { kind: 'form-urlencoded' as const, rows: [{ name: 'a b', value: 'c+d', isEnabled: false }] },
      { kind: 'binary' as const, filePath: '/data/blob.bin', contentType: 'image/png' },
      {
        kind: 'multipart' as const,
        parts: [{ kind: 'text' as const, name: 't', value: 'v', contentType: 'text/csv', isEnabled: true }],
      },
    ]) {
      const saved = RequestDraftSchema.parse({ name: 'B', method: 'POST', url: 'https://a.test', body });
      const opened2 = editorFromSaved(saved);
      expect(savedFromEditor(opened2.draft, opened2.opened, 'save')).toEqual(saved);
    }
    expect(savedFromEditor({ ...EMPTY_DRAFT, url: 'https://a.test' }, NEW_REQUEST, 'save').auth).toEqual({
      type: 'inherit',
    });
  });
});

describe('send options saved with the request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The window's remembered defaults live in localStorage; Node has none, so give it one. */
  function rememberDefaults(patch: Partial<typeof EMPTY_DRAFT.options>): void {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
    });
    saveDefaultSendOptions({ ...EMPTY_DRAFT.options, ...patch });
  }

  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('saves only the options that differ from the defaults, and opens them again as they were', () => {
    const { draft, opened } = editorFromSaved(saved, 'r1');
    expect(draft.options).toEqual(EMPTY_DRAFT.options);
    const options = {
      ...draft.options,
      timeoutSeconds: 1,
      isFollowingRedirects: false,
      isTlsVerified: false,
      caBundlePem: PEM,
    };
    const edited = { ...draft, options };
    const forSave = savedFromEditor(edited, opened, 'save');
    expect(forSave.options).toEqual({
      timeoutMs: 1000,
      isFollowingRedirects: false,
      isTlsVerified: false,
      caBundlePem: PEM,
    });
    const reopened = editorFromSaved(RequestDraftSchema.parse(forSave), 'r1');
    expect(reopened.draft.options).toEqual(options);
    expect(savedFromEditor(reopened.draft, reopened.opened, 'save')).toEqual(forSave);
    // A send takes the options whole, apart from the request.
    expect(savedFromEditor(edited, opened, 'send')).not.toHaveProperty('options');
  });

  it('fills what a request leaves out from the window’s defaults, and adds no options for a request at the defaults', () => {
    rememberDefaults({ timeoutSeconds: 12, isFollowingRedirects: false });
    const { draft, opened } = editorFromSaved(saved, 'r1');
    expect(draft.options).toEqual({ ...EMPTY_DRAFT.options, timeoutSeconds: 12, isFollowingRedirects: false });
    expect(savedFromEditor(draft, opened, 'save')).toEqual(saved);

    const own = RequestDraftSchema.parse({ ...saved, options: { timeoutMs: 1000, isFollowingRedirects: true } });
    const mine = editorFromSaved(own, 'r2');
    expect(mine.draft.options).toEqual({ ...EMPTY_DRAFT.options, timeoutSeconds: 1, isFollowingRedirects: true });
    // Following redirects differs from this window's default, so it stays saved.
    expect(savedFromEditor(mine.draft, mine.opened, 'save').options).toEqual({
      timeoutMs: 1000,
      isFollowingRedirects: true,
    });
  });

  it('sends a proxy’s user name and password, but the saved request loses them on its way to the file', () => {
    const { draft, opened } = editorFromSaved(saved, 'r1');
    const options = { ...draft.options, proxyUrl: 'http://alice:s3cret@proxy.test:3128' };
    expect(sendOptionsOf(options).proxyUrl).toBe('http://alice:s3cret@proxy.test:3128');
    const stored = RequestDraftSchema.parse(savedFromEditor({ ...draft, options }, opened, 'save'));
    expect(stored.options).toEqual({ proxyUrl: 'http://proxy.test:3128' });
    expect(editorFromSaved(stored).draft.options.proxyUrl).toBe('http://proxy.test:3128');
  });
});
