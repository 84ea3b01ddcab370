import type jmespathModule from 'jmespath';
import type { JSONPath as JSONPathFunction } from 'jsonpath-plus';
import {
  VALUELESS_OPERATORS,
  type Capture,
  type CaptureResult,
  type Check,
  type CheckResult,
  type ResponseTarget,
} from '../../../shared/contract/checks';
import type { HeaderPair } from '../../../shared/contract/http';
import { lazyRequire } from '../lazy-require';
import { substitute, type VariableLookup } from '../variables/substitute';

/** The path languages, loaded by the first check or capture that reads a JSON value. */
const jsonPath = lazyRequire<{ JSONPath: typeof JSONPathFunction }>('jsonpath-plus');
const jmespath = lazyRequire<typeof jmespathModule>('jmespath');

/** What checks and captures read of a response. */
export interface CheckedResponse {
  status: number;
  headers: readonly HeaderPair[];
  /** The body as UTF-8 text; undefined when it is not available whole (too large, not text). */
  bodyText: string | undefined;
  /** Why `bodyText` is missing, for the message of a check that needs it. */
  bodyMissingReason?: string;
  timeMs: number;
}

const PREVIEW = 300;
const NOT_FOUND = Symbol('not found');
type Found = unknown;

/** Reads a response once for many checks: the JSON body is parsed at most once. */
function readerOf(response: CheckedResponse) {
  let parsed: { value: unknown } | { error: string } | undefined;
  const json = (): unknown => {
    if (parsed === undefined) {
      if (response.bodyText === undefined)
        parsed = { error: response.bodyMissingReason ?? 'the body is not available' };
      else {
        try {
          parsed = { value: JSON.parse(response.bodyText) as unknown };
        } catch {
          parsed = { error: 'the body is not JSON' };
        }
      }
    }
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.value;
  };
  const header = (name: string): string | typeof NOT_FOUND => {
    const lower = name.toLowerCase();
    const values = response.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return values.length === 0 ? NOT_FOUND : values.join(', ');
  };
  const body = (): string => {
    if (response.bodyText === undefined) throw new Error(response.bodyMissingReason ?? 'the body is not available');
    return response.bodyText;
  };
  const read = (target: ResponseTarget): Found | typeof NOT_FOUND => {
    switch (target.kind) {
      case 'status':
        return response.status;
      case 'time':
        return response.timeMs;
      case 'header':
        return header(target.name);
      case 'body':
        return body();
      case 'json-path': {
        // Security: jsonpath-plus evaluates filter expressions in its own safe evaluator, never `eval`.
        const matches = jsonPath().JSONPath({
          path: target.path,
          json: json() as object,
          wrap: true,
          eval: 'safe',
        }) as unknown[];
        if (matches.length === 0) return NOT_FOUND;
        return matches.length === 1 ? matches[0] : matches;
      }
      case 'jmespath': {
        const value = jmespath().search(json(), target.expression) as unknown;
        return value === null || value === undefined ? NOT_FOUND : value;
      }
    }
  };
  return { read };
}

/** One line a person reads: `status equals 200`, `$.id exists`. */
export function describeCheck(check: Pick<Check, 'target' | 'operator' | 'expected'>): string {
  const what = describeTarget(check.target);
  const operator = check.operator.replace('-', ' ');
  return VALUELESS_OPERATORS.has(check.operator) ? `${what} ${operator}` : `${what} ${operator} ${check.expected}`;
}

function describeTarget(target: ResponseTarget): string {
  switch (target.kind) {
    case 'status':
      return 'status';
    case 'time':
      return 'response time (ms)';
    case 'header':
      return `header ${target.name}`;
    case 'body':
      return 'body';
    case 'json-path':
      return target.path;
    case 'jmespath':
      return `jmespath ${target.expression}`;
  }
}

function show(value: unknown): string {
  if (value === NOT_FOUND) return '(absent)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The expected text as a JSON value when it is one (`3`, `true`, `"x"`, `{…}`), else as text. */
function expectedValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isEqual(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected !== 'string')
    return actual === JSON.stringify(expected) || actual === String(expected);
  if (typeof actual !== 'object' || actual === null) return actual === expected;
  return stableJson(actual) === stableJson(expected);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function asNumber(value: unknown, what: string): number {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(number)) throw new Error(`${what} is not a number`);
  return number;
}

/** A user's regular expression, with a clear message instead of a SyntaxError. */
function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    throw new Error(`"${pattern.slice(0, 100)}" is not a valid regular expression`);
  }
}

function compare(operator: Check['operator'], actual: unknown, expectedText: string): boolean {
  const isFound = actual !== NOT_FOUND;
  switch (operator) {
    case 'exists':
      return isFound;
    case 'not-exists':
      return !isFound;
    case 'equals':
      return isFound && isEqual(actual, expectedValue(expectedText));
    case 'not-equals':
      return !isFound || !isEqual(actual, expectedValue(expectedText));
    case 'contains':
      if (!isFound) return false;
      if (Array.isArray(actual)) return actual.some((item) => isEqual(item, expectedValue(expectedText)));
      return (typeof actual === 'string' ? actual : JSON.stringify(actual)).includes(expectedText);
    case 'matches':
      return isFound && regexOf(expectedText).test(typeof actual === 'string' ? actual : JSON.stringify(actual));
    case 'type':
      return isFound && typeOf(actual) === expectedText.trim();
    case 'lt':
      return isFound && asNumber(actual, 'the value') < asNumber(expectedText, 'the expected value');
    case 'lte':
      return isFound && asNumber(actual, 'the value') <= asNumber(expectedText, 'the expected value');
    case 'gt':
      return isFound && asNumber(actual, 'the value') > asNumber(expectedText, 'the expected value');
    case 'gte':
      return isFound && asNumber(actual, 'the value') >= asNumber(expectedText, 'the expected value');
    case 'between': {
      const range = /^\s*(-?[\d.]+)\s*(?:\.\.|-|–|,)\s*(-?[\d.]+)\s*$/.exec(expectedText);
      if (!range) throw new Error(`"${expectedText}" is not a range like 200..299`);
      const value = isFound ? asNumber(actual, 'the value') : NaN;
      return isFound && value >= Number(range[1]) && value <= Number(range[2]);
    }
  }
}

/**
 * Evaluates checks against a response. `lookup` fills `{{variables}}` in expected values; values
 * in `secretValues` are masked in what is returned, so a result never carries a secret.
 */
export function evaluateChecks(
  checks: readonly Check[],
  response: CheckedResponse,
  options: { lookup?: VariableLookup; secretValues?: readonly string[] } = {},
): CheckResult[] {
  const reader = readerOf(response);
  const mask = masker(options.secretValues ?? []);
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (!check.isEnabled) continue;
    const expected = options.lookup
      ? substitute(check.expected, options.lookup)
      : { text: check.expected, missing: [] };
    const description = mask(describeCheck({ ...check, expected: expected.text }));
    if (expected.missing.length > 0) {
      results.push({
        checkId: check.id,
        description,
        isPassed: false,
        expected: mask(expected.text),
        actual: '',
        error: `unresolved variable ${expected.missing.map((name) => `{{${name}}}`).join(', ')}`,
      });
      continue;
    }
    let actual: unknown = NOT_FOUND;
    try {
      actual = reader.read(check.target);
      const isPassed = compare(check.operator, actual, expected.text);
      results.push({
        checkId: check.id,
        description,
        isPassed,
        expected: mask(expected.text),
        actual: mask(show(actual)),
      });
    } catch (error) {
      results.push({
        checkId: check.id,
        description,
        isPassed: false,
        expected: mask(expected.text),
        actual: actual === NOT_FOUND ? '' : mask(show(actual)),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

function masker(secretValues: readonly string[]): (text: string) => string {
  const secrets = secretValues.filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('••••'), text);
}

/** A captured value and whether it is treated as a secret. */
export interface CapturedValue {
  result: CaptureResult;
  /** The value itself, for the run's variables only; absent when nothing was captured. */
  value?: string;
}

const SECRET_NAME = /(token|secret|password|passwd|pwd|api[-_]?key|apikey|session|credential|auth|cookie|private)/i;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const AWS_SECRET = /^[A-Za-z0-9/+]{40}$/;

/** True when a captured value should be kept as a secret: by its variable's name or by its shape. */
export function looksSecret(variable: string, value: string): boolean {
  return (
    SECRET_NAME.test(variable) || JWT.test(value) || AWS_SECRET.test(value) || /^(ASIA|AKIA)[A-Z0-9]{16}$/.test(value)
  );
}

/** Reads every enabled capture from a response. */
export function evaluateCaptures(captures: readonly Capture[], response: CheckedResponse): CapturedValue[] {
  const reader = readerOf(response);
  const out: CapturedValue[] = [];
  for (const capture of captures) {
    if (!capture.isEnabled) continue;
    const base = { captureId: capture.id, variable: capture.variable };
    try {
      let value: unknown;
      if (capture.from.kind === 'regex') {
        const text = (reader.read({ kind: 'body' }) as string) ?? '';
        const match = regexOf(capture.from.pattern).exec(text);
        value = match ? (match[1] ?? match[0]) : NOT_FOUND;
      } else {
        value = reader.read(capture.from);
      }
      if (value === NOT_FOUND) {
        out.push({
          result: {
            ...base,
            isCaptured: false,
            isSecret: capture.isSecret ?? false,
            error: 'not found in the response',
          },
        });
        continue;
      }
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const isSecret = capture.isSecret ?? looksSecret(capture.variable, text);
      out.push({
        value: text,
        result: { ...base, isCaptured: true, isSecret, ...(isSecret ? {} : { preview: show(text) }) },
      });
    } catch (error) {
      out.push({
        result: {
          ...base,
          isCaptured: false,
          isSecret: capture.isSecret ?? false,
          error: error instanceof Error ? error.message : String(error),
        },
      });
    }
  }
  return out;
}
