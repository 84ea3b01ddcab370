import type { AwsErrorInput } from './explain-aws-error';

/** What the error is about; each kind has its own explanation. */
export type Kind =
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

/** AWS's error codes Shomei knows, by the kind of explanation each gets. */
export const KIND_OF_CODE: Record<string, Kind> = {
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
/** The error as read from the response, before explaining. */
export interface AwsError {
  code: string;
  message: string;
  /** Other elements of an XML error (`RequestTime`, `CanonicalRequest`, `Region`…), decoded. */
  fields: Record<string, string>;
  theirs: { canonicalRequest?: string; stringToSign?: string };
}

/**
 * Reads AWS's error out of a response: JSON (`__type`, `code`, `message`), the `x-amzn-errortype`
 * header, query/XML (`<ErrorResponse>`, S3 `<Error>`) or API Gateway's message-only answers, with
 * the canonical request or string to sign AWS quotes back. Undefined when it is not an AWS error.
 */
export function readAwsError(input: AwsErrorInput): AwsError | undefined {
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
