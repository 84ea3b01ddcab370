// The python-botocore target: botocore's SigV4Auth (S3SigV4Auth for S3, SigV4a through the AWS CRT)
// and urllib, with no third-party HTTP client; redirects are answered, never followed.
import { apiKeyNotes } from './api-key-code';
import type { GeneratedCode, PythonCredentials } from './generate-code';
import { commonNotes, leftOutNotes, redirectNotes, seconds, type PreparedRequest } from './prepared-request';
import {
  apiKeyBlock,
  assumeRoleNotes,
  py,
  pythonApiKey,
  pythonFile,
  pythonRequestBlock,
  roleArnLine,
} from './python-code';

/** Python with botocore's SigV4Auth and urllib (no third-party HTTP client). */
export function writeBotocore(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const signer = request.isS3Style ? 'S3SigV4Auth' : 'SigV4Auth';
  const imports = [
    'import urllib.error',
    'import urllib.request',
    // SigV4a's signers come from the AWS CRT: botocore lists them in AUTH_TYPE_MAPS when awscrt is installed.
    request.isSigV4a ? 'import botocore.auth' : `from botocore.auth import ${signer}`,
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
  const key = pythonApiKey(request);
  imports.push(...key.imports);
  const blocks = [
    pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
    keyLines.join('\n'),
    ...apiKeyBlock(key),
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
      ...(request.isSigV4a
        ? [
            `# SigV4a (ECDSA P-256) for the region set; botocore has it only with the AWS CRT (awscrt).`,
            `REGION_SET = ${py(request.regionSet)}`,
            `sigv4a = botocore.auth.AUTH_TYPE_MAPS.get(${py(request.isS3Style ? 's3v4a' : 'v4a')})`,
            'if sigv4a is None:',
            '    raise SystemExit("SigV4a needs the AWS CRT: pip install \'botocore[crt]\' (or apt install python3-awscrt)")',
            'sigv4a(credentials, SERVICE, REGION_SET).add_auth(request)',
          ]
        : [`${signer}(credentials, SERVICE, REGION).add_auth(request)`]),
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
    `Sends the request from Shomei, signed with ${request.isSigV4a ? 'SigV4a' : 'SigV4'} by botocore when it runs.`,
    imports,
    blocks,
  );
  if (request.isSigV4a)
    notes.push(
      `Signs with SigV4a for the region set ${request.regionSet}: needs the AWS CRT (pip install 'botocore[crt]', or apt install python3-awscrt).`,
    );
  notes.push(
    ...apiKeyNotes(request),
    ...redirectNotes(request, 'urllib'),
    ...leftOutNotes('urllib', [options.connectTo !== undefined && `connect to ${options.connectTo}`]),
  );
  return { target: 'python-botocore', language: 'python', code, notes: [...notes, ...commonNotes(request)] };
}
