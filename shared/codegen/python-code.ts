// The Python every variant writes: string literals, the module layout (escaped docstring, isort's
// imports), the request's constants block, the role ARN and the API key lines. Each variant's
// writer (python-requests-aws4auth-code.ts, python-aws-requests-auth-code.ts,
// python-botocore-code.ts) and token-auth-code.ts build on these.
import { awsUriEncode } from '../aws/uri-encoding';
import { API_KEY_ENV, apiKeyPlacement } from './api-key-code';
import { compare, mergedHeaders, type PreparedRequest } from './prepared-request';

const PLACEHOLDER_ROLE_ARN = 'arn:aws:iam::123456789012:role/ROLE_NAME';

/** A Python string literal: JSON's escapes are all valid Python, and non-ASCII text stays as UTF-8 source. */
export function py(value: string): string {
  return JSON.stringify(value);
}

/** The METHOD, URL, HEADERS, BODY, REGION and SERVICE constants (with `extra` lines after URL) every variant starts with. */
export function pythonRequestBlock(request: PreparedRequest, extra: string[] = []): string[] {
  const headers = mergedHeaders(request.headers);
  return [
    `METHOD = ${py(request.method)}`,
    `URL = ${py(request.url)}`,
    ...extra,
    headers.length === 0
      ? 'HEADERS = {}'
      : ['HEADERS = {', ...headers.map(([name, value]) => `    ${py(name)}: ${py(value)},`), '}'].join('\n'),
    `BODY = ${request.body === undefined ? 'None' : `${py(request.body)}.encode("utf-8")`}`,
    `REGION = ${py(request.region)}`,
    `SERVICE = ${py(request.service)}`,
  ];
}

/** `ROLE_ARN = …`: the request's role, or a placeholder to replace. */
export function roleArnLine(request: PreparedRequest): string {
  return `ROLE_ARN = ${py(request.roleArn ?? PLACEHOLDER_ROLE_ARN)}`;
}

/** The notes of an assume-role variant: the permission it needs, and the placeholder to replace. */
export function assumeRoleNotes(request: PreparedRequest): string[] {
  return [
    'Assumes ROLE_ARN with STS first; the caller needs sts:AssumeRole on it.',
    ...(request.roleArn === undefined ? ['Replace ROLE_ARN with the role to assume.'] : []),
  ];
}

/**
 * A module of generated Python: `docstring` (plain text, escaped here), the imports in isort's
 * order, then `body`'s blocks. Security: the docstring may carry a name from an imported file
 * (a Basic user name, an API key name); a `"""` in it would end the string and the rest run.
 */
export function pythonFile(docstring: string, imports: string[], body: string[]): string {
  // isort's order: standard library, then third party; `import x` before `from x import y`, each sorted.
  const order = (a: string, b: string) =>
    Number(a.startsWith('from ')) - Number(b.startsWith('from ')) || compare(a, b);
  const stdlib = [
    ...new Set(imports.filter((line) => /^import (os|hashlib|ssl|tempfile|urllib\.\w+)$/.test(line))),
  ].sort(order);
  const thirdParty = [...new Set(imports.filter((line) => !stdlib.includes(line)))].sort(order);
  const text = docstring.replace(/[\\"]/g, (c) => `\\${c}`);
  const groups = [[`"""${text}"""`], stdlib, thirdParty]
    .filter((group) => group.length > 0)
    .map((group) => group.join('\n'));
  return `${[...groups, ...body].join('\n\n')}\n`;
}

/**
 * Python lines that put the key on `HEADERS` or the end of `URL` (percent-encoded as SigV4 wants;
 * every Python signer here sorts the query itself), before anything signs, and their imports.
 */
export function pythonApiKey(request: PreparedRequest): { imports: string[]; lines: string[] } {
  const key = request.apiKey;
  if (!key) return { imports: [], lines: [] };
  const comment = `# Security: ${apiKeyPlacement(key)}; read when this runs, nothing secret is written here.`;
  if (key.in === 'header')
    return { imports: ['import os'], lines: [comment, `HEADERS[${py(key.name)}] = os.environ[${py(API_KEY_ENV)}]`] };
  const separator = request.url.includes('?') ? '&' : '?';
  return {
    imports: ['import os', 'import urllib.parse'],
    lines: [
      comment,
      `URL += ${py(`${separator}${awsUriEncode(key.name)}=`)} + urllib.parse.quote(os.environ[${py(API_KEY_ENV)}], safe="")`,
    ],
  };
}

/** The API key's lines as one block of a Python file, or none. */
export function apiKeyBlock(key: { lines: string[] }): string[] {
  return key.lines.length > 0 ? [key.lines.join('\n')] : [];
}
