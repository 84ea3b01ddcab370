import type { Capture, CaptureSource, Check, CheckOperator, ResponseTarget } from '../../../shared/contract/checks';

/** A Bruno `assert { … }` or `vars:post-response { … }` line as `@usebruno/lang` reads it. */
export interface BrunoPair {
  name: string;
  value: string;
  enabled: boolean;
}

/** What Bruno's declarative tests became, and the lines that fit no Shomei check or capture. */
export interface ConvertedBrunoTests {
  checks: Check[];
  captures: Capture[];
  /** `name: value` of each line left out. */
  dropped: string[];
}

/** Bruno's assertion operators that have a Shomei check operator (the `is…` ones test a JSON type). */
const OPERATORS: Record<string, { operator: CheckOperator; expected?: string }> = {
  eq: { operator: 'equals' },
  neq: { operator: 'not-equals' },
  gt: { operator: 'gt' },
  gte: { operator: 'gte' },
  lt: { operator: 'lt' },
  lte: { operator: 'lte' },
  contains: { operator: 'contains' },
  matches: { operator: 'matches' },
  isDefined: { operator: 'exists' },
  isUndefined: { operator: 'not-exists' },
  isNull: { operator: 'type', expected: 'null' },
  isNumber: { operator: 'type', expected: 'number' },
  isString: { operator: 'type', expected: 'string' },
  isBoolean: { operator: 'type', expected: 'boolean' },
  isArray: { operator: 'type', expected: 'array' },
};

/**
 * Converts Bruno's declarative tests — `assert` lines (`res.status: eq 200`,
 * `res.body.items[0].id: isNumber`, `res.headers.content-type: contains json`,
 * `res.responseTime: lt 2000`) and `vars:post-response` lines (`token: res.body.token`,
 * `etag: res.headers.etag`) — into Shomei checks and captures. Nothing is evaluated: only these
 * shapes are read; any other line (`res("…")`, `isJson`, `length`…) is listed in `dropped`.
 */
export function convertBrunoTests(
  assertions: readonly BrunoPair[],
  postResponse: readonly BrunoPair[],
  newId: () => string,
): ConvertedBrunoTests {
  const out: ConvertedBrunoTests = { checks: [], captures: [], dropped: [] };
  for (const line of assertions) {
    const target = targetOf(line.name.trim());
    const [word = '', ...rest] = line.value.trim().split(/\s+/);
    const known = OPERATORS[word];
    if (!target || !known) {
      out.dropped.push(`${line.name}: ${line.value}`);
      continue;
    }
    const expected =
      known.expected ?? (known.operator === 'exists' || known.operator === 'not-exists' ? '' : rest.join(' '));
    // Bruno quotes text for the text operators; `eq "Ana"` stays quoted (a JSON string compares as one).
    const isTextOperator = known.operator === 'contains' || known.operator === 'matches';
    out.checks.push({
      id: newId(),
      isEnabled: line.enabled,
      target,
      operator: known.operator,
      expected: isTextOperator ? unquoted(expected) : expected,
    });
  }
  for (const line of postResponse) {
    const from = captureSourceOf(line.value.trim());
    const variable = line.name.trim();
    if (!from || variable === '' || /[{}\r\n]/.test(variable)) {
      out.dropped.push(`${line.name}: ${line.value}`);
      continue;
    }
    out.captures.push({ id: newId(), isEnabled: line.enabled, variable, from });
  }
  return out;
}

/** `res.body.a[0].b` → `$.a[0].b`; `res.body` → `$`; undefined for anything else. */
function jsonPathOf(expression: string): string | undefined {
  const match = /^res\.body((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(?:'[^']*'|"[^"]*")\])*)$/.exec(expression);
  return match ? `$${match[1] as string}` : undefined;
}

/** `res.headers.etag`, `res.headers['content-type']` → the header name. */
function headerOf(expression: string): string | undefined {
  const match = /^res\.headers(?:\.([A-Za-z0-9_-]+)|\[(?:'([^']+)'|"([^"]+)")\])$/.exec(expression);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function targetOf(expression: string): ResponseTarget | undefined {
  if (expression === 'res.status') return { kind: 'status' };
  if (expression === 'res.responseTime') return { kind: 'time' };
  const header = headerOf(expression);
  if (header !== undefined) return { kind: 'header', name: header };
  const path = jsonPathOf(expression);
  if (path === '$') return { kind: 'body' };
  return path === undefined ? undefined : { kind: 'json-path', path };
}

function captureSourceOf(expression: string): CaptureSource | undefined {
  const header = headerOf(expression);
  if (header !== undefined) return { kind: 'header', name: header };
  const path = jsonPathOf(expression);
  return path === undefined ? undefined : { kind: 'json-path', path };
}

function unquoted(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}
