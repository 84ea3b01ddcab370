import { describe, expect, it } from 'vitest';
import { postmanTestScript } from '../../../../electron/core/io/postman-test-script';
import { convertPostmanTests } from '../../../../electron/core/io/postman-tests';

let id = 0;
const newId = () => `id${(id += 1)}`;
const convert = (lines: string[]) => convertPostmanTests(lines.join('\n'), newId);
const shapes = (lines: string[]) => convert(lines).checks.map(({ target, operator, expected }) => ({ target, operator, expected }));

describe('convertPostmanTests', () => {
  it('reads status tests in their common shapes', () => {
    expect(
      shapes([
        'pm.test("Status code is 200", function () {',
        '    pm.response.to.have.status(200);',
        '});',
        'pm.test("ok", () => pm.response.to.be.ok);',
        'pm.response.to.be.success;',
        'pm.expect(pm.response.code).to.eql(201);',
        'tests["Status code is 200"] = responseCode.code === 200;',
      ]),
    ).toEqual([
      { target: { kind: 'status' }, operator: 'equals', expected: '200' },
      { target: { kind: 'status' }, operator: 'equals', expected: '200' },
      { target: { kind: 'status' }, operator: 'between', expected: '200..299' },
      { target: { kind: 'status' }, operator: 'equals', expected: '201' },
      { target: { kind: 'status' }, operator: 'equals', expected: '200' },
    ]);
  });

  it('reads expectations on JSON values, through aliases too', () => {
    expect(
      shapes([
        'const jsonData = pm.response.json();',
        'var items = jsonData.data.items;',
        'pm.test("values", function () {',
        '  pm.expect(jsonData.name).to.eql("Widget");',
        '  pm.expect(pm.response.json().count).to.be.above(2);',
        '  pm.expect(items[0].id).to.exist;',
        '  pm.expect(jsonData.tags).to.include("new");',
        '  pm.expect(jsonData.price).to.be.a("number");',
        '  pm.expect(jsonData["odd key"]).to.not.eql(null);',
        '  pm.expect(jsonData.flag).to.be.true;',
        '});',
      ]),
    ).toEqual([
      { target: { kind: 'json-path', path: '$.name' }, operator: 'equals', expected: 'Widget' },
      { target: { kind: 'json-path', path: '$.count' }, operator: 'gt', expected: '2' },
      { target: { kind: 'json-path', path: '$.data.items[0].id' }, operator: 'exists', expected: '' },
      { target: { kind: 'json-path', path: '$.tags' }, operator: 'contains', expected: 'new' },
      { target: { kind: 'json-path', path: '$.price' }, operator: 'type', expected: 'number' },
      { target: { kind: 'json-path', path: "$['odd key']" }, operator: 'not-equals', expected: 'null' },
      { target: { kind: 'json-path', path: '$.flag' }, operator: 'equals', expected: 'true' },
    ]);
  });

  it('reads headers, body text and response time', () => {
    expect(
      shapes([
        'pm.response.to.have.header("Content-Type");',
        'pm.expect(pm.response.headers.get("Content-Type")).to.include("json");',
        'pm.expect(pm.response.text()).to.match(/order-\\d+/);',
        'pm.expect(pm.response.responseTime).to.be.below(500);',
      ]),
    ).toEqual([
      { target: { kind: 'header', name: 'Content-Type' }, operator: 'exists', expected: '' },
      { target: { kind: 'header', name: 'Content-Type' }, operator: 'contains', expected: 'json' },
      { target: { kind: 'body' }, operator: 'matches', expected: 'order-\\d+' },
      { target: { kind: 'time' }, operator: 'lt', expected: '500' },
    ]);
  });

  it('turns the variables a script sets from the response into captures', () => {
    const out = convert([
      'var data = JSON.parse(responseBody);',
      'pm.environment.set("orderId", pm.response.json().id);',
      'pm.collectionVariables.set("token", data.auth.token);',
      'postman.setEnvironmentVariable("requestId", pm.response.headers.get("x-amzn-RequestId"));',
    ]);
    expect(out.captures.map(({ variable, from }) => ({ variable, from }))).toEqual([
      { variable: 'orderId', from: { kind: 'json-path', path: '$.id' } },
      { variable: 'token', from: { kind: 'json-path', path: '$.auth.token' } },
      { variable: 'requestId', from: { kind: 'header', name: 'x-amzn-RequestId' } },
    ]);
    expect(out.dropped).toEqual([]);
  });

  it('reports every statement it cannot read, and never runs anything', () => {
    const out = convert([
      'console.log("hi");',
      'if (pm.response.code === 200) { pm.environment.set("x", "y"); }',
      'pm.environment.set("now", Date.now());',
      'pm.test("ok", function () { pm.response.to.have.status(200); eval("process.exit(1)"); });',
      'require("child_process").execSync("touch /tmp/pwned");',
    ]);
    expect(out.checks).toHaveLength(1);
    expect(out.captures).toEqual([]);
    expect(out.dropped).toEqual([
      'console.log("hi");',
      'if (pm.response.code === 200) { pm.environment.set("x", "y"); }',
      'pm.environment.set("now", Date.now());',
      'eval("process.exit(1)");',
      'require("child_process").execSync("touch /tmp/pwned");',
    ]);
    expect(convert(['pm.test("x", function () {']).dropped[0]).toMatch(/not valid JavaScript/);
  });
});

describe('postmanTestScript', () => {
  it('writes checks and captures as a script that reads back the same, and names what it cannot write', () => {
    const checks = shapes([
      'pm.response.to.have.status(201);',
      'pm.expect(pm.response.code).to.be.within(200, 299);',
      'pm.response.to.not.have.header("x-debug");',
      'pm.expect(pm.response.headers.get("content-type")).to.include("json");',
      'pm.expect(pm.response.json().items[0]["a b"]).to.eql({"x": [1, true]});',
      'pm.expect(pm.response.json().id).to.eql(pm.variables.replaceIn("{{orderId}}"));',
      'pm.expect(pm.response.text()).to.match(/ord(er)?-\\d+/);',
      'pm.expect(pm.response.responseTime).to.be.below(800);',
      'pm.expect(pm.response.json().n).to.be.at.least(2);',
      'pm.expect(pm.response.json().name).to.be.a("string");',
    ]).map((c, index) => ({ id: `c${index}`, isEnabled: true, ...c }));
    expect(checks).toHaveLength(10);
    const captures = [
      { id: 'k1', isEnabled: true, variable: 'orderId', from: { kind: 'json-path' as const, path: '$.id' } },
      { id: 'k2', isEnabled: true, variable: 'rid', from: { kind: 'header' as const, name: 'x-amzn-RequestId' } },
      { id: 'k3', isEnabled: true, variable: 'n', from: { kind: 'regex' as const, pattern: 'n=(\\d+)' } },
    ];
    const jmes = { id: 'j', isEnabled: true, target: { kind: 'jmespath' as const, expression: 'items[0]' }, operator: 'exists' as const, expected: '' };
    const script = postmanTestScript([...checks, jmes], captures);
    expect(script.left).toEqual(['check jmespath items[0] exists', 'capture {{n}} (regex)']);
    const back = convertPostmanTests(script.exec.join('\n'), newId);
    expect(back.dropped).toEqual([]);
    expect(back.checks.map(({ target, operator, expected }) => ({ target, operator, expected }))).toEqual(checks.map(({ target, operator, expected }) => ({ target, operator, expected })));
    expect(back.captures.map((c) => [c.variable, c.from])).toEqual([
      ['orderId', { kind: 'json-path', path: '$.id' }],
      ['rid', { kind: 'header', name: 'x-amzn-RequestId' }],
    ]);
  });
});
