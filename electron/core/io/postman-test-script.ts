import type { Capture, Check, CheckOperator } from '../../../shared/contract/checks';

// Writing checks and captures as a Postman test script; reading one back is postman-tests.ts.

const ASSERTIONS: Record<CheckOperator, string> = {
  equals: 'to.eql',
  'not-equals': 'to.not.eql',
  exists: 'to.exist',
  'not-exists': 'to.not.exist',
  contains: 'to.include',
  matches: 'to.match',
  type: 'to.be.a',
  lt: 'to.be.below',
  lte: 'to.be.at.most',
  gt: 'to.be.above',
  gte: 'to.be.at.least',
  between: 'to.be.within',
};

/** `$.a.b[0]['c d']` as `pm.response.json().a.b[0]["c d"]`; undefined for filters, wildcards and the like. */
function accessorOf(path: string): string | undefined {
  if (!path.startsWith('$')) return undefined;
  let rest = path.slice(1);
  let out = 'pm.response.json()';
  while (rest !== '') {
    const step = /^\.([A-Za-z_$][\w$]*)|^\[(\d+)\]|^\['([^'\\]*)'\]|^\["([^"\\]*)"\]/.exec(rest);
    if (!step) return undefined;
    out +=
      step[1] !== undefined
        ? `.${step[1]}`
        : step[2] !== undefined
          ? `[${step[2]}]`
          : `[${JSON.stringify(step[3] ?? step[4])}]`;
    rest = rest.slice(step[0].length);
  }
  return out;
}

/** The expected text as a JavaScript literal: JSON values as they are, `{{variables}}` through replaceIn. */
function literalOf(expected: string): string {
  if (expected.includes('{{')) return `pm.variables.replaceIn(${JSON.stringify(expected)})`;
  try {
    JSON.parse(expected);
    return expected;
  } catch {
    return JSON.stringify(expected);
  }
}

/**
 * Checks and captures as a Postman test script that `convertPostmanTests` reads back the same.
 * What Postman cannot express that way (JMESPath, JSONPath filters, regex captures) is named in
 * `left` for the export's notes.
 */
export function postmanTestScript(
  checks: readonly Check[],
  captures: readonly Capture[],
): { exec: string[]; left: string[] } {
  const exec: string[] = [];
  const left: string[] = [];
  for (const check of checks) {
    if (!check.isEnabled) continue;
    const { target, operator, expected } = check;
    let subject: string | undefined;
    let line: string | undefined;
    if (target.kind === 'status' && operator === 'equals' && /^\d{3}$/.test(expected))
      line = `pm.response.to.have.status(${expected});`;
    else if (target.kind === 'header' && (operator === 'exists' || operator === 'not-exists'))
      line = `pm.response.to.${operator === 'exists' ? 'have' : 'not.have'}.header(${JSON.stringify(target.name)});`;
    else if (target.kind === 'status') subject = 'pm.response.code';
    else if (target.kind === 'time') subject = 'pm.response.responseTime';
    else if (target.kind === 'body') subject = 'pm.response.text()';
    else if (target.kind === 'header') subject = `pm.response.headers.get(${JSON.stringify(target.name)})`;
    else if (target.kind === 'json-path') subject = accessorOf(target.path);
    if (line === undefined && subject !== undefined) {
      const assertion = ASSERTIONS[operator];
      if (operator === 'exists' || operator === 'not-exists') line = `pm.expect(${subject}).${assertion};`;
      else if (operator === 'between') {
        const range = /^\s*(-?[\d.]+)\s*(?:\.\.|-|–|,)\s*(-?[\d.]+)\s*$/.exec(expected);
        if (range) line = `pm.expect(${subject}).${assertion}(${range[1]}, ${range[2]});`;
      } else if (operator === 'matches')
        line = `pm.expect(${subject}).${assertion}(new RegExp(${JSON.stringify(expected)}));`;
      else if (operator === 'type' || operator === 'contains')
        line = `pm.expect(${subject}).${assertion}(${operator === 'type' ? JSON.stringify(expected) : literalOf(expected)});`;
      else line = `pm.expect(${subject}).${assertion}(${literalOf(expected)});`;
    }
    if (line === undefined) {
      left.push(
        `check ${target.kind === 'jmespath' ? `jmespath ${target.expression}` : target.kind === 'json-path' ? target.path : target.kind} ${operator}`,
      );
      continue;
    }
    exec.push(
      `pm.test(${JSON.stringify(`${target.kind === 'json-path' ? target.path : target.kind === 'header' ? `header ${target.name}` : target.kind} ${operator.replace('-', ' ')}${expected ? ` ${expected}` : ''}`)}, function () {`,
      `    ${line}`,
      '});',
    );
  }
  for (const capture of captures) {
    if (!capture.isEnabled) continue;
    const from =
      capture.from.kind === 'json-path'
        ? accessorOf(capture.from.path)
        : capture.from.kind === 'header'
          ? `pm.response.headers.get(${JSON.stringify(capture.from.name)})`
          : undefined;
    if (from === undefined) {
      left.push(`capture {{${capture.variable}}} (${capture.from.kind})`);
      continue;
    }
    exec.push(`pm.environment.set(${JSON.stringify(capture.variable)}, ${from});`);
  }
  return { exec, left };
}
