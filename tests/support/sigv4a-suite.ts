import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseReq, type AwsSuiteCase } from './aws-suite';

/** One case of the AWS Common Runtime's SigV4a suite (`v4a/`), parsed from its files. */
export interface SigV4aSuiteCase extends Pick<AwsSuiteCase, 'method' | 'url' | 'headers' | 'body'> {
  name: string;
  context: {
    credentials: { access_key_id: string; secret_access_key: string; token?: string };
    expiration_in_seconds: number;
    normalize: boolean;
    region: string;
    service: string;
    sign_body: boolean;
    timestamp: string;
    omit_session_token?: boolean;
  };
  /** Absent for the two query-order cases, which the suite ships with a request only. */
  expected?: {
    header: { canonicalRequest: string; stringToSign: string };
    query: { canonicalRequest: string; stringToSign: string };
    /** The P-256 public key derived from the credentials, as hex coordinates. */
    publicKey: { X: string; Y: string };
  };
}

/** Where the suite lives: `../shared/sigv4a-test-suite` beside the checkout. */
export const SIGV4A_SUITE_DIR = resolve(import.meta.dirname, '../../../shared/sigv4a-test-suite');

/** Every case folder of the suite, sorted by name. */
export function loadSigV4aSuite(dir = SIGV4A_SUITE_DIR): SigV4aSuiteCase[] {
  const out: SigV4aSuiteCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    const read = (file: string) => readFileSync(join(path, file), 'utf8');
    const testCase: SigV4aSuiteCase = {
      name,
      ...parseReq(read('request.txt')),
      context: JSON.parse(read('context.json')) as SigV4aSuiteCase['context'],
    };
    if (existsSync(join(path, 'header-canonical-request.txt'))) {
      testCase.expected = {
        header: {
          canonicalRequest: read('header-canonical-request.txt'),
          stringToSign: read('header-string-to-sign.txt'),
        },
        query: {
          canonicalRequest: read('query-canonical-request.txt'),
          stringToSign: read('query-string-to-sign.txt'),
        },
        publicKey: JSON.parse(read('public-key.json')) as { X: string; Y: string },
      };
    }
    out.push(testCase);
  }
  return out;
}
