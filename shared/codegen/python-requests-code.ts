// What the requests-based variants (requests-aws4auth, aws-requests-auth, and token-auth-code.ts's
// requests) share: the keys for each credential source, the send options and the call itself.
import type { PythonCredentials } from './generate-code';
import { leftOutNotes, redirectNotes, seconds, type PreparedRequest } from './prepared-request';
import { assumeRoleNotes, py } from './python-code';

/** Imports and lines that leave `access_key`, `secret_key` and `session_token` set, for the requests-based variants. */
export function pythonKeys(
  request: PreparedRequest,
  credentials: PythonCredentials,
): { imports: string[]; lines: string[]; notes: string[] } {
  switch (credentials) {
    case 'env':
      return {
        imports: ['import os'],
        lines: [
          '# Security: the keys are read from the environment when this runs; none are written here.',
          'access_key = os.environ["AWS_ACCESS_KEY_ID"]',
          'secret_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
          `session_token = ${request.hasSessionToken ? 'os.environ["AWS_SESSION_TOKEN"]' : 'os.environ.get("AWS_SESSION_TOKEN")'}`,
        ],
        notes: [
          `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
        ],
      };
    case 'instance-role':
      return {
        imports: ['import boto3'],
        lines: [
          "# boto3's default chain: environment, AWS profiles, SSO, container or EC2 instance role.",
          'credentials = boto3.Session().get_credentials().get_frozen_credentials()',
          'access_key, secret_key, session_token = credentials.access_key, credentials.secret_key, credentials.token',
        ],
        notes: ["Uses boto3's default credential chain (instance or container role, AWS profile, SSO, environment)."],
      };
    case 'assume-role':
      return {
        imports: ['import boto3'],
        lines: [
          "# Temporary keys for the role, from STS; the caller comes from boto3's default chain.",
          `assumed = boto3.client("sts", region_name=REGION).assume_role(RoleArn=ROLE_ARN, RoleSessionName="shomei")["Credentials"]`,
          'access_key, secret_key, session_token = assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"]',
        ],
        notes: assumeRoleNotes(request),
      };
  }
}

/**
 * The send options for the requests-based variants: lines that set TIMEOUT, VERIFY and PROXIES,
 * their imports, and the keyword arguments that pass them. Redirects are never followed.
 */
export function requestsOptions(request: PreparedRequest): {
  imports: string[];
  lines: string[];
  kwargs: string[];
  notes: string[];
} {
  const options = request.options;
  const imports: string[] = [];
  const lines: string[] = [];
  const kwargs: string[] = [];
  if (options.timeoutSeconds !== undefined) {
    lines.push(`TIMEOUT = ${seconds(options.timeoutSeconds)}  # seconds to connect, and to wait for each read`);
    kwargs.push('timeout=TIMEOUT');
  }
  if (!options.isTlsVerified) {
    lines.push("# Security: certificate verification is off, as in this request's Options.", 'VERIFY = False');
    kwargs.push('verify=VERIFY');
  } else if (options.caBundlePem !== undefined) {
    imports.push('import tempfile', 'import certifi');
    lines.push(
      "# The CA bundle from Options, trusted on top of the public roots (requests' own certifi bundle), as in Shomei.",
      `CA_BUNDLE = ${py(options.caBundlePem)}`,
      'with open(certifi.where()) as public_roots, tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as ca_file:',
      '    ca_file.write(public_roots.read() + "\\n" + CA_BUNDLE)',
      'VERIFY = ca_file.name',
    );
    kwargs.push('verify=VERIFY');
  }
  if (options.proxyUrl !== undefined) {
    lines.push(`PROXIES = {"http": ${py(options.proxyUrl)}, "https": ${py(options.proxyUrl)}}`);
    kwargs.push('proxies=PROXIES');
  }
  // Security: requests would re-send the old signature and the session token to wherever a redirect points.
  kwargs.push('allow_redirects=False');
  return {
    imports,
    lines,
    kwargs,
    notes: [
      ...redirectNotes(request, 'requests'),
      ...leftOutNotes('requests', [options.connectTo !== undefined && `connect to ${options.connectTo}`]),
    ],
  };
}

/** `requests.request(…)` with the request's own arguments, then the options' keyword arguments, one per line. */
export function requestsCall(kwargs: string[]): string {
  const args = ['METHOD', 'URL', 'headers=HEADERS', 'data=BODY', 'auth=auth', ...kwargs];
  return ['requests.request(', ...args.map((arg) => `    ${arg},`), ')'].join('\n');
}

/** Sends with `call`, then prints the status and the response text. */
export function pythonSend(call: string): string {
  return [`response = ${call}`, 'print(response.status_code)', 'print(response.text)'].join('\n');
}
