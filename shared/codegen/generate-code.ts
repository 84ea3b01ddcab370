import { writeSmithy } from './javascript-code';
import { prepare } from './prepared-request';
import { writeAwsRequestsAuth, writeBotocore, writeRequestsAws4auth } from './python-code';
import { writeAwscurl, writeCurl } from './shell-code';

/** The snippets Shomei writes, declared once: the UI lists these, and `CodeTarget` is derived from them. */
export const CODE_TARGETS = [
  { target: 'curl', label: 'curl (--aws-sigv4)' },
  { target: 'awscurl', label: 'awscurl' },
  { target: 'python-requests-aws4auth', label: 'Python: requests + requests-aws4auth' },
  { target: 'python-aws-requests-auth', label: 'Python: requests + aws-requests-auth' },
  { target: 'python-botocore', label: 'Python: botocore SigV4Auth' },
  { target: 'javascript-smithy', label: 'JavaScript: @smithy/signature-v4' },
] as const satisfies ReadonlyArray<{ target: string; label: string }>;

/** One language and library a request can be written in. */
export type CodeTarget = (typeof CODE_TARGETS)[number]['target'];

/** Where the Python snippets get their keys: the environment, boto's default chain, or an assumed role. */
export type PythonCredentials = 'env' | 'instance-role' | 'assume-role';

/** The request to write out. Holds no secret: the code reads credentials when it runs. */
export interface CodeRequest {
  /** e.g. `POST`. */
  method: string;
  /** Absolute http(s) URL, query as the user typed it. */
  url: string;
  /** Enabled headers, in order. Signing headers (host, authorization, x-amz-date, …) are left out if present. */
  headers: Array<[string, string]>;
  /** UTF-8 text body, or undefined for none. */
  body?: string | undefined;
  region: string;
  service: string;
  /** True when temporary credentials (with a session token) are expected. */
  hasSessionToken: boolean;
  /** The role the `assume-role` Python variant assumes; a placeholder when missing. */
  roleArn?: string | undefined;
  /** How the request is sent (the Options tab); left out, each tool keeps its own defaults. */
  options?: CodeSendOptions | undefined;
}

/**
 * The send options generated code carries, as `SendOptions` has them. A proxy's user name and
 * password are never written: the code gets the proxy without them.
 */
export interface CodeSendOptions {
  timeoutMs?: number | undefined;
  isFollowingRedirects?: boolean | undefined;
  maxRedirects?: number | undefined;
  isTlsVerified?: boolean | undefined;
  /** PEM text: authorities trusted on top of the usual public roots, as Shomei does (curl's `--cacert` can only replace them; its note says so). */
  caBundlePem?: string | undefined;
  proxyUrl?: string | undefined;
  /** `host:port` to connect to instead of the URL's host, which stays the signed one. */
  connectTo?: string | undefined;
}

/** Code that signs the request when it runs, with short hints for the person running it. */
export interface GeneratedCode {
  target: CodeTarget;
  language: 'shell' | 'python' | 'javascript';
  code: string;
  notes: string[];
}

/** Options for `generateCode`; `pythonCredentials` only affects the Python targets (default `env`). */
export interface GenerateOptions {
  pythonCredentials?: PythonCredentials;
}

/**
 * Writes `request` as code in `target` that signs it with SigV4 at run time. Credentials are
 * always read when the code runs (`$AWS_ACCESS_KEY_ID`, `os.environ`, boto's chain, an assumed
 * role, `process.env`): this function never receives a secret and never writes a signature. The
 * query is put in SigV4 canonical order, so tools that sign it as written (curl) sign it right.
 * Send options: curl carries them all (but follows redirects only without a session token header,
 * which curl would send to any host); awscurl only TLS verification; Python and JavaScript the
 * timeout and TLS verification (Python the proxy too), and they show redirects instead of
 * following them. The notes name whatever a snippet leaves out.
 * Pure, and safe in the browser. Throws `INVALID_INPUT` for a URL that is not http(s).
 */
export function generateCode(request: CodeRequest, target: CodeTarget, options: GenerateOptions = {}): GeneratedCode {
  const prepared = prepare(request);
  const credentials = options.pythonCredentials ?? 'env';
  const writers: Record<CodeTarget, () => GeneratedCode> = {
    curl: () => writeCurl(prepared),
    awscurl: () => writeAwscurl(prepared),
    'python-requests-aws4auth': () => writeRequestsAws4auth(prepared, credentials),
    'python-aws-requests-auth': () => writeAwsRequestsAuth(prepared, credentials),
    'python-botocore': () => writeBotocore(prepared, credentials),
    'javascript-smithy': () => writeSmithy(prepared),
  };
  return writers[target]();
}
