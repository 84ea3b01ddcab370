import type { GeneratedCode, PythonCredentials } from './generate-code';
import {
  commonNotes,
  leftOutNotes,
  mergedHeaders,
  pathEscapeNotes,
  portNotes,
  redirectNotes,
  compare,
  seconds,
  type PreparedRequest,
} from './prepared-request';

const PLACEHOLDER_ROLE_ARN = 'arn:aws:iam::123456789012:role/ROLE_NAME';

/** A Python string literal: JSON's escapes are all valid Python, and non-ASCII text stays as UTF-8 source. */
function py(value: string): string {
  return JSON.stringify(value);
}

function pythonRequestBlock(request: PreparedRequest, extra: string[] = []): string[] {
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

function roleArnLine(request: PreparedRequest): string {
  return `ROLE_ARN = ${py(request.roleArn ?? PLACEHOLDER_ROLE_ARN)}`;
}

/** Imports and lines that leave `access_key`, `secret_key` and `session_token` set, for the requests-based variants. */
function pythonKeys(
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

function assumeRoleNotes(request: PreparedRequest): string[] {
  return [
    'Assumes ROLE_ARN with STS first; the caller needs sts:AssumeRole on it.',
    ...(request.roleArn === undefined ? ['Replace ROLE_ARN with the role to assume.'] : []),
  ];
}

function pythonFile(docstring: string, imports: string[], body: string[]): string {
  // isort's order: standard library, then third party; `import x` before `from x import y`, each sorted.
  const order = (a: string, b: string) =>
    Number(a.startsWith('from ')) - Number(b.startsWith('from ')) || compare(a, b);
  const stdlib = [
    ...new Set(imports.filter((line) => /^import (os|hashlib|ssl|tempfile|urllib\.\w+)$/.test(line))),
  ].sort(order);
  const thirdParty = [...new Set(imports.filter((line) => !stdlib.includes(line)))].sort(order);
  const groups = [[`"""${docstring}"""`], stdlib, thirdParty]
    .filter((group) => group.length > 0)
    .map((group) => group.join('\n'));
  return `${[...groups, ...body].join('\n\n')}\n`;
}

/**
 * The send options for the requests-based variants: lines that set TIMEOUT, VERIFY and PROXIES,
 * their imports, and the keyword arguments that pass them. Redirects are never followed.
 */
function requestsOptions(request: PreparedRequest): {
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
function requestsCall(kwargs: string[]): string {
  const args = ['METHOD', 'URL', 'headers=HEADERS', 'data=BODY', 'auth=auth', ...kwargs];
  return ['requests.request(', ...args.map((arg) => `    ${arg},`), ')'].join('\n');
}

function pythonSend(call: string): string {
  return [`response = ${call}`, 'print(response.status_code)', 'print(response.text)'].join('\n');
}

/** Python with requests + requests-aws4auth. */
export function writeRequestsAws4auth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by requests-aws4auth when it runs.',
    [...keys.imports, ...options.imports, 'import requests', 'from requests_aws4auth import AWS4Auth'],
    [
      pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      'auth = AWS4Auth(access_key, secret_key, REGION, SERVICE, session_token=session_token)',
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests requests-aws4auth' : 'pip install requests requests-aws4auth boto3';
  return {
    target: 'python-requests-aws4auth',
    language: 'python',
    code,
    notes: [install, ...keys.notes, ...portNotes(request), ...options.notes, ...commonNotes(request)],
  };
}

/** Python with requests + aws-requests-auth. */
export function writeAwsRequestsAuth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by aws-requests-auth when it runs.',
    [...keys.imports, ...options.imports, 'import requests', 'from aws_requests_auth.aws_auth import AWSRequestsAuth'],
    [
      pythonRequestBlock(request, [
        `HOST = ${py(request.hostHeader)}`,
        ...(credentials === 'assume-role' ? [roleArnLine(request)] : []),
      ]).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      [
        'auth = AWSRequestsAuth(',
        '    aws_access_key=access_key,',
        '    aws_secret_access_key=secret_key,',
        '    aws_token=session_token,',
        '    aws_host=HOST,',
        '    aws_region=REGION,',
        '    aws_service=SERVICE,',
        ')',
      ].join('\n'),
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests aws-requests-auth' : 'pip install requests aws-requests-auth boto3';
  return {
    target: 'python-aws-requests-auth',
    language: 'python',
    code,
    notes: [
      install,
      ...keys.notes,
      ...pathEscapeNotes(request, 'aws-requests-auth', 'twice'),
      ...options.notes,
      ...commonNotes(request),
    ],
  };
}

/** Python with botocore's SigV4Auth and urllib (no third-party HTTP client). */
export function writeBotocore(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const signer = request.isS3Style ? 'S3SigV4Auth' : 'SigV4Auth';
  const imports = [
    'import urllib.error',
    'import urllib.request',
    `from botocore.auth import ${signer}`,
    'from botocore.awsrequest import AWSRequest',
  ];
  let keyLines: string[];
  let notes: string[];
  switch (credentials) {
    case 'env':
      imports.push('import os', 'from botocore.credentials import Credentials');
      keyLines = [
        '# Security: the keys are read from the environment when this runs; none are written here.',
        'credentials = Credentials(',
        '    os.environ["AWS_ACCESS_KEY_ID"],',
        '    os.environ["AWS_SECRET_ACCESS_KEY"],',
        `    ${request.hasSessionToken ? 'os.environ["AWS_SESSION_TOKEN"]' : 'os.environ.get("AWS_SESSION_TOKEN")'},`,
        ')',
      ];
      notes = [
        "Needs only botocore and Python's standard library (pip install botocore, or apt install python3-botocore).",
        `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY${request.hasSessionToken ? ' and AWS_SESSION_TOKEN' : ''} in the environment first.`,
      ];
      break;
    case 'instance-role':
      imports.push('import botocore.session');
      keyLines = [
        "# botocore's default chain: environment, AWS profiles, SSO, container or EC2 instance role.",
        'credentials = botocore.session.get_session().get_credentials()',
        'if credentials is None:',
        '    raise SystemExit("No AWS credentials found")',
      ];
      notes = [
        'pip install botocore',
        "Uses botocore's default credential chain (instance or container role, AWS profile, SSO, environment).",
      ];
      break;
    case 'assume-role':
      imports.push('import botocore.session', 'from botocore.credentials import Credentials');
      keyLines = [
        "# Temporary keys for the role, from STS; the caller comes from botocore's default chain.",
        'sts = botocore.session.get_session().create_client("sts", region_name=REGION)',
        'assumed = sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="shomei")["Credentials"]',
        'credentials = Credentials(assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"])',
      ];
      notes = ['pip install botocore', ...assumeRoleNotes(request)];
      break;
  }
  const blocks = [
    pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
    keyLines.join('\n'),
  ];
  if (request.isContentSha256Sent && !request.isS3Style) {
    // SigV4Auth hashes the payload but only S3SigV4Auth sends the hash; this service wants it as a header.
    imports.push('import hashlib');
    blocks.push('HEADERS["x-amz-content-sha256"] = hashlib.sha256(BODY or b"").hexdigest()');
  }
  const options = request.options;
  const setup: string[] = [];
  const handlers = ['KeepRedirects()'];
  if (options.timeoutSeconds !== undefined)
    setup.push(`TIMEOUT = ${seconds(options.timeoutSeconds)}  # seconds to connect, and to wait for each read`);
  if (!options.isTlsVerified) {
    imports.push('import ssl');
    setup.push(
      "# Security: certificate verification is off, as in this request's Options.",
      'context = ssl.create_default_context()',
      'context.check_hostname = False',
      'context.verify_mode = ssl.CERT_NONE',
    );
    handlers.push('urllib.request.HTTPSHandler(context=context)');
  } else if (options.caBundlePem !== undefined) {
    imports.push('import ssl');
    setup.push(
      '# The CA bundle from Options, trusted on top of the default roots, as in Shomei.',
      `CA_BUNDLE = ${py(options.caBundlePem)}`,
      'context = ssl.create_default_context()',
      'context.load_verify_locations(cadata=CA_BUNDLE)',
    );
    handlers.push('urllib.request.HTTPSHandler(context=context)');
  }
  if (options.proxyUrl !== undefined) {
    setup.push(`PROXY = ${py(options.proxyUrl)}`);
    handlers.push('urllib.request.ProxyHandler({"http": PROXY, "https": PROXY})');
  }
  if (setup.length > 0) blocks.push(setup.join('\n'));
  blocks.push(
    [
      'request = AWSRequest(method=METHOD, url=URL, headers=HEADERS, data=BODY)',
      `${signer}(credentials, SERVICE, REGION).add_auth(request)`,
      'prepared = request.prepare()',
    ].join('\n'),
    // Blank lines around the class, as PEP 8 wants at the top level.
    [
      '',
      'class KeepRedirects(urllib.request.HTTPRedirectHandler):',
      '    """Answers with the redirect itself: following it would send this signature and token to the new URL."""',
      '',
      '    def redirect_request(self, req, fp, code, msg, headers, newurl):',
      '        return None',
      '',
    ].join('\n'),
    [
      'outgoing = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers.items()), method=prepared.method)',
      `opener = urllib.request.build_opener(${handlers.join(', ')})`,
      'try:',
      `    with opener.open(outgoing${options.timeoutSeconds !== undefined ? ', timeout=TIMEOUT' : ''}) as response:`,
      '        status, payload = response.status, response.read()',
      'except urllib.error.HTTPError as error:',
      '    status, payload = error.code, error.read()',
      'print(status)',
      'print(payload.decode("utf-8", errors="replace"))',
    ].join('\n'),
  );
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by botocore when it runs.',
    imports,
    blocks,
  );
  notes.push(
    ...redirectNotes(request, 'urllib'),
    ...leftOutNotes('urllib', [options.connectTo !== undefined && `connect to ${options.connectTo}`]),
  );
  return { target: 'python-botocore', language: 'python', code, notes: [...notes, ...commonNotes(request)] };
}
