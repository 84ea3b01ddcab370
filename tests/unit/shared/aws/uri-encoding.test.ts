import { describe, expect, it } from 'vitest';
import { awsUriEncode, encodePathOnce, parseQuery } from '../../../../shared/aws/uri-encoding';

describe('SigV4 URI encoding shared by the signer and generated code', () => {
  it('encodes everything but RFC 3986 unreserved characters, upper-case', () => {
    expect(awsUriEncode("a b+c/!'()*~-._é")).toBe('a%20b%2Bc%2F%21%27%28%29%2A~-._%C3%A9');
  });
  it('turns a lone surrogate into U+FFFD instead of throwing', () => {
    expect(awsUriEncode('x\uD800y')).toBe('x%EF%BF%BDy');
  });
  it('encodes a path once, keeping slashes and existing escapes (upper-cased)', () => {
    expect(encodePathOnce('/a b//c%2fd/é')).toBe('/a%20b//c%2Fd/%C3%A9');
  });
  it('decodes query pairs in order, leaving stray % and + as typed', () => {
    expect(parseQuery('a=%zz&b&c=x+y&d=%E2%9C%93')).toEqual([
      ['a', '%zz'],
      ['b', null],
      ['c', 'x+y'],
      ['d', '✓'],
    ]);
  });
});
