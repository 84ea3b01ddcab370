import type { Expression, Node, parse, Statement } from 'acorn';
import type { Capture, CaptureSource, Check, CheckOperator, ResponseTarget } from '../../../shared/contract/checks';
import { lazyRequire } from '../lazy-require';

/** acorn, loaded by the first test script read. */
const acorn = lazyRequire<{ parse: typeof parse }>('acorn');

/** What a Postman test script became: checks and captures, and the statements that could not be read. */
export interface ConvertedTests {
  checks: Check[];
  captures: Capture[];
  /** Source of each statement that is not one of the common shapes (first 120 characters). */
  dropped: string[];
}

/**
 * Reads the common shapes of Postman test scripts as declarative checks and captures — nothing
 * is ever run: the script is parsed (acorn) and only these shapes are recognised:
 * `pm.response.to.have.status(200)`, `pm.response.to.be.ok`, `pm.response.to.have.header(…)`,
 * `pm.expect(<response value>).to.<eql|equal|include|match|be.a|exist|be.above|be.below…>(…)`,
 * `pm.environment.set("id", <response value>)` (and collectionVariables, globals, variables,
 * `postman.setEnvironmentVariable`), legacy `tests["…"] = responseCode.code === 200`, inside
 * `pm.test(…)` or not. Response values: `pm.response.code`, `.responseTime`, `.text()`,
 * `.headers.get(…)`, `.json()` paths, and aliases such as `const data = pm.response.json()`.
 */
export function convertPostmanTests(source: string, newId: () => string): ConvertedTests {
  const out: ConvertedTests = { checks: [], captures: [], dropped: [] };
  let program;
  try {
    program = acorn().parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  } catch {
    if (source.trim() !== '') out.dropped.push(`${snippet(source)} (not valid JavaScript)`);
    return out;
  }
  const aliases = new Map<string, string>();
  const text = (node: Node) => snippet(source.slice(node.start, node.end));
  const visit = (statements: readonly Statement[]) => {
    for (const statement of statements) {
      if (!readStatement(statement)) out.dropped.push(text(statement));
    }
  };
  const readStatement = (statement: Statement): boolean => {
    if (statement.type === 'EmptyStatement') return true;
    if (statement.type === 'VariableDeclaration') {
      return statement.declarations.every((d) => {
        if (d.id.type !== 'Identifier' || !d.init) return false;
        const path = jsonPathOf(d.init, aliases);
        if (path === undefined) return false;
        aliases.set(d.id.name, path);
        return true;
      });
    }
    if (statement.type !== 'ExpressionStatement') return false;
    const expression = statement.expression;
    // pm.test("name", function () { … }) — its body holds the assertions.
    if (expression.type === 'CallExpression' && memberName(expression.callee) === 'pm.test') {
      const body = expression.arguments[1];
      if (body && (body.type === 'FunctionExpression' || body.type === 'ArrowFunctionExpression')) {
        if (body.body.type === 'BlockStatement') visit(body.body.body);
        else if (!readExpression(body.body)) out.dropped.push(text(body.body));
        return true;
      }
      return false;
    }
    return readExpression(expression);
  };
  const readExpression = (expression: Expression): boolean => {
    // tests["Status code is 200"] = responseCode.code === 200;
    if (
      expression.type === 'AssignmentExpression' &&
      expression.left.type === 'MemberExpression' &&
      memberName(expression.left.object) === 'tests'
    ) {
      const right = expression.right;
      if (
        right.type === 'BinaryExpression' &&
        (right.operator === '===' || right.operator === '==') &&
        right.left.type !== 'PrivateIdentifier'
      ) {
        const target = targetOf(right.left, aliases);
        const expected = literalText(right.right);
        if (target && expected !== undefined) return addCheck(target, 'equals', expected);
      }
      return false;
    }
    const chain = memberName(expression.type === 'CallExpression' ? expression.callee : expression) ?? '';
    // pm.response.to.be.ok / .success / pm.response.to.have.status(200) / .header('X'[, 'v'])
    const named = /^pm\.response\.to\.(?:be\.)?(\w+)$/.exec(chain)?.[1];
    if (named && NAMED_STATUSES[named]) {
      const [operator, expected] = NAMED_STATUSES[named];
      return addCheck({ kind: 'status' }, operator, expected);
    }
    if (expression.type === 'CallExpression') {
      const args = expression.arguments;
      if (/^pm\.response\.to\.have\.status$/.test(chain)) {
        const expected = literalText(args[0]);
        return expected !== undefined && /^\d{3}$/.test(expected) && addCheck({ kind: 'status' }, 'equals', expected);
      }
      if (/^pm\.response\.to\.(have|not\.have)\.header$/.test(chain)) {
        const name = literalText(args[0]);
        if (name === undefined) return false;
        const value = literalText(args[1]);
        if (chain.includes('not')) return addCheck({ kind: 'header', name }, 'not-exists', '');
        return value === undefined
          ? addCheck({ kind: 'header', name }, 'exists', '')
          : addCheck({ kind: 'header', name }, 'equals', value);
      }
      if (/^pm\.response\.to\.have\.body$/.test(chain)) {
        const value = literalText(args[0]);
        return value !== undefined && addCheck({ kind: 'body' }, 'equals', value);
      }
      // pm.environment.set("id", pm.response.json().id) and friends.
      if (
        /^(pm\.(environment|collectionVariables|globals|variables)\.set|postman\.set(Environment|Global)Variable)$/.test(
          chain,
        )
      ) {
        const variable = literalText(args[0]);
        const from = args[1] && args[1].type !== 'SpreadElement' ? captureSourceOf(args[1], aliases) : undefined;
        if (variable === undefined || !from || /[{}\r\n]/.test(variable)) return false;
        out.captures.push({ id: newId(), isEnabled: true, variable, from });
        return true;
      }
      return readExpect(expression);
    }
    return readExpect(expression);
  };
  // pm.expect(<value>).to[.not].<assertion>(<literal>)
  const readExpect = (expression: Expression): boolean => {
    const isCall = expression.type === 'CallExpression';
    const chainNode = isCall ? expression.callee : expression;
    const words: string[] = [];
    let node: Node = chainNode;
    while (node.type === 'MemberExpression' && !(node as unknown as { computed: boolean }).computed) {
      const member = node as unknown as { object: Node; property: { type: string; name?: string } };
      if (member.property.type !== 'Identifier' || member.property.name === undefined) return false;
      words.unshift(member.property.name);
      node = member.object;
    }
    if (node.type !== 'CallExpression') return false;
    const call = node as unknown as { callee: Node; arguments: Expression[] };
    if (memberName(call.callee) !== 'pm.expect' || !call.arguments[0]) return false;
    const target = targetOf(call.arguments[0], aliases);
    if (!target) return false;
    const isNot = words.includes('not');
    const assertion = words
      .filter(
        (w) =>
          ![
            'to',
            'be',
            'been',
            'is',
            'that',
            'which',
            'and',
            'has',
            'have',
            'with',
            'at',
            'of',
            'same',
            'deep',
            'not',
          ].includes(w),
      )
      .join('.');
    const args = isCall ? (expression as unknown as { arguments: Expression[] }).arguments : [];
    const arg = assertion === 'within' ? rangeText(args) : literalText(args[0]);
    const operator = operatorOf(assertion, isNot, arg);
    if (!operator) return false;
    if (operator.needsValue && arg === undefined) return false;
    return addCheck(target, operator.operator, operator.expected ?? arg ?? '');
  };
  const addCheck = (target: ResponseTarget, operator: CheckOperator, expected: string): boolean => {
    out.checks.push({ id: newId(), isEnabled: true, target, operator, expected });
    return true;
  };
  visit(program.body as Statement[]);
  return out;
}

function operatorOf(
  assertion: string,
  isNot: boolean,
  arg: string | undefined,
): { operator: CheckOperator; needsValue: boolean; expected?: string } | undefined {
  const table: Record<string, [CheckOperator, CheckOperator | undefined, boolean]> = {
    eql: ['equals', 'not-equals', true],
    equal: ['equals', 'not-equals', true],
    equals: ['equals', 'not-equals', true],
    eq: ['equals', 'not-equals', true],
    exist: ['exists', 'not-exists', false],
    include: ['contains', undefined, true],
    includes: ['contains', undefined, true],
    contain: ['contains', undefined, true],
    contains: ['contains', undefined, true],
    match: ['matches', undefined, true],
    a: ['type', undefined, true],
    an: ['type', undefined, true],
    above: ['gt', 'lte', true],
    greaterThan: ['gt', 'lte', true],
    gt: ['gt', 'lte', true],
    least: ['gte', 'lt', true],
    below: ['lt', 'gte', true],
    lessThan: ['lt', 'gte', true],
    lt: ['lt', 'gte', true],
    most: ['lte', 'gt', true],
    true: ['equals', 'not-equals', false],
    false: ['equals', 'not-equals', false],
    null: ['type', undefined, false],
    within: ['between', undefined, true],
    empty: ['equals', undefined, false],
  };
  const row = table[assertion];
  if (!row) return undefined;
  const [positive, negative, needsValue] = row;
  const operator = isNot ? negative : positive;
  if (!operator) return undefined;
  if (assertion === 'true' || assertion === 'false') return { operator, needsValue: false, expected: assertion };
  if (assertion === 'null') return { operator, needsValue: false, expected: 'null' };
  if (assertion === 'empty') return arg === undefined ? { operator, needsValue: false, expected: '""' } : undefined;
  if (assertion === 'match' && arg !== undefined)
    return { operator, needsValue: true, expected: arg.replace(/^\/(.*)\/[a-z]*$/s, '$1') };
  return { operator, needsValue };
}

/** Postman's named status assertions (`pm.response.to.be.ok` is exactly 200; `.success` any 2XX). */
const NAMED_STATUSES: Record<string, [CheckOperator, string]> = {
  ok: ['equals', '200'],
  accepted: ['equals', '202'],
  withoutContent: ['equals', '204'],
  badRequest: ['equals', '400'],
  unauthorized: ['equals', '401'],
  forbidden: ['equals', '403'],
  notFound: ['equals', '404'],
  rateLimited: ['equals', '429'],
  info: ['between', '100..199'],
  success: ['between', '200..299'],
  redirection: ['between', '300..399'],
  clientError: ['between', '400..499'],
  serverError: ['between', '500..599'],
};

function rangeText(args: readonly Node[]): string | undefined {
  const low = literalText(args[0]);
  const high = literalText(args[1]);
  return low !== undefined && high !== undefined && /^-?[\d.]+$/.test(low) && /^-?[\d.]+$/.test(high)
    ? `${low}..${high}`
    : undefined;
}

/** `a.b.c` of a member chain of identifiers, or undefined for anything else. */
function memberName(node: Node): string | undefined {
  if (node.type === 'Identifier') return (node as unknown as { name: string }).name;
  if (node.type !== 'MemberExpression') return undefined;
  const member = node as unknown as { object: Node; property: { type: string; name?: string }; computed: boolean };
  if (member.computed || member.property.type !== 'Identifier') return undefined;
  const object = memberName(member.object);
  return object === undefined ? undefined : `${object}.${member.property.name}`;
}

/** A JSON response value as a JSONPath: `pm.response.json().items[0].id` → `$.items[0].id`. */
function jsonPathOf(node: Node, aliases: ReadonlyMap<string, string>): string | undefined {
  if (node.type === 'Identifier') return aliases.get((node as unknown as { name: string }).name);
  if (node.type === 'CallExpression') {
    const call = node as unknown as { callee: Node; arguments: Node[] };
    const callee = memberName(call.callee);
    if (callee === 'pm.response.json') return '$';
    // JSON.parse(responseBody) / JSON.parse(pm.response.text())
    const argument = call.arguments[0];
    if (
      callee === 'JSON.parse' &&
      argument &&
      (memberName(argument) === 'responseBody' ||
        (argument.type === 'CallExpression' &&
          memberName((argument as unknown as { callee: Node }).callee) === 'pm.response.text'))
    )
      return '$';
    return undefined;
  }
  if (node.type !== 'MemberExpression') return undefined;
  const member = node as unknown as {
    object: Node;
    property: Node & { name?: string; value?: unknown };
    computed: boolean;
  };
  const base = jsonPathOf(member.object, aliases);
  if (base === undefined) return undefined;
  if (!member.computed && member.property.type === 'Identifier') return `${base}.${member.property.name}`;
  if (member.computed && member.property.type === 'Literal') {
    const key = member.property.value;
    if (typeof key === 'number') return `${base}[${key}]`;
    if (typeof key === 'string') return `${base}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`;
  }
  return undefined;
}

/** A response value as a check target. */
function targetOf(node: Node, aliases: ReadonlyMap<string, string>): ResponseTarget | undefined {
  const name = memberName(node);
  if (name === 'pm.response.code' || name === 'responseCode.code') return { kind: 'status' };
  if (name === 'pm.response.responseTime' || name === 'responseTime') return { kind: 'time' };
  if (name === 'responseBody') return { kind: 'body' };
  if (node.type === 'CallExpression') {
    const call = node as unknown as { callee: Node; arguments: Node[] };
    const callee = memberName(call.callee);
    if (callee === 'pm.response.text') return { kind: 'body' };
    if (callee === 'pm.response.headers.get' || callee === 'postman.getResponseHeader') {
      const header = literalText(call.arguments[0]);
      return header === undefined ? undefined : { kind: 'header', name: header };
    }
  }
  const path = jsonPathOf(node, aliases);
  return path === undefined || path === '$' ? undefined : { kind: 'json-path', path };
}

function captureSourceOf(node: Node, aliases: ReadonlyMap<string, string>): CaptureSource | undefined {
  const target = targetOf(node, aliases);
  if (target?.kind === 'json-path' || target?.kind === 'header') return target;
  return undefined;
}

/** The text of a literal argument: strings as they are, numbers/booleans/null as JSON, regexes as `/…/`. */
function literalText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal') {
    const literal = node as unknown as { value: unknown; regex?: { pattern: string; flags: string } };
    if (literal.regex) return `/${literal.regex.pattern}/${literal.regex.flags}`;
    if (typeof literal.value === 'string') return literal.value;
    return JSON.stringify(literal.value);
  }
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    // pm.variables.replaceIn("{{id}}") → {{id}}; new RegExp("…") → /…/
    const call = node as unknown as { callee: Node; arguments: Node[] };
    const callee = memberName(call.callee);
    const inner = literalText(call.arguments[0]);
    if (callee === 'pm.variables.replaceIn' && inner !== undefined) return inner;
    if (callee === 'RegExp' && inner !== undefined && call.arguments.length === 1) return `/${inner}/`;
    return undefined;
  }
  if (node.type === 'TemplateLiteral') {
    const template = node as unknown as { expressions: unknown[]; quasis: Array<{ value: { cooked: string } }> };
    return template.expressions.length === 0 ? template.quasis[0]?.value.cooked : undefined;
  }
  if (node.type === 'UnaryExpression') {
    const unary = node as unknown as { operator: string; argument: Node };
    const value = literalText(unary.argument);
    return unary.operator === '-' && value !== undefined && /^\d/.test(value) ? `-${value}` : undefined;
  }
  if (node.type === 'ArrayExpression' || node.type === 'ObjectExpression') {
    const value = constantOf(node);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  return undefined;
}

/** A constant array or object literal as a value; undefined when any part is not constant. */
function constantOf(node: Node): unknown {
  if (node.type === 'Literal') return (node as unknown as { value: unknown }).value;
  if (node.type === 'ArrayExpression') {
    const items = (node as unknown as { elements: Array<Node | null> }).elements.map((e) =>
      e ? constantOf(e) : undefined,
    );
    return items.some((i) => i === undefined) ? undefined : items;
  }
  if (node.type === 'ObjectExpression') {
    const out: Record<string, unknown> = {};
    for (const property of (
      node as unknown as {
        properties: Array<Node & { key?: Node & { name?: string; value?: unknown }; value?: Node; computed?: boolean }>;
      }
    ).properties) {
      if (property.type !== 'Property' || property.computed || !property.key || !property.value) return undefined;
      const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
      const value = constantOf(property.value);
      if (typeof key !== 'string' || value === undefined) return undefined;
      out[key] = value;
    }
    return out;
  }
  return undefined;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}
