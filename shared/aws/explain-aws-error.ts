/** What Shomei signed, as the inspector shows it. Never holds a secret: tokens may be redacted. */
export interface SignedSide {
  canonicalRequest: string;
  stringToSign: string;
}

/** One AWS answer to explain, with what Shomei signed for it when it was signed. */
export interface AwsErrorInput {
  status: number;
  /** Response headers, any case (`x-amzn-errortype`, `x-amz-request-id`, `date`…). */
  headers: Array<[string, string]>;
  /** The response body as text: JSON, XML or plain. */
  body: string;
  signed?: SignedSide | undefined;
  /** When the request was signed and sent, by this computer's clock. */
  sentAt?: Date | undefined;
}

/** One line of a diff: on both sides, only in what Shomei signed, or only in what AWS expected. */
export interface DiffLine {
  kind: 'same' | 'ours' | 'theirs';
  text: string;
}

/** An AWS error put in plain words. Plain JSON apart from nothing: safe to send over IPC. */
export interface AwsErrorExplanation {
  /** AWS's error code, e.g. `SignatureDoesNotMatch`. */
  code: string;
  /** AWS's own message, trimmed (for signature errors, without the canonical strings it quotes). */
  message: string;
  /** One line for people, e.g. `The signature did not match`. */
  title: string;
  /** What it most likely means. */
  cause: string;
  nextSteps: string[];
  /** True when the fix is in how (or when) the request is signed, not in the credentials or the permissions. */
  isSignatureProblem: boolean;
  /** This computer's clock minus AWS's, in seconds: positive when ours is ahead. Only for clock errors. */
  clockSkewSeconds?: number;
  /** What AWS expected against what Shomei signed, and which part differs. */
  diff?: { of: 'canonical-request' | 'string-to-sign'; lines: DiffLine[]; culprit: string };
}

/** What the error is about; each kind has its own explanation. */
type Kind =
  | 'signature'
  | 'scope'
  | 'clock'
  | 'presign-expired'
  | 'expired-token'
  | 'unknown-credentials'
  | 'access-denied'
  | 'missing-token'
  | 'body-hash'
  | 'incomplete'
  | 'other';

const KIND_OF_CODE: Record<string, Kind> = {
  SignatureDoesNotMatch: 'signature',
  InvalidSignatureException: 'signature',
  InvalidSignature: 'signature',
  RequestTimeTooSkewed: 'clock',
  RequestTimeTooSkewedException: 'clock',
  RequestExpired: 'clock',
  ExpiredToken: 'expired-token',
  ExpiredTokenException: 'expired-token',
  TokenRefreshRequired: 'expired-token',
  InvalidClientTokenId: 'unknown-credentials',
  UnrecognizedClientException: 'unknown-credentials',
  InvalidAccessKeyId: 'unknown-credentials',
  InvalidToken: 'unknown-credentials',
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  Forbidden: 'access-denied',
  ForbiddenException: 'access-denied',
  UnauthorizedOperation: 'access-denied',
  AuthorizationError: 'access-denied',
  MissingAuthenticationToken: 'missing-token',
  MissingAuthenticationTokenException: 'missing-token',
  XAmzContentSHA256Mismatch: 'body-hash',
  IncompleteSignature: 'incomplete',
  IncompleteSignatureException: 'incomplete',
  AuthorizationHeaderMalformed: 'incomplete',
  AuthorizationQueryParametersError: 'incomplete',
};

/** API Gateway and some JSON services send only a message; these phrases are AWS's own. */
const CODE_OF_MESSAGE: Array<[RegExp, string]> = [
  [/^Missing Authentication Token$/i, 'MissingAuthenticationTokenException'],
  [/request signature we calculated does not match/i, 'InvalidSignatureException'],
  [/^Signature (?:expired|not yet current):/i, 'InvalidSignatureException'],
  [/^Credential should be scoped/i, 'InvalidSignatureException'],
  [/security token included in the request is invalid/i, 'UnrecognizedClientException'],
  [/security token included in the request is expired/i, 'ExpiredTokenException'],
  [/^User: \S+ is not authorized to perform:/i, 'AccessDeniedException'],
  [/^Authorization header requires|is not a valid key=value pair/i, 'IncompleteSignatureException'],
];

/** Headers only AWS (and S3-compatible stores) send: a JSON `code` is trusted only next to them. */
const AWS_MARKER_HEADERS = new Set([
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-apigw-id',
  'x-amzn-errortype',
  'x-amz-cf-id',
]);

const CANONICAL_MARK = 'The Canonical String for this request should have been';
const STRING_TO_SIGN_MARK = 'The String-to-Sign should have been';
/** Markers Shomei puts where a secret was (request service, history). */
const REDACTION = /‹redacted›|••••/;
const SECRET_KEY_CULPRIT =
  'the canonical request matches: the secret access key is wrong (or the key belongs to another account)';
const AMZ_DATE = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/;

/** The error as read from the response, before explaining. */
interface AwsError {
  code: string;
  message: string;
  /** Other elements of an XML error (`RequestTime`, `CanonicalRequest`, `Region`…), decoded. */
  fields: Record<string, string>;
  theirs: { canonicalRequest?: string; stringToSign?: string };
}

/** A difference found between the two sides, and what to do about it. */
interface Finding {
  text: string;
  hint: string;
}

/**
 * Explains an AWS error response: recognises the code from JSON (`__type`, `code`, `message`),
 * the `x-amzn-errortype` header, query/XML (`<ErrorResponse>`, S3 `<Error>`) and API Gateway's
 * message-only answers, and says what it means and what to do. When AWS sent back the canonical
 * request or string to sign it expected, diffs it against `signed` and names the part that
 * differs. Pure and synchronous; never echoes a session token AWS quotes back. Returns
 * undefined for 1xx–3xx answers and for bodies that are not AWS errors.
 */
export function explainAwsError(input: AwsErrorInput): AwsErrorExplanation | undefined {
  if (input.status < 400) return undefined;
  const error = readAwsError(input);
  if (!error) return undefined;
  const diff = input.signed ? compareSigned(input.signed, error.theirs) : undefined;
  const explained = explain(kindOf(error), error, input, diff);
  return {
    code: error.code,
    message: error.message,
    ...explained,
    ...(diff ? { diff: { of: diff.of, lines: diff.lines, culprit: diff.culprit } } : {}),
  };
}

function kindOf(error: AwsError): Kind {
  const kind = KIND_OF_CODE[error.code] ?? 'other';
  if (kind === 'signature' && /^Signature (?:expired|not yet current):/i.test(error.message)) return 'clock';
  if (kind === 'signature' && /^Credential should be scoped/i.test(error.message)) return 'scope';
  if (kind === 'incomplete' && /region '[^']*' is wrong|expecting '[^']+'/i.test(error.message)) return 'scope';
  if (kind === 'access-denied' && /^Request has expired/i.test(error.message)) return 'presign-expired';
  return kind;
}

function readAwsError(input: AwsErrorInput): AwsError | undefined {
  const body = input.body
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const headers = new Map(input.headers.map(([name, value]) => [name.toLowerCase(), value]));
  const hasAwsMarkers =
    [...headers.keys()].some((name) => AWS_MARKER_HEADERS.has(name)) || headers.get('server') === 'AmazonS3';
  const fromBody = readJson(body) ?? readXml(body) ?? readPlain(body);
  const fullMessage = fromBody?.message ?? '';
  const bodyCode =
    fromBody?.code && (fromBody.isTrusted || KIND_OF_CODE[fromBody.code] || hasAwsMarkers) ? fromBody.code : undefined;
  const code =
    bodyCode ?? codeFromHeaders(headers) ?? codeFromMessage(fullMessage, input.status, fromBody?.isJson ?? false);
  if (!code) return undefined;
  const fields = fromBody?.fields ?? {};
  return {
    code,
    message: trimMessage(fullMessage),
    fields,
    theirs: {
      ...quotedCanonicals(fullMessage),
      ...(fields.CanonicalRequest !== undefined
        ? { canonicalRequest: fields.CanonicalRequest }
        : fromBytes(fields.CanonicalRequestBytes, 'canonicalRequest')),
      ...(fields.StringToSign !== undefined
        ? { stringToSign: fields.StringToSign }
        : fromBytes(fields.StringToSignBytes, 'stringToSign')),
    },
  };
}

interface BodyError {
  code?: string | undefined;
  message: string;
  fields: Record<string, string>;
  /** A code that only AWS writes (`__type`, XML `<Error><Code>`), as opposed to a bare JSON `code`. */
  isTrusted: boolean;
  isJson: boolean;
}

function readJson(body: string): BodyError | undefined {
  if (!body.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const root = value as Record<string, unknown>;
  // awsQuery-compatible JSON services nest the error like the XML does.
  const nested = root.Error && typeof root.Error === 'object' ? (root.Error as Record<string, unknown>) : {};
  const text = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const type = text(root.__type);
  const code = type ?? text(root.code, root.Code, nested.Code);
  return {
    code: code === undefined ? undefined : normaliseCode(code),
    message: text(root.message, root.Message, root.errorMessage, nested.Message) ?? '',
    fields: {},
    isTrusted: type !== undefined,
    isJson: true,
  };
}

function readXml(body: string): BodyError | undefined {
  if (!body.startsWith('<')) return undefined;
  const inner = /<Error(?:\s[^>]*)?>([\s\S]*?)<\/Error>/.exec(body)?.[1];
  if (inner === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const match of inner.matchAll(/<([A-Za-z][\w.-]*)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
    fields[match[1] as string] = decodeXml(match[2] as string);
  }
  const code = fields.Code?.trim();
  return {
    code: code ? normaliseCode(code) : undefined,
    message: fields.Message ?? '',
    fields,
    isTrusted: true,
    isJson: false,
  };
}

function readPlain(body: string): BodyError | undefined {
  if (body === '' || body.startsWith('<') || body.length > 2000) return undefined;
  return { message: body, fields: {}, isTrusted: false, isJson: false };
}

function codeFromHeaders(headers: Map<string, string>): string | undefined {
  const errorType = headers.get('x-amzn-errortype')?.trim();
  if (errorType) return normaliseCode(errorType);
  // JSON services that answer awsQuery clients: `InvalidClientTokenId;Sender`.
  const queryError = headers.get('x-amzn-query-error')?.split(';')[0]?.trim();
  return queryError ? normaliseCode(queryError) : undefined;
}

function codeFromMessage(message: string, status: number, isJson: boolean): string | undefined {
  const trimmed = message.trim();
  for (const [pattern, code] of CODE_OF_MESSAGE) if (pattern.test(trimmed)) return code;
  // API Gateway's bare refusal; from anything but JSON, "Forbidden" is too common to be AWS's.
  if (isJson && status === 403 && trimmed === 'Forbidden') return 'ForbiddenException';
  return undefined;
}

/** `com.amazon.coral.service#InvalidSignatureException:http://internal.amazon.com/…` → `InvalidSignatureException`. */
function normaliseCode(raw: string): string {
  const afterHash = raw.slice(raw.lastIndexOf('#') + 1);
  return (afterHash.split(':')[0] ?? afterHash).trim();
}

/** AWS's message without the canonical strings it quotes: the diff shows those. */
function trimMessage(message: string): string {
  const at = message.indexOf(CANONICAL_MARK);
  return (at >= 0 ? message.slice(0, at) : message).trim();
}

/** The canonical request and string to sign that JSON services quote in their message. */
function quotedCanonicals(message: string): AwsError['theirs'] {
  const out: AwsError['theirs'] = {};
  const canonicalAt = message.indexOf(CANONICAL_MARK);
  const stringToSignAt = message.indexOf(STRING_TO_SIGN_MARK);
  if (canonicalAt >= 0) {
    const end = stringToSignAt > canonicalAt ? stringToSignAt : message.length;
    const quoted = unquote(message.slice(canonicalAt + CANONICAL_MARK.length, end));
    if (quoted !== undefined) out.canonicalRequest = quoted;
  }
  if (stringToSignAt >= 0) {
    const quoted = unquote(message.slice(stringToSignAt + STRING_TO_SIGN_MARK.length));
    if (quoted !== undefined) out.stringToSign = quoted;
  }
  return out;
}

/** The text between the first and the last `'` of a block: values inside may hold quotes too. */
function unquote(block: string): string | undefined {
  const start = block.indexOf("'");
  const end = block.lastIndexOf("'");
  return start >= 0 && end > start ? block.slice(start + 1, end) : undefined;
}

/** S3 also sends each string as space-separated hex bytes; used when the text itself is absent. */
function fromBytes(hex: string | undefined, key: 'canonicalRequest' | 'stringToSign'): AwsError['theirs'] {
  if (!hex || !/^[0-9a-f]{2}( [0-9a-f]{2})*$/i.test(hex.trim())) return {};
  const bytes = Uint8Array.from(hex.trim().split(' '), (pair) => parseInt(pair, 16));
  return { [key]: new TextDecoder().decode(bytes) };
}

function decodeXml(text: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text);
  if (cdata) return cdata[1] as string;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    if (name[0] !== '#') return named[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

interface Comparison {
  of: 'canonical-request' | 'string-to-sign';
  lines: DiffLine[];
  culprit: string;
  hints: string[];
}

function compareSigned(signed: SignedSide, theirs: AwsError['theirs']): Comparison | undefined {
  if (theirs.canonicalRequest !== undefined) {
    const lines = diffLines(toLines(theirs.canonicalRequest), toLines(signed.canonicalRequest));
    if (lines.some((line) => line.kind !== 'same')) {
      const findings = canonicalFindings(signed.canonicalRequest, theirs.canonicalRequest, lines);
      return { of: 'canonical-request', lines, ...summarise(findings) };
    }
    if (theirs.stringToSign !== undefined) {
      const sts = compareStringsToSign(signed, theirs.stringToSign, true);
      if (sts) return sts;
    }
    return { of: 'canonical-request', lines, culprit: SECRET_KEY_CULPRIT, hints: [SECRET_KEY_HINT] };
  }
  if (theirs.stringToSign !== undefined) {
    return (
      compareStringsToSign(signed, theirs.stringToSign, false) ?? {
        of: 'string-to-sign',
        lines: diffLines(toLines(theirs.stringToSign), toLines(signed.stringToSign)),
        culprit: SECRET_KEY_CULPRIT,
        hints: [SECRET_KEY_HINT],
      }
    );
  }
  return undefined;
}

const SECRET_KEY_HINT =
  'Paste the secret access key again: it must be the one issued with this access key id (watch for a missing character or a trailing space).';

/** Undefined when both strings to sign are the same. */
function compareStringsToSign(signed: SignedSide, theirs: string, isCanonicalSame: boolean): Comparison | undefined {
  const lines = diffLines(toLines(theirs), toLines(signed.stringToSign));
  if (lines.every((line) => line.kind === 'same')) return undefined;
  const [oursAlgorithm, oursDate, oursScope, oursHash] = toLines(signed.stringToSign);
  const [theirAlgorithm, theirDate, theirScope, theirHash] = toLines(theirs);
  const findings: Finding[] = [];
  if (oursAlgorithm !== theirAlgorithm) {
    findings.push({
      text: `the algorithm (ours: \`${oursAlgorithm ?? ''}\`, theirs: \`${theirAlgorithm ?? ''}\`)`,
      hint: 'Sign with AWS4-HMAC-SHA256 (SigV4a is only for multi-region endpoints).',
    });
  }
  if (oursDate !== theirDate) {
    findings.push({
      text: `the request date (ours: \`${oursDate ?? ''}\`, theirs: \`${theirDate ?? ''}\`)`,
      hint: 'Something replaced the X-Amz-Date header after signing: remove any hand-written X-Amz-Date or Date header.',
    });
  }
  const ourParts = (oursScope ?? '').split('/');
  const theirParts = (theirScope ?? '').split('/');
  const scopeNames = ['date', 'region', 'service', 'terminator'];
  scopeNames.forEach((name, index) => {
    if (ourParts[index] === theirParts[index]) return;
    findings.push({
      text: `the credential scope's ${name} (ours: \`${ourParts[index] ?? ''}\`, theirs: \`${theirParts[index] ?? ''}\`)`,
      hint:
        name === 'region' || name === 'service'
          ? `Set the signing ${name} to \`${theirParts[index] ?? ''}\`, as AWS expects for this endpoint.`
          : 'The scope must be `date/region/service/aws4_request` with the date of X-Amz-Date.',
    });
  });
  if (oursHash !== theirHash && !isCanonicalSame && findings.length === 0) {
    findings.push({
      text: 'the canonical request (its hash differs; AWS did not send its canonical request, so compare the request as it was sent)',
      hint: 'Look for anything that changes the request after signing: a proxy, a redirect, a header added later, or a re-encoded body.',
    });
  }
  if (findings.length === 0) return undefined;
  return { of: 'string-to-sign', lines, ...summarise(findings) };
}

function summarise(findings: Finding[]): { culprit: string; hints: string[] } {
  return {
    culprit: findings.map((finding) => finding.text).join('; '),
    hints: [...new Set(findings.map((finding) => finding.hint))],
  };
}

/** A canonical request taken apart: method, path, query, headers, signed headers, payload hash. */
interface CanonicalParts {
  method: string;
  path: string;
  query: string;
  headers: Array<[string, string]>;
  signedHeaders: string;
  payloadHash: string;
}

function splitCanonical(text: string): CanonicalParts | undefined {
  const lines = toLines(text);
  // Counted from the end too: the query line is empty when there is no query.
  if (lines.length < 6 || lines[lines.length - 3] !== '') return undefined;
  const headers = lines.slice(3, lines.length - 3).map((line): [string, string] => {
    const colon = line.indexOf(':');
    return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)];
  });
  return {
    method: lines[0] as string,
    path: lines[1] as string,
    query: lines[2] as string,
    headers,
    signedHeaders: lines[lines.length - 2] as string,
    payloadHash: lines[lines.length - 1] as string,
  };
}

function canonicalFindings(oursText: string, theirsText: string, lines: DiffLine[]): Finding[] {
  const ours = splitCanonical(oursText);
  const theirs = splitCanonical(theirsText);
  if (!ours || !theirs) {
    const first = lines.findIndex((line) => line.kind !== 'same');
    return [
      { text: `line ${first + 1} of the canonical request`, hint: 'Compare the two canonical requests line by line.' },
    ];
  }
  const findings: Finding[] = [];
  if (!sameLine(ours.method, theirs.method)) {
    findings.push({
      text: `the method (ours: \`${ours.method}\`, theirs: \`${theirs.method}\`)`,
      hint: 'Sign the method that is sent: a redirect can turn a POST into a GET.',
    });
  }
  if (!sameLine(ours.path, theirs.path)) findings.push(pathFinding(ours.path, theirs.path));
  if (!sameLine(ours.query, theirs.query)) findings.push(...queryFindings(ours.query, theirs.query));
  const headerFindings = headersFindings(ours.headers, theirs.headers);
  findings.push(...headerFindings.findings);
  if (!sameLine(ours.signedHeaders, theirs.signedHeaders) && !headerFindings.isOneSided) {
    findings.push({
      text: `the list of signed headers (ours: \`${ours.signedHeaders}\`, theirs: \`${theirs.signedHeaders}\`)`,
      hint: 'The SignedHeaders that reached AWS are not the ones signed: let Shomei write the Authorization header.',
    });
  }
  if (!sameLine(ours.payloadHash, theirs.payloadHash)) {
    findings.push({
      text: `the payload hash (the body changed after signing, or UNSIGNED-PAYLOAD vs a signed hash): ours \`${ours.payloadHash}\`, theirs \`${theirs.payloadHash}\``,
      hint: 'Sign the exact bytes that are sent: re-encoding, compression or newline conversion after signing changes the hash; some services refuse UNSIGNED-PAYLOAD.',
    });
  }
  return findings;
}

function pathFinding(ours: string, theirs: string): Finding {
  const shown = `ours \`${ours}\`, theirs \`${theirs}\``;
  if (fullyDecoded(ours) === fullyDecoded(theirs)) {
    const isTheirsDeeper = (theirs.match(/%25/g) ?? []).length > (ours.match(/%25/g) ?? []).length;
    return {
      text: `the path encoding (S3 encodes once, other services twice): ${shown}`,
      hint: isTheirsDeeper
        ? 'AWS encoded the path twice, as every service but S3 does: check the service name (it is not s3 here).'
        : 'AWS encoded the path once, as S3 does: set the service to s3 (S3-compatible stores too).',
    };
  }
  if (normalisedPath(ours) === normalisedPath(theirs)) {
    return {
      text: `the path normalisation (S3 keeps \`.\`, \`..\` and \`//\` as sent, other services resolve them): ${shown}`,
      hint: 'Check the service name, or remove `.`, `..` and repeated slashes from the path.',
    };
  }
  return {
    text: `the path: ${shown}`,
    hint: 'AWS received another path than the one signed: a proxy, a custom domain base path or a stage in the URL rewrote it.',
  };
}

function queryFindings(ours: string, theirs: string): Finding[] {
  const ourPairs = queryPairs(ours);
  const theirPairs = queryPairs(theirs);
  const hint =
    'Encode the query as SigV4 wants: spaces as %20 (never +), reserved characters percent-encoded, pairs sorted by name.';
  const findings: Finding[] = [];
  for (const name of new Set([...theirPairs.keys(), ...ourPairs.keys()])) {
    const ourValue = ourPairs.get(name);
    const theirValue = theirPairs.get(name);
    if (ourValue !== undefined && theirValue !== undefined && sameLine(ourValue, theirValue)) continue;
    if (ourValue !== undefined && theirValue !== undefined) {
      findings.push({
        text: `the query string: pair \`${name}\` differs (ours: \`${mask(`${name}=${ourValue}`)}\`, theirs: \`${mask(`${name}=${theirValue}`)}\`)`,
        hint,
      });
    } else if (theirValue !== undefined) {
      findings.push({
        text: `the query string: pair \`${mask(`${name}=${theirValue}`)}\` is missing from ours`,
        hint: 'AWS received a query parameter that was not signed: sign the URL exactly as sent.',
      });
    } else {
      findings.push({
        text: `the query string: pair \`${mask(`${name}=${ourValue ?? ''}`)}\` is missing from theirs`,
        hint: 'A signed query parameter did not reach AWS: something rewrote the URL after signing.',
      });
    }
  }
  if (findings.length === 0) {
    findings.push({
      text: `the query string: the pairs are in another order (ours: \`${mask(ours)}\`, theirs: \`${mask(theirs)}\`)`,
      hint,
    });
  }
  return findings;
}

/** Values of a repeated name are kept together, in order, so they compare as one. */
function queryPairs(query: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    const existing = pairs.get(name);
    pairs.set(name, existing === undefined ? value : `${existing}&${name}=${value}`);
  }
  return pairs;
}

function headersFindings(
  ours: Array<[string, string]>,
  theirs: Array<[string, string]>,
): { findings: Finding[]; isOneSided: boolean } {
  const ourValues = new Map(ours);
  const theirValues = new Map(theirs);
  const findings: Finding[] = [];
  let isOneSided = false;
  for (const name of new Set([...theirValues.keys(), ...ourValues.keys()])) {
    const ourValue = ourValues.get(name);
    const theirValue = theirValues.get(name);
    if (ourValue !== undefined && theirValue !== undefined) {
      if (sameLine(ourValue, theirValue)) continue;
      findings.push({
        text: `the header \`${name}\` (ours: \`${maskHeader(name, ourValue)}\`, theirs: \`${maskHeader(name, theirValue)}\`)`,
        hint: `Something changed the header \`${name}\` after signing (a proxy, a redirect, or a header set later): sign it as it is sent.`,
      });
      continue;
    }
    isOneSided = true;
    const side =
      ourValue !== undefined
        ? `only ours: \`${maskHeader(name, ourValue)}\``
        : `only theirs: \`${maskHeader(name, theirValue ?? '')}\``;
    findings.push({
      text: `a header signed on one side only: \`${name}\` (${side})`,
      hint: `Sign only headers that reach AWS unchanged: \`${name}\` was added or dropped on the way.`,
    });
  }
  return { findings, isOneSided };
}

/** Equal, or equal but for the parts Shomei redacted on our side. */
function sameLine(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  if (!REDACTION.test(ours)) return false;
  const pattern = ours.split(REDACTION).map(escapeRegExp).join('.+');
  return new RegExp(`^${pattern}$`, 's').test(theirs);
}

/** Line-by-line diff by longest common subsequence; a changed line shows theirs, then ours. */
function diffLines(theirs: string[], ours: string[]): DiffLine[] {
  const width = ours.length + 1;
  const common = new Array<number>((theirs.length + 1) * width).fill(0);
  const at = (i: number, j: number) => common[i * width + j] ?? 0;
  for (let i = theirs.length - 1; i >= 0; i -= 1) {
    for (let j = ours.length - 1; j >= 0; j -= 1) {
      common[i * width + j] = sameLine(ours[j] as string, theirs[i] as string)
        ? at(i + 1, j + 1) + 1
        : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < theirs.length || j < ours.length) {
    if (i < theirs.length && j < ours.length && sameLine(ours[j] as string, theirs[i] as string)) {
      lines.push({ kind: 'same', text: mask(ours[j] as string) });
      i += 1;
      j += 1;
    } else if (i < theirs.length && (j >= ours.length || at(i + 1, j) >= at(i, j + 1))) {
      lines.push({ kind: 'theirs', text: mask(theirs[i] as string) });
      i += 1;
    } else {
      lines.push({ kind: 'ours', text: mask(ours[j] as string) });
      j += 1;
    }
  }
  return lines;
}

// Security: AWS quotes the session token back in its canonical request; the explanation never repeats it.
function mask(line: string): string {
  return line
    .replace(/^(x-amz-security-token:).+$/i, '$1‹redacted›')
    .replace(/((?:^|&)X-Amz-Security-Token=)[^&]+/gi, '$1‹redacted›');
}

function maskHeader(name: string, value: string): string {
  return name.toLowerCase() === 'x-amz-security-token' ? '‹redacted›' : value;
}

function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function fullyDecoded(path: string): string {
  let current = path;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

function normalisedPath(path: string): string {
  const out: string[] = [];
  for (const segment of fullyDecoded(path).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Explained = Pick<AwsErrorExplanation, 'title' | 'cause' | 'nextSteps' | 'isSignatureProblem' | 'clockSkewSeconds'>;

function explain(kind: Kind, error: AwsError, input: AwsErrorInput, diff: Comparison | undefined): Explained {
  switch (kind) {
    case 'signature':
      return explainSignature(error, input, diff);
    case 'scope':
      return explainScope(error, diff);
    case 'clock':
      return explainClock(error, input);
    case 'presign-expired':
      return {
        title: 'The presigned URL has expired',
        cause: `The URL was signed to last a limited time (X-Amz-Expires${error.fields['X-Amz-Expires'] ? ` = ${error.fields['X-Amz-Expires']} s` : ''}) and, by AWS's clock, that time has passed.`,
        nextSteps: [
          'Presign the URL again, with a longer expiry if needed (at most 7 days, and never longer than the credentials last).',
          "If it should still be valid, check this computer's clock.",
        ],
        isSignatureProblem: true,
      };
    case 'expired-token':
      return {
        title: 'The temporary credentials have expired',
        cause:
          'These are temporary credentials (from SSO, assume-role or get-session-token) and their session token is past its expiry: AWS no longer accepts them.',
        nextSteps: [
          'Renew them: run `aws sso login` or assume the role again, then refresh the credentials in Shomei.',
          'Paste the new access key id, secret and session token together: all three change.',
          "If they should still be valid, check this computer's clock.",
        ],
        isSignatureProblem: false,
      };
    case 'unknown-credentials':
      return explainUnknownCredentials(input);
    case 'access-denied':
      return explainAccessDenied(error);
    case 'missing-token':
      return explainMissingToken(input);
    case 'body-hash': {
      const client = error.fields.ClientComputedContentSHA256;
      const server = error.fields.S3ComputedContentSHA256;
      return {
        title: 'The body does not match its signed hash',
        cause: `The x-amz-content-sha256 header gives one SHA-256 of the body, and AWS computed another from the bytes it received${client && server ? ` (signed: ${client}, received: ${server})` : ''}: the body changed after signing, or the header was set by hand.`,
        nextSteps: [
          'Remove any hand-written x-amz-content-sha256 header and let Shomei compute it.',
          'Make sure nothing re-encodes the body after signing: charset conversion, newline conversion, compression or a proxy.',
          'For a body you cannot hash in advance, sign UNSIGNED-PAYLOAD (S3 accepts it).',
        ],
        isSignatureProblem: true,
      };
    }
    case 'incomplete':
      return {
        title: 'The signature is incomplete or malformed',
        cause:
          'The Authorization header (or the X-Amz-* query parameters) lacks a part AWS needs — Credential, SignedHeaders, Signature, or an X-Amz-Date — or is not shaped as key=value pairs. Usually an Authorization header typed by hand or left over from another tool.',
        nextSteps: [
          'Remove any hand-written Authorization, X-Amz-Date or X-Amz-Signature header or parameter, and let Shomei sign.',
          'Check that no proxy rewrites the Authorization header.',
        ],
        isSignatureProblem: true,
      };
    case 'other':
      return {
        title: `AWS refused the request: ${error.code}`,
        cause: error.message === '' ? 'AWS gave no message with this code.' : error.message,
        nextSteps: [`Look up ${error.code} in the documentation of the service you called.`],
        isSignatureProblem: false,
      };
  }
}

function explainSignature(error: AwsError, input: AwsErrorInput, diff: Comparison | undefined): Explained {
  const title = 'The signature did not match';
  if (diff) {
    const isSecretWrong = diff.culprit === SECRET_KEY_CULPRIT;
    return {
      title,
      cause: isSecretWrong
        ? 'AWS built the same canonical request and string to sign as Shomei, so only the signing key differs: the secret access key is wrong, or the access key id belongs to another account.'
        : `The request AWS checked is not the one Shomei signed: the difference is in ${diff.culprit}.`,
      nextSteps: [...diff.hints, 'Compare the two canonical requests side by side in the inspector.'],
      isSignatureProblem: true,
    };
  }
  const hasTheirs = error.theirs.canonicalRequest !== undefined || error.theirs.stringToSign !== undefined;
  return {
    title,
    cause: hasTheirs
      ? 'AWS computed a different signature and sent back the canonical request it expected: compare it with the one Shomei signed for this request.'
      : 'AWS computed a different signature for this request. Either something changed the request after it was signed (a proxy, a redirect, a header added later, a re-encoded body), the path or query is encoded otherwise than the service expects, or the secret access key does not belong to this access key id.',
    nextSteps: [
      'Check the region and the service name (s3 encodes the path once, every other service twice).',
      SECRET_KEY_HINT,
      ...(input.signed ? [] : ['Send it again from Shomei with signing on: the inspector then shows what was signed.']),
    ],
    isSignatureProblem: true,
  };
}

function explainScope(error: AwsError, diff: Comparison | undefined): Explained {
  const expectedRegion = error.fields.Region ?? /expecting '([^']+)'/i.exec(error.message)?.[1];
  const expectedService = /scoped to correct service: '([^']+)'/i.exec(error.message)?.[1];
  const wrongRegion = /scoped to a valid region, not '([^']+)'/i.exec(error.message)?.[1];
  const details = [
    expectedRegion ? `AWS expects the region \`${expectedRegion}\`.` : undefined,
    expectedService ? `AWS expects the service \`${expectedService}\`.` : undefined,
    wrongRegion ? `\`${wrongRegion}\` is not a region this endpoint knows.` : undefined,
  ].filter((line): line is string => line !== undefined);
  return {
    title: 'The signature names the wrong region or service',
    cause:
      `The credential scope (date/region/service) in the signature does not match this endpoint. ${details.join(' ')}`.trim(),
    nextSteps: [
      ...(expectedRegion ? [`Set the region to ${expectedRegion}.`] : []),
      ...(expectedService ? [`Set the service to ${expectedService}.`] : []),
      ...(diff?.hints ?? []),
      'The region and service are in the endpoint host name: e.g. abc123.execute-api.eu-west-1.amazonaws.com is execute-api in eu-west-1.',
    ],
    isSignatureProblem: true,
  };
}

function explainClock(error: AwsError, input: AwsErrorInput): Explained {
  const skew = clockSkewSeconds(error, input);
  const nextSteps = [
    'Turn on automatic date and time (NTP) on this computer, then send the request again.',
    'In a virtual machine, container or WSL, sync its clock with the host: it drifts after sleep.',
    ...(/X-Amz-Expires=/i.test(input.signed?.canonicalRequest ?? '')
      ? ['For a presigned URL, presign it again: it may simply be older than its X-Amz-Expires.']
      : []),
  ];
  const limit = 'AWS refuses requests signed more than 5 minutes (15 for S3) away from its own time.';
  if (skew === undefined) {
    return {
      title: "This computer's clock and AWS's disagree",
      cause: `${limit} This computer's clock is probably off.`,
      nextSteps,
      isSignatureProblem: true,
    };
  }
  const direction = skew >= 0 ? 'ahead of' : 'behind';
  return {
    title: `Your clock is ${duration(Math.abs(skew))} ${direction} AWS's`,
    cause: `${limit} Your clock is ${duration(Math.abs(skew))} ${skew >= 0 ? 'ahead' : 'behind'}: the request was signed at a time AWS considers ${skew >= 0 ? 'still in the future' : 'too old'}.`,
    nextSteps,
    isSignatureProblem: true,
    clockSkewSeconds: skew,
  };
}

/** Our clock minus AWS's. AWS's own pair of times is exact; else the response Date against when we sent. */
function clockSkewSeconds(error: AwsError, input: AwsErrorInput): number | undefined {
  // "Signature expired: <signed> is now earlier than <limit> (<AWS now> - 5 min.)"
  const quoted =
    /(\d{8}T\d{6}Z) is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [-+] \d+ min\.?\)/i.exec(
      error.message,
    );
  const signedAt =
    parseTime(quoted?.[1]) ??
    parseTime(error.fields.RequestTime) ??
    input.sentAt ??
    parseTime(toLines(input.signed?.stringToSign ?? '')[1]);
  const headerDate = input.headers.find(([name]) => name.toLowerCase() === 'date')?.[1];
  const awsNow = parseTime(quoted?.[2]) ?? parseTime(error.fields.ServerTime) ?? parseTime(headerDate);
  if (!signedAt || !awsNow || Number.isNaN(signedAt.getTime())) return undefined;
  return Math.round((signedAt.getTime() - awsNow.getTime()) / 1000);
}

/** `20240101T000000Z`, ISO 8601, or an HTTP date. */
function parseTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const amz = AMZ_DATE.exec(trimmed);
  const time = amz
    ? Date.UTC(Number(amz[1]), Number(amz[2]) - 1, Number(amz[3]), Number(amz[4]), Number(amz[5]), Number(amz[6]))
    : Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `about ${hours} hours` : `about ${Math.round(hours / 24)} days`;
}

function explainUnknownCredentials(input: AwsErrorInput): Explained {
  const signed = input.signed?.canonicalRequest;
  const hasToken =
    signed === undefined
      ? undefined
      : /^x-amz-security-token:/im.test(signed) || /(?:^|&)X-Amz-Security-Token=/i.test(signed);
  const tokenStep =
    hasToken === undefined
      ? 'Keys starting with ASIA are temporary and need their session token; keys starting with AKIA must be sent without one.'
      : hasToken
        ? 'A session token was signed: if the access key id starts with AKIA, remove the token; if it starts with ASIA, paste the token that came with it.'
        : 'No session token was signed: if the access key id starts with ASIA, add the session token that came with it.';
  return {
    title: 'AWS does not recognise these credentials',
    cause:
      'The access key id or the session token is not one AWS knows here: a typo, a key that was deleted or deactivated, keys from another partition (China or GovCloud keys sent to a commercial region, or the reverse), or temporary keys (ASIA…) sent without their session token.',
    nextSteps: [
      tokenStep,
      'Check the access key id for a typo, and that the key is still active in IAM.',
      'Call an endpoint in the partition the keys belong to: aws, aws-cn and aws-us-gov keys do not cross over.',
      'In an opt-in region (e.g. ap-east-1, me-south-1), use session tokens from a regional STS endpoint: those from the global endpoint are not valid there.',
    ],
    isSignatureProblem: false,
  };
}

function explainAccessDenied(error: AwsError): Explained {
  if (error.code === 'ForbiddenException' || error.code === 'Forbidden') {
    if (error.message === '' || error.message === 'Forbidden') {
      return {
        title: 'API Gateway refused the request (Forbidden)',
        cause:
          'API Gateway turned the request away before reaching the API: an API key is required but missing, a private API was called from outside its VPC endpoint, a resource policy or WAF rule blocks the caller, or the stage or custom-domain base path is wrong.',
        nextSteps: [
          'If the API needs an API key, send it in the x-api-key header.',
          'A private API answers only through its VPC endpoint (execute-api VPC endpoint DNS).',
          'Check the stage and the base path mapping of the custom domain.',
          "Check the API's resource policy and any WAF rules for your IP or account.",
        ],
        isSignatureProblem: false,
      };
    }
  }
  const denied =
    /^User: (\S+) is not authorized to perform: (\S+)(?: on resource: (\S+))?(?: (because .*|with an explicit deny.*))?$/is.exec(
      error.message.trim(),
    );
  const principal = denied?.[1];
  const action = denied?.[2];
  const resource = denied?.[3];
  const reason = denied?.[4]?.replace(/\.$/, '');
  return {
    title: 'AWS accepted the signature but refused the action',
    cause: denied
      ? `The signature is fine and AWS knows who you are (${principal ?? ''}), but ${reason && /explicit deny/i.test(reason) ? 'a policy denies' : 'no policy allows'} ${action ?? ''}${resource ? ` on ${resource}` : ''}${reason ? ` (${reason})` : ''}. This is a permissions problem, not a signing problem.`
      : 'The signature is fine and AWS knows who you are, but a policy does not allow this action: an identity policy, a resource policy (API Gateway resource policy, bucket policy), a permissions boundary, a service control policy or a session policy. This is a permissions problem, not a signing problem.',
    nextSteps: [
      action
        ? `Ask for ${action}${resource ? ` on ${resource}` : ''} in the policy of the role or user.`
        : 'Ask for the permission in the policy of the role or user.',
      'Check resource policies, permissions boundaries, service control policies and session policies: an explicit deny anywhere wins.',
      'Make sure these are the credentials you meant: AWS names the principal it saw in its message.',
    ],
    isSignatureProblem: false,
  };
}

function explainMissingToken(input: AwsErrorInput): Explained {
  if (input.signed) {
    return {
      title: 'No such route, or the signature did not arrive',
      cause:
        'Shomei signed this request, so API Gateway most likely has no resource for this method and path: it answers "Missing Authentication Token" instead of 404 for a wrong stage (/prod vs /dev), a typo in the path, a method the resource does not define, or a route not yet deployed. Less often, a proxy removed the Authorization header.',
      nextSteps: [
        'Check the stage and path against the deployed API (aws apigateway get-resources).',
        'Check the method: a GET to a resource that only defines POST gets the same answer.',
        'If the route is new, deploy the API to the stage again.',
        'If the route exists, check that the Authorization header reaches AWS.',
      ],
      isSignatureProblem: false,
    };
  }
  return {
    title: 'The request was not signed',
    cause:
      'The request carried no SigV4 signature (no Authorization header, no X-Amz-Signature parameter), so AWS does not know who is calling. API Gateway gives the same answer for a path, stage or method that does not exist.',
    nextSteps: [
      'Choose AWS Signature v4 for this request, with credentials, region and service (execute-api for API Gateway).',
      'Check the stage, path and method: a route that does not exist gets the same answer.',
    ],
    isSignatureProblem: true,
  };
}
