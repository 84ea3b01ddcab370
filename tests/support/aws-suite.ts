import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One case of AWS's SigV4 test suite, parsed from its files. */
export interface AwsSuiteCase {
  name: string;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
  creq: string;
  sts: string;
  authz: string;
}

/** Where the suite lives: `../shared/sigv4-test-suite` beside the checkout. */
export const AWS_SUITE_DIR = resolve(import.meta.dirname, '../../../shared/sigv4-test-suite');

export const AWS_SUITE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
export const AWS_SUITE_DATE = new Date('2015-08-30T12:36:00Z');

/** Parses a `.req` file: request line, headers (with folded continuation lines), blank line, body. */
export function parseReq(text: string): Pick<AwsSuiteCase, 'method' | 'url' | 'headers' | 'body'> {
  const lines = text.split('\n');
  const requestLine = lines.shift() ?? '';
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  const method = requestLine.slice(0, firstSpace);
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  const headers: Array<[string, string]> = [];
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line === '') break;
    if (/^\s/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1] as [string, string];
      last[1] = `${last[1]}\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  const body = lines.slice(index + 1).join('\n');
  const host = headers.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? '';
  return { method, url: `https://${host}${target}`, headers, body };
}

function findCases(dir: string, prefix = ''): AwsSuiteCase[] {
  const out: AwsSuiteCase[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    const reqFile = join(path, `${entry}.req`);
    if (existsSync(reqFile)) {
      const read = (ext: string) => readFileSync(join(path, `${entry}.${ext}`), 'utf8');
      out.push({ name: `${prefix}${entry}`, ...parseReq(read('req')), creq: read('creq'), sts: read('sts'), authz: read('authz') });
    }
    out.push(...findCases(path, `${prefix}${entry}/`));
  }
  return out;
}

/** Every case in the suite, nested folders included. */
export function loadAwsSuite(dir = AWS_SUITE_DIR): AwsSuiteCase[] {
  return findCases(dir);
}

/** The example session token of `post-sts-token/`. */
export function awsSuiteSessionToken(dir = AWS_SUITE_DIR): string {
  const readme = readFileSync(join(dir, 'post-sts-token', 'readme.txt'), 'utf8');
  const token = readme.trim().split('\n').pop()?.trim();
  if (!token) throw new Error('post-sts-token/readme.txt has no token');
  return token;
}
