import { writeSmithy } from './javascript-code';
import { prepare } from './prepared-request';
import { writeAwsRequestsAuth } from './python-aws-requests-auth-code';
import { writeBotocore } from './python-botocore-code';
import { writeRequestsAws4auth } from './python-requests-aws4auth-code';
import { writeAwscurl, writeCurl } from './shell-code';
import { writeWithoutSigV4a } from './sigv4a-code';
import { writeCurlWithAuth, writeFetchWithAuth, writeRequestsWithAuth } from './token-auth-code';

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
  /** `sigv4a`: signed with SigV4a (ECDSA) for `regionSet`; absent or `sigv4`: SigV4 for `region`. */
  algorithm?: 'sigv4' | 'sigv4a' | undefined;
  /** SigV4a's region set; empty or absent means `*`. */
  regionSet?: string | undefined;
  /** An auth other than AWS Signature (absent: SigV4). Never a secret: the code reads it from the environment. */
  auth?: CodeAuth | undefined;
  /**
   * An API key sent beside the auth, SigV4 or another (an API with IAM auth and a usage plan needs
   * both); its value is read from `$API_KEY` when the code runs. Ignored when the auth is the API key.
   */
  apiKey?: CodeApiKey | undefined;
}

/** Where an API key goes and its name; never its value. */
export interface CodeApiKey {
  in: 'header' | 'query';
  name: string;
}

/**
 * The auth types other than SigV4 that code is written for, with only what is not secret: the
 * token, password, API key and client secret are read from `TOKEN`, `BASIC_PASSWORD`, `API_KEY`
 * and `CLIENT_SECRET` when the code runs.
 */
export type CodeAuth =
  /** No auth (the request's own "No auth", or nothing inherited): the plain client, nothing to read. */
  | { type: 'none' }
  | { type: 'bearer'; prefix: string }
  | { type: 'basic'; username: string }
  | { type: 'api-key'; in: 'header' | 'query'; name: string }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      scope: string;
      audience: string;
      /** Added to the token request's form as main adds them (blank names left out). Not secrets. */
      extraParams: ReadonlyArray<{ name: string; value: string }>;
      clientAuthentication: 'basic' | 'body';
    };

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
 * Writes `request` as code in `target` that signs it with SigV4 (or SigV4a) at run time. SigV4a
 * is written only where the tool really has it (botocore with the AWS CRT, `@smithy/signature-v4a`);
 * curl, awscurl, requests-aws4auth and aws-requests-auth get a comment saying they cannot sign it. Credentials are
 * always read when the code runs (`$AWS_ACCESS_KEY_ID`, `os.environ`, boto's chain, an assumed
 * role, `process.env`): this function never receives a secret and never writes a signature. The
 * query is put in SigV4 canonical order, so tools that sign it as written (curl) sign it right.
 * Send options: curl carries them all (but follows redirects only without a session token header,
 * which curl would send to any host); awscurl only TLS verification; Python and JavaScript the
 * timeout and TLS verification (Python the proxy too), and they show redirects instead of
 * following them. The notes name whatever a snippet leaves out.
 * With `request.auth` (Bearer, Basic, API key, OAuth 2.0) each language's plain client is written
 * instead (curl, requests, fetch), the secret read from an environment variable (`SECRET_ENV`).
 * Pure, and safe in the browser. Throws `INVALID_INPUT` for a URL that is not http(s).
 */
export function generateCode(request: CodeRequest, target: CodeTarget, options: GenerateOptions = {}): GeneratedCode {
  const prepared = prepare(request);
  const auth = request.auth;
  if (auth) {
    // Not SigV4: each language's plain client, the secret read from the environment.
    if (target === 'curl' || target === 'awscurl') return writeCurlWithAuth(prepared, auth, target);
    if (target === 'javascript-smithy') return writeFetchWithAuth(prepared, auth, target);
    return writeRequestsWithAuth(prepared, auth, target);
  }
  const credentials = options.pythonCredentials ?? 'env';
  // Security: a tool without SigV4a gets no SigV4 stand-in (the endpoint would refuse it): its code says so instead.
  const sigV4aOnly = (write: () => GeneratedCode, target: CodeTarget, tool: string) =>
    prepared.isSigV4a ? () => writeWithoutSigV4a(prepared, target, tool) : write;
  const writers: Record<CodeTarget, () => GeneratedCode> = {
    curl: sigV4aOnly(() => writeCurl(prepared), 'curl', "curl's --aws-sigv4"),
    awscurl: sigV4aOnly(() => writeAwscurl(prepared), 'awscurl', 'awscurl'),
    'python-requests-aws4auth': sigV4aOnly(
      () => writeRequestsAws4auth(prepared, credentials),
      'python-requests-aws4auth',
      'requests-aws4auth',
    ),
    'python-aws-requests-auth': sigV4aOnly(
      () => writeAwsRequestsAuth(prepared, credentials),
      'python-aws-requests-auth',
      'aws-requests-auth',
    ),
    'python-botocore': () => writeBotocore(prepared, credentials),
    'javascript-smithy': () => writeSmithy(prepared),
  };
  return writers[target]();
}
