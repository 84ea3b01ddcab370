import { describe, expect, it } from 'vitest';
import { CheckSchema, type CheckInput } from '../../../../shared/contract/checks';
import { evaluateCaptures, evaluateChecks, looksSecret, type CheckedResponse } from '../../../../electron/core/checks/evaluate-checks';

const response: CheckedResponse = {
  status: 201,
  headers: [
    ['Content-Type', 'application/json'],
    ['x-amzn-RequestId', 'req-123'],
    ['set-cookie', 'a=1'],
    ['set-cookie', 'b=2'],
  ],
  bodyText: JSON.stringify({ id: 'item-42', qty: 3, tags: ['a', 'b'], nested: { ok: true, none: null }, token: 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl' }),
  timeMs: 120,
};

function run(check: Omit<CheckInput, 'id'>, on: CheckedResponse = response) {
  const [result] = evaluateChecks([CheckSchema.parse({ id: 'c1', ...check })], on);
  if (!result) throw new Error('no result');
  return result;
}

describe('evaluateChecks', () => {
  it('compares the status exactly and within a range', () => {
    expect(run({ target: { kind: 'status' }, operator: 'equals', expected: '201' }).isPassed).toBe(true);
    const failed = run({ target: { kind: 'status' }, operator: 'equals', expected: '200' });
    expect(failed).toMatchObject({ isPassed: false, expected: '200', actual: '201', description: 'status equals 200' });
    expect(run({ target: { kind: 'status' }, operator: 'between', expected: '200..299' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'status' }, operator: 'between', expected: '300..399' }).isPassed).toBe(false);
  });

  it('reads headers case-insensitively and joins repeated ones', () => {
    expect(run({ target: { kind: 'header', name: 'content-type' }, operator: 'matches', expected: '^application/json' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'header', name: 'X-AMZN-REQUESTID' }, operator: 'equals', expected: 'req-123' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'header', name: 'set-cookie' }, operator: 'equals', expected: 'a=1, b=2' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'header', name: 'x-missing' }, operator: 'exists' })).toMatchObject({ isPassed: false, actual: '(absent)' });
    expect(run({ target: { kind: 'header', name: 'x-missing' }, operator: 'not-exists' }).isPassed).toBe(true);
  });

  it('reads JSON values by JSONPath and JMESPath, with types and numeric comparisons', () => {
    expect(run({ target: { kind: 'json-path', path: '$.id' }, operator: 'equals', expected: 'item-42' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.qty' }, operator: 'equals', expected: '3' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.qty' }, operator: 'gte', expected: '4' })).toMatchObject({ isPassed: false, actual: '3' });
    expect(run({ target: { kind: 'json-path', path: '$.tags' }, operator: 'type', expected: 'array' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.tags' }, operator: 'contains', expected: 'b' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.nested' }, operator: 'equals', expected: '{"none":null,"ok":true}' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.nested.none' }, operator: 'type', expected: 'null' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'json-path', path: '$.nope' }, operator: 'exists' }).isPassed).toBe(false);
    expect(run({ target: { kind: 'jmespath', expression: 'tags[1]' }, operator: 'equals', expected: 'b' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'jmespath', expression: 'length(tags)' }, operator: 'lt', expected: '3' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'jmespath', expression: 'nested.missing' }, operator: 'not-exists' }).isPassed).toBe(true);
  });

  it('checks the body text and the response time', () => {
    expect(run({ target: { kind: 'body' }, operator: 'contains', expected: '"qty":3' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'body' }, operator: 'matches', expected: 'item-\\d+' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'time' }, operator: 'lt', expected: '500' }).isPassed).toBe(true);
    expect(run({ target: { kind: 'time' }, operator: 'lt', expected: '100' })).toMatchObject({ isPassed: false, actual: '120' });
  });

  it('fails with a reason, never a throw, on bad input', () => {
    const notJson = { ...response, bodyText: '<html>' };
    expect(run({ target: { kind: 'json-path', path: '$.id' }, operator: 'exists' }, notJson)).toMatchObject({ isPassed: false, error: 'the body is not JSON' });
    expect(run({ target: { kind: 'body' }, operator: 'matches', expected: '([' })).toMatchObject({ isPassed: false, error: expect.stringContaining('not a valid regular expression') });
    expect(run({ target: { kind: 'status' }, operator: 'between', expected: 'two hundred' }).error).toMatch(/not a range/);
    expect(run({ target: { kind: 'json-path', path: '$.id' }, operator: 'gt', expected: '3' }).error).toMatch(/not a number/);
    const tooLarge = { ...response, bodyText: undefined, bodyMissingReason: 'the body is over 8 MiB' };
    expect(run({ target: { kind: 'body' }, operator: 'contains', expected: 'x' }, tooLarge).error).toBe('the body is over 8 MiB');
  });

  it('refuses to run script in a JSONPath filter', () => {
    const result = run({ target: { kind: 'json-path', path: '$[?(@.constructor.constructor("return process")().exit())]' }, operator: 'exists' });
    expect(result.isPassed).toBe(false);
  });

  it('fills {{variables}} in expected values and masks secret values in what it returns', () => {
    const [filled] = evaluateChecks([CheckSchema.parse({ id: 'c', target: { kind: 'json-path', path: '$.id' }, operator: 'equals', expected: '{{itemId}}' })], response, {
      lookup: (name) => (name === 'itemId' ? 'item-42' : undefined),
    });
    expect(filled?.isPassed).toBe(true);
    const [missing] = evaluateChecks([CheckSchema.parse({ id: 'c', target: { kind: 'status' }, operator: 'equals', expected: '{{nope}}' })], response, { lookup: () => undefined });
    expect(missing).toMatchObject({ isPassed: false, error: 'unresolved variable {{nope}}' });
    const [masked] = evaluateChecks([CheckSchema.parse({ id: 'c', target: { kind: 'json-path', path: '$.token' }, operator: 'equals', expected: 'x' })], response, {
      secretValues: ['eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl'],
    });
    expect(JSON.stringify(masked)).not.toContain('eyJzdWIiOiIx');
  });

  it('skips disabled checks', () => {
    expect(evaluateChecks([CheckSchema.parse({ id: 'c', isEnabled: false, target: { kind: 'status' }, operator: 'equals', expected: '500' })], response)).toEqual([]);
  });
});

describe('evaluateCaptures', () => {
  it('captures JSON values, headers and regex groups; secrets get no preview', () => {
    const captured = evaluateCaptures(
      [
        { id: 'a', isEnabled: true, variable: 'itemId', from: { kind: 'json-path', path: '$.id' } },
        { id: 'b', isEnabled: true, variable: 'requestId', from: { kind: 'header', name: 'X-Amzn-RequestId' } },
        { id: 'c', isEnabled: true, variable: 'num', from: { kind: 'regex', pattern: 'item-(\\d+)' } },
        { id: 'd', isEnabled: true, variable: 'jwt', from: { kind: 'jmespath', expression: 'token' } },
        { id: 'e', isEnabled: true, variable: 'missing', from: { kind: 'json-path', path: '$.nope' } },
      ],
      response,
    );
    expect(captured.map((c) => c.value)).toEqual(['item-42', 'req-123', '42', 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', undefined]);
    expect(captured[0]?.result).toMatchObject({ isCaptured: true, isSecret: false, preview: 'item-42' });
    expect(captured[3]?.result).toMatchObject({ isCaptured: true, isSecret: true });
    expect(captured[3]?.result.preview).toBeUndefined();
    expect(captured[4]?.result).toMatchObject({ isCaptured: false, error: 'not found in the response' });
  });

  it('tells secrets by name and by shape', () => {
    expect(looksSecret('accessToken', 'abc')).toBe(true);
    expect(looksSecret('x', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')).toBe(true);
    expect(looksSecret('x', 'ASIAEXAMPLE123456789')).toBe(true);
    expect(looksSecret('itemId', 'item-42')).toBe(false);
  });
});
