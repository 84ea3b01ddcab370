import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../../../shared/contract/collections';
import { exportCurl, importCurl, parseCurl } from '../../../../electron/core/io/curl';
import { quoteShellWord, splitShellWords } from '../../../../electron/core/io/shell-words';
import { FIXTURE_SECRETS, readImportFixture } from '../../../support/import-fixtures';

const corpus = readImportFixture('curl-corpus.txt')
  .split(/^-{4,}$/m)
  .map((block) => block.replace(/^#.*$/gm, '').trim());

const one = (index: number) => parseCurl(corpus[index] as string);

describe('shell words', () => {
  it('follows POSIX quoting and line continuations', () => {
    expect(splitShellWords(`a 'b c' "d \\"e\\" \\$f \\x" g\\ h i\\\nj`).commands).toEqual([
      ['a', 'b c', 'd "e" $f \\x', 'g h', 'ij'],
    ]);
    expect(splitShellWords("x $'tab\\there\\x41\\''").commands).toEqual([['x', "tab\there\x41'"]]);
    expect(splitShellWords('one "two\nlines"\nsecond cmd').commands).toEqual([
      ['one', 'two\nlines'],
      ['second', 'cmd'],
    ]);
    expect(splitShellWords('curl a | jq .; echo hi').operators).toEqual(['|', ';']);
    expect(splitShellWords('curl a | jq .').commands).toEqual([['curl', 'a']]);
    expect(splitShellWords('curl "a" ^\n -H x').commands).toEqual([['curl', 'a', '-H', 'x']]);
    expect(() => splitShellWords("curl 'open")).toThrow(/never closed/);
    expect(() => splitShellWords('curl "open')).toThrow(/never closed/);
  });

  it('quotes words so the shell reads them back unchanged', () => {
    for (const word of ['plain', 'with space', "it's", '$HOME', 'a"b', '', 'line\nbreak', '{{var}}', '@file']) {
      expect(splitShellWords(`x ${quoteShellWord(word)}`).commands[0]?.[1]).toBe(word);
    }
  });
});

describe('curl import corpus', () => {
  it('reads --aws-sigv4 with region and service, and drops --user keys', () => {
    const { request, dropped } = one(0);
    expect(request).toMatchObject({
      method: 'GET',
      url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders',
      auth: {
        type: 'aws-sigv4',
        credentialSource: { source: 'inherit' },
        region: 'eu-west-1',
        service: 'execute-api',
        isQuerySigned: false,
      },
    });
    expect(dropped).toEqual([
      {
        path: 'curl › --user',
        what: 'AWS access key and secret (--user)',
        why: expect.stringMatching(/set up a credential profile instead/),
      },
    ]);
  });

  it('reads a multi-line POST with quoting, dropping secrets and signing headers', () => {
    const { request, dropped } = one(1);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders');
    expect(request.params).toEqual([{ name: 'dryRun', value: 'true', isEnabled: true }]);
    expect(request.headers).toEqual([{ name: 'Content-Type', value: 'application/json', isEnabled: true }]);
    expect(request.body).toEqual({
      kind: 'text',
      language: 'json',
      text: `{"item":"book","note":"it's \\"quoted\\""}`,
    });
    expect(dropped.map((d) => d.what)).toEqual(['header value', 'header', 'AWS access key and secret (--user)']);
    const text = JSON.stringify(request);
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
  });

  it('accepts --aws-sigv4 without region and service (guessed at send time)', () => {
    expect(one(2).request.auth).toEqual({
      type: 'aws-sigv4',
      credentialSource: { source: 'inherit' },
      region: '',
      service: '',
      isQuerySigned: false,
      expiresInSeconds: 900,
    });
  });

  it('reads combined short flags, attached values and --data-binary @file', () => {
    const { request } = one(3);
    expect(request).toMatchObject({
      method: 'PUT',
      headers: [{ name: 'X-Trace', value: '1' }],
      body: { kind: 'binary', filePath: '/tmp/blob.bin' },
      auth: { service: 's3', region: 'us-east-1' },
    });
  });

  it('moves data to the query with -G and encodes --data-urlencode and --url-query like curl', () => {
    const { request } = one(4);
    expect(request.method).toBe('GET');
    expect(request.body).toEqual({ kind: 'none' });
    expect(request.params).toEqual([
      { name: 'lang', value: 'en', isEnabled: true },
      { name: 'raw', value: 'a%20b', isEnabled: true },
      { name: 'q', value: 'hello', isEnabled: true },
      { name: 'name', value: 'J%20Doe%20%26%20co', isEnabled: true },
    ]);
  });

  it('reads multipart parts with file types and literal strings', () => {
    expect(one(5).request).toMatchObject({
      method: 'POST',
      body: {
        kind: 'multipart',
        parts: [
          { kind: 'text', name: 'title', value: 'Annual report' },
          { kind: 'file', name: 'file', filePath: '/tmp/report.pdf', contentType: 'application/pdf' },
          { kind: 'text', name: 'at', value: '@literal' },
        ],
      },
    });
  });

  it('reads --json, repeated -d, and -I with header options', () => {
    expect(one(6).request).toMatchObject({
      method: 'POST',
      body: { kind: 'text', language: 'json', text: '{"a":1}' },
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'application/json' },
      ],
    });
    expect(one(7).request).toMatchObject({
      method: 'POST',
      body: { kind: 'text', text: 'a=1&b=two words&c=3' },
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
    });
    const head = one(8);
    expect(head.request).toMatchObject({
      method: 'HEAD',
      headers: [
        { name: 'User-Agent', value: 'Shomei-Test/1.0' },
        { name: 'Referer', value: 'https://ref.test/' },
        { name: 'Cookie', value: 'session=abc' },
      ],
    });
    expect(head.dropped.map((d) => d.what)).toEqual(['TLS verification off']);
  });

  it("reads $'…' quoting and keeps {{variables}}, dropping bearer tokens", () => {
    expect(one(9).request).toMatchObject({
      url: 'https://api.test/ansi',
      params: [{ name: 'x', value: 'A' }],
      headers: [{ name: 'X-Tab', value: 'a\tb' }],
    });
    const del = one(10);
    expect(del.request).toMatchObject({ method: 'DELETE', url: 'https://api.test/items/{{itemId}}', headers: [] });
    expect(del.dropped[0]?.why).toMatch(/credential profile/);
  });

  it('imports the whole corpus as one collection of requests', () => {
    const commands = corpus.filter((c) => c.startsWith('curl'));
    const { collection, report } = importCurl(commands.join('\n'));
    expect(report.imported).toBe(commands.length);
    expect(collection.items).toHaveLength(commands.length);
    for (const secret of FIXTURE_SECRETS) expect(JSON.stringify(collection)).not.toContain(secret);
  });

  it.each([
    ['empty text', '   ', /empty/],
    ['another program', 'wget https://a.test', /starts with "wget"/],
    ['no URL', 'curl -X GET', /no URL/],
    ['a missing value', 'curl https://a.test -H', /-H needs a value/],
    ['an open quote', "curl 'https://a.test", /never closed/],
  ])('rejects %s with IMPORT_FAILED', (_label, text, message) => {
    expect(() => importCurl(text)).toThrow(
      expect.objectContaining({ code: 'IMPORT_FAILED', message: expect.stringMatching(message) }),
    );
  });
});

describe('curl export', () => {
  const request: SavedRequest = {
    kind: 'request',
    id: 'r',
    name: 'Create',
    method: 'POST',
    url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/orders',
    params: [
      { name: 'a', value: "it's", isEnabled: true },
      { name: 'off', value: '1', isEnabled: false },
    ],
    headers: [
      { name: 'Content-Type', value: 'application/json', isEnabled: true },
      { name: 'Authorization', value: 'leak', isEnabled: true },
    ],
    body: { kind: 'text', language: 'json', text: '{"q":"it\'s"}' },
    auth: {
      type: 'aws-sigv4',
      credentialSource: { source: 'profile', profileId: 'team-dev' },
      region: 'eu-west-1',
      service: 'execute-api',
      isQuerySigned: false,
      expiresInSeconds: 900,
    },
  };

  it('writes --aws-sigv4 with keys from the environment and names the profile to set up', () => {
    const { text, notes } = exportCurl(request);
    expect(text).toContain('--aws-sigv4 aws:amz:eu-west-1:execute-api');
    expect(text).toContain('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    expect(text).not.toContain('leak');
    expect(notes[0]?.message).toMatch(/credential profile "team-dev"/);
  });

  it('reads back as the same request', () => {
    const { request: back } = parseCurl(exportCurl(request).text);
    expect(back).toMatchObject({
      method: 'POST',
      url: request.url,
      params: [{ name: 'a', value: "it's" }],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: { kind: 'text', text: request.body.kind === 'text' ? request.body.text : '' },
      auth: { type: 'aws-sigv4', region: 'eu-west-1', service: 'execute-api' },
    });
  });

  it('writes every body kind', () => {
    const base = { method: 'POST', url: 'https://a.test', headers: [], auth: { type: 'none' as const } };
    expect(
      exportCurl({ ...base, body: { kind: 'form-urlencoded', rows: [{ name: 'a', value: 'b c', isEnabled: true }] } })
        .text,
    ).toContain("--data-urlencode 'a=b c'");
    expect(
      exportCurl({
        ...base,
        body: {
          kind: 'multipart',
          parts: [
            { kind: 'file', name: 'f', filePath: '/tmp/x', contentType: 'text/plain', isEnabled: true },
            { kind: 'text', name: 't', value: '@x', isEnabled: true },
          ],
        },
      }).text,
    ).toMatch(/--form 'f=@\/tmp\/x;type=text\/plain'[\s\S]*--form-string t=@x/);
    expect(exportCurl({ ...base, body: { kind: 'binary', filePath: '/tmp/b.bin' } }).text).toContain(
      '--data-binary @/tmp/b.bin',
    );
  });
});
