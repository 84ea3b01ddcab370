import { describe, expect, it } from 'vitest';
import type { SavedRequest, SavedSendOptions } from '../../../../shared/contract/collections';
import { exportCurl } from '../../../../electron/core/io/curl-export';
import { importCurl, parseCurl } from '../../../../electron/core/io/curl';
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

  it('reads special characters inside a word and escapes inside double quotes as they are typed', () => {
    expect(splitShellWords('a#b c&d e>f $x "p\\\nq\\a\\\\" # note').commands).toEqual([
      ['a#b', 'c&d', 'e>f', '$x', 'pq\\a\\'],
    ]);
    expect(() => splitShellWords('curl "open\\')).toThrow(/never closed/);
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
      options: { isFollowingRedirects: true },
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
    expect(head.request.options).toEqual({ isFollowingRedirects: false, isTlsVerified: false });
    expect(head.dropped).toEqual([]);
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

describe('curl send options', () => {
  const options = (text: string) => parseCurl(text).request.options;
  const dropped = (text: string) => parseCurl(text).dropped;

  it('reads -m, -L, --max-redirs, -k, -x and --connect-to, combined short flags included', () => {
    expect(
      options(
        'curl -sSLk -m 2.5 --max-redirs 3 -x proxy.corp:3128 --connect-to api.test:443:10.0.0.5:8443 https://api.test/x',
      ),
    ).toEqual({
      timeoutMs: 2500,
      isFollowingRedirects: true,
      maxRedirects: 3,
      isTlsVerified: false,
      proxyUrl: 'http://proxy.corp:3128',
      connectTo: '10.0.0.5:8443',
    });
    expect(options('curl -m5 -Lx https://p.corp https://api.test/x')).toEqual({
      timeoutMs: 5000,
      isFollowingRedirects: true,
      proxyUrl: 'https://p.corp:443',
    });
  });

  it('does not follow redirects without -L, as curl did not; the last of -L and --no-location wins', () => {
    expect(options('curl https://api.test/x')).toEqual({ isFollowingRedirects: false });
    expect(options('curl -L --no-location https://api.test/x')).toEqual({ isFollowingRedirects: false });
    expect(options('curl --no-location --location https://api.test/x')).toEqual({ isFollowingRedirects: true });
  });

  it('follows with --location-trusted but reports that credentials never go to another origin', () => {
    expect(options('curl --location-trusted https://api.test/x')).toEqual({ isFollowingRedirects: true });
    expect(dropped('curl --location-trusted https://api.test/x')).toEqual([
      expect.objectContaining({ what: 'credentials sent to other hosts' }),
    ]);
  });

  it.each([
    ['--max-time 0', 'no time limit', {}],
    ['--max-time soon', 'timeout', {}],
    ['--max-time 7200', 'timeout', { timeoutMs: 3_600_000 }],
    ['--max-redirs -1', 'redirect limit', { maxRedirects: 50 }],
    ['--max-redirs 99', 'redirect limit', { maxRedirects: 50 }],
  ])('reports %s and keeps what fits', (flags, what, kept) => {
    const text = `curl ${flags} https://api.test/x`;
    expect(options(text)).toEqual({ isFollowingRedirects: false, ...kept });
    expect(dropped(text)).toEqual([expect.objectContaining({ path: `curl › ${flags}`, what })]);
  });

  it('never reads --cacert or --capath: it reports them instead', () => {
    const { request, dropped: report } = parseCurl(
      'curl --cacert /does/not/exist.pem --capath /etc/ssl/certs https://api.test/x',
    );
    expect(request.options).toEqual({ isFollowingRedirects: false });
    expect(report).toEqual([
      {
        path: 'curl › --cacert /does/not/exist.pem',
        what: 'CA certificates from a file',
        why: expect.stringMatching(/never reads files.*CA bundle/),
      },
      expect.objectContaining({ path: 'curl › --capath /etc/ssl/certs', what: 'CA certificates from a file' }),
    ]);
  });

  it('strips a proxy’s user name and password, drops --proxy-user, and never shows either', () => {
    const { request, dropped: report } = parseCurl(
      'curl -x http://bob:s3cr3t-proxy@proxy.corp:3128 -U alice:other-s3cr3t https://api.test/x',
    );
    expect(request.options?.proxyUrl).toBe('http://proxy.corp:3128');
    expect(report.map((d) => [d.path, d.what])).toEqual([
      ['curl › --proxy', 'proxy user name and password'],
      ['curl › --proxy-user', 'proxy user name and password'],
    ]);
    expect(JSON.stringify({ request, report })).not.toMatch(/s3cr3t|bob|alice/);
  });

  it.each([
    ['socks5://p.corp:1080', 'socks5 proxy'],
    ['""', 'no proxy'],
    ['http://p.corp/path', 'proxy'],
  ])('reports the proxy %s that Shomei cannot use', (proxy, what) => {
    const text = `curl --proxy ${proxy} https://api.test/x`;
    expect(options(text)?.proxyUrl).toBeUndefined();
    expect(dropped(text)).toEqual([expect.objectContaining({ what })]);
  });

  it.each([
    ['--connect-to api.test:443:10.0.0.5:8443', 'https://api.test/x', '10.0.0.5:8443'],
    ['--connect-to ::10.0.0.5:8443', 'https://api.test/x', '10.0.0.5:8443'],
    ['--connect-to API.test::backend:', 'https://api.test:8443/x', 'backend:8443'],
    ['--connect-to :443:[::1]:9443', 'https://api.test/x', '[::1]:9443'],
    ['--resolve api.test:443:127.0.0.1', 'https://api.test/x', '127.0.0.1:443'],
    ['--resolve +api.test:80:::1', 'http://api.test/x', '[::1]:80'],
    ['--resolve *:8080:[fd00::5]', 'http://api.test:8080/x', '[fd00::5]:8080'],
  ])('reads %s for %s as connect to %s', (flag, url, connectTo) => {
    const { request, dropped: report } = parseCurl(`curl ${flag} ${url}`);
    expect(request.options?.connectTo).toBe(connectTo);
    expect(report).toEqual([]);
  });

  it.each([
    ['--connect-to other.test:443:10.0.0.5:8443', 'https://api.test/x', /for other\.test:443, not for this URL/],
    ['--connect-to api.test:80:10.0.0.5:8443', 'https://api.test/x', /not for this URL \(api\.test:443\)/],
    ['--resolve api.test:443:127.0.0.1', 'http://api.test/x', /not for this URL/],
    ['--resolve -api.test:443', 'https://api.test/x', /removes an address/],
    ['--connect-to ::10.0.0.5:8443', 'https://{{host}}/x', /not known before sending/],
    ['--connect-to nonsense', 'https://api.test/x', /HOST1:PORT1:HOST2:PORT2/],
  ])('reports %s for %s', (flag, url, why) => {
    const { request, dropped: report } = parseCurl(`curl ${flag} ${url}`);
    expect(request.options?.connectTo).toBeUndefined();
    expect(report).toEqual([{ path: `curl › ${flag}`, what: 'connect-to address', why: expect.stringMatching(why) }]);
  });

  it('keeps the first connect-to address that applies and reports the others', () => {
    const { request, dropped: report } = parseCurl(
      'curl --resolve api.test:443:10.0.0.1,10.0.0.2 --connect-to ::10.0.0.9:443 https://api.test/x',
    );
    expect(request.options?.connectTo).toBe('10.0.0.1:443');
    expect(report.map((d) => d.what)).toEqual(['more addresses', 'connect-to address']);
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

  it('writes the send options so that they read back the same', () => {
    const options: SavedSendOptions = {
      timeoutMs: 2500,
      isFollowingRedirects: true,
      maxRedirects: 3,
      isTlsVerified: false,
      proxyUrl: 'http://proxy.corp:3128',
      connectTo: '[::1]:8443',
    };
    const plain = { ...request, auth: { type: 'none' as const }, options };
    const { text, notes } = exportCurl(plain);
    expect(text).toContain('--max-time 2.5 \\\n  --location \\\n  --max-redirs 3 \\\n  --insecure');
    expect(text).toContain('--proxy http://proxy.corp:3128');
    expect(text).toContain("--connect-to '::[::1]:8443'");
    expect(notes).toEqual([]);
    const back = parseCurl(text);
    expect(back.request.options).toEqual(options);
    expect(back.dropped).toEqual([]);
    // Not following, and no options at all, round-trip too; absent options follow redirects as Shomei does.
    expect(parseCurl(exportCurl({ ...plain, options: { isFollowingRedirects: false } }).text).request.options).toEqual({
      isFollowingRedirects: false,
    });
    const { options: _none, ...withDefaults } = plain;
    expect(exportCurl(withDefaults).text).toContain('--location');
  });

  it('does not tell curl to follow redirects when it sends the session token header, and says why', () => {
    const { text, notes } = exportCurl({ ...request, options: { isFollowingRedirects: true, maxRedirects: 2 } });
    expect(text).toContain('X-Amz-Security-Token: $AWS_SESSION_TOKEN');
    expect(text).not.toContain('--location');
    expect(text).toContain('--max-redirs 2');
    expect(notes.map((n) => n.message).join('\n')).toMatch(/not followed.*X-Amz-Security-Token/);
    expect(parseCurl(text).request.options).toEqual({ isFollowingRedirects: false, maxRedirects: 2 });
  });

  it('leaves a CA bundle out with a note, writes a proxy’s port, and never a proxy’s password', () => {
    const { text, notes } = exportCurl({
      ...request,
      auth: { type: 'none' },
      options: {
        caBundlePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        proxyUrl: 'https://user:pw-s3cr3t@proxy.corp',
      },
    });
    expect(text).not.toMatch(/BEGIN CERTIFICATE|--cacert|s3cr3t/);
    expect(text).toContain('--proxy https://proxy.corp:443');
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/CA bundle.*--cacert FILE/)]);
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
