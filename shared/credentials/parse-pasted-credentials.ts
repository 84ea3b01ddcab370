/** Keys read from pasted text. Holds secrets: it never leaves main. */
export interface PastedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  accountId?: string;
  /** Which format was recognised, e.g. `sts-json`, `env`, `powershell`. */
  format: PastedFormat;
}

/** The formats Shomei reads. */
export type PastedFormat =
  | 'sts-json'
  | 'process-json'
  | 'env'
  | 'env-no-export'
  | 'powershell'
  | 'windows-cmd'
  | 'ini'
  | 'plain-lines';

/** Either the keys, or why not, saying what was found and what is missing. */
export type ParseResult =
  | { ok: true; value: PastedCredentials }
  | { ok: false; message: string; found: string[]; missing: string[] };

/** An AWS key id, recognised even without a label (plain lines). */
const ACCESS_KEY_ID = /^(AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,124}$/;
/** A labelled key id: S3-compatible gateways (Ceph, MinIO) issue other shapes than AWS. */
const LABELLED_KEY_ID = /^[A-Za-z0-9]{3,128}$/;
const FIELD_LABELS = { accessKeyId: 'access key ID', secretAccessKey: 'secret access key', sessionToken: 'session token', expiration: 'expiry' } as const;

interface Fields {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  expiration?: string;
  accountId?: string;
}

/**
 * Reads credentials from whatever people paste: `aws sts assume-role` / `get-session-token` /
 * `get-federation-token` / `assume-role-with-web-identity` JSON, every `aws configure
 * export-credentials` format, the AWS access portal's snippets, INI blocks, or bare values on
 * separate lines. Nothing half-parsed is returned: a key id and a secret are both required, and
 * an unreadable expiry is an error rather than "no expiry".
 */
export function parsePastedCredentials(text: string): ParseResult {
  const cleaned = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
  if (cleaned === '') return { ok: false, message: 'Paste something first: the output of aws sts assume-role, aws configure export-credentials, or your access portal.', found: [], missing: ['access key ID', 'secret access key'] };

  const attempts: Array<[PastedFormat, () => Fields | undefined]> = [
    ['sts-json', () => fromJson(cleaned)],
    ['powershell', () => fromAssignments(cleaned, /^\s*\$env:(AWS_[A-Z_]+)\s*=\s*(.*)$/i)],
    ['windows-cmd', () => fromAssignments(cleaned, /^\s*set\s+"?(AWS_[A-Z_]+)\s*=\s*(.*?)"?\s*$/i)],
    ['env', () => fromAssignments(cleaned, /^\s*export\s+(AWS_[A-Z_]+)\s*=\s*(.*)$/)],
    ['env-no-export', () => fromAssignments(cleaned, /^\s*(AWS_[A-Z_]+)\s*=\s*(.*)$/)],
    ['ini', () => fromIni(cleaned)],
    ['plain-lines', () => fromPlainLines(cleaned)],
  ];
  let best: { format: PastedFormat; fields: Fields } | undefined;
  for (const [format, attempt] of attempts) {
    const fields = attempt();
    if (!fields) continue;
    const found = Object.values(fields).filter(Boolean).length;
    if (!best || found > Object.values(best.fields).filter(Boolean).length) best = { format, fields };
    if (fields.accessKeyId && fields.secretAccessKey) break;
  }
  if (!best) {
    return {
      ok: false,
      message: 'Shomei could not find AWS credentials in that text. Paste the JSON of aws sts assume-role, the lines of aws configure export-credentials, your access portal snippet, or an INI block.',
      found: [],
      missing: ['access key ID', 'secret access key'],
    };
  }
  return finish(best.format === 'sts-json' && isProcessJson(cleaned) ? 'process-json' : best.format, best.fields);
}

function finish(format: PastedFormat, fields: Fields): ParseResult {
  const found = (Object.keys(FIELD_LABELS) as Array<keyof typeof FIELD_LABELS>).filter((key) => fields[key]).map((key) => FIELD_LABELS[key]);
  const missing = (['accessKeyId', 'secretAccessKey'] as const).filter((key) => !fields[key]).map((key) => FIELD_LABELS[key]);
  if (missing.length > 0) {
    return { ok: false, message: `Found ${found.length > 0 ? found.join(', ') : 'nothing usable'}, but the ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Nothing was filled in.`, found, missing };
  }
  const accessKeyId = fields.accessKeyId as string;
  const secretAccessKey = fields.secretAccessKey as string;
  if (!LABELLED_KEY_ID.test(accessKeyId)) {
    return { ok: false, message: `"${accessKeyId.slice(0, 24)}" does not look like an access key ID (AKIA… or ASIA…: letters and digits). Nothing was filled in.`, found, missing: ['a valid access key ID'] };
  }
  if (/\s/.test(secretAccessKey) || secretAccessKey.length < 16) {
    return { ok: false, message: 'The secret access key looks cut off or has spaces in it. Nothing was filled in.', found, missing: ['a valid secret access key'] };
  }
  if (accessKeyId.startsWith('ASIA') && !fields.sessionToken) {
    return { ok: false, message: 'These are temporary keys (ASIA…) but no session token came with them. Copy the whole output, token included. Nothing was filled in.', found, missing: ['session token'] };
  }
  let expiration: Date | undefined;
  if (fields.expiration) {
    expiration = parseExpiry(fields.expiration);
    if (!expiration) {
      return { ok: false, message: `The expiry "${fields.expiration.slice(0, 40)}" is not a date Shomei can read. Nothing was filled in.`, found, missing: ['a readable expiry'] };
    }
  }
  return {
    ok: true,
    value: {
      accessKeyId,
      secretAccessKey,
      ...(fields.sessionToken ? { sessionToken: fields.sessionToken } : {}),
      ...(expiration ? { expiration } : {}),
      ...(fields.accountId ? { accountId: fields.accountId } : {}),
      format,
    },
  };
}

function parseExpiry(value: string): Date | undefined {
  const trimmed = value.trim();
  // Epoch seconds or milliseconds, as some tools print.
  if (/^\d{10}$/.test(trimmed)) return new Date(Number(trimmed) * 1000);
  if (/^\d{13}$/.test(trimmed)) return new Date(Number(trimmed));
  const date = new Date(trimmed.replace(/^(\d{4}-\d\d-\d\d) (\d)/, '$1T$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function unquote(value: string): string {
  let v = value.trim().replace(/;$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  return v.trim();
}

function stripPrompt(line: string): string {
  return line.replace(/^\s*(\$|>|PS [^>]*>|C:\\[^>]*>)\s+/, '');
}

function fromAssignments(text: string, pattern: RegExp): Fields | undefined {
  const fields: Fields = {};
  let matched = false;
  for (const raw of text.split('\n')) {
    const match = pattern.exec(stripPrompt(raw));
    if (!match) continue;
    matched = true;
    const name = (match[1] as string).toUpperCase();
    const value = unquote(match[2] as string);
    if (name === 'AWS_ACCESS_KEY_ID') fields.accessKeyId = value;
    else if (name === 'AWS_SECRET_ACCESS_KEY') fields.secretAccessKey = value;
    else if (name === 'AWS_SESSION_TOKEN' || name === 'AWS_SECURITY_TOKEN') fields.sessionToken = value;
    else if (name === 'AWS_CREDENTIAL_EXPIRATION' || name === 'AWS_SESSION_EXPIRATION') fields.expiration = value;
  }
  return matched ? fields : undefined;
}

function isProcessJson(text: string): boolean {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return value.Version === 1 && typeof value.AccessKeyId === 'string';
  } catch {
    return false;
  }
}

function fromJson(text: string): Fields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const root = value as Record<string, unknown>;
  // sts responses wrap the keys in Credentials; export-credentials `process` and others do not.
  const creds = (root.Credentials && typeof root.Credentials === 'object' ? root.Credentials : root) as Record<string, unknown>;
  const pick = (...names: string[]) => {
    for (const name of names) {
      const v = creds[name];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
      if (typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const fields: Fields = {};
  const accessKeyId = pick('AccessKeyId', 'accessKeyId', 'aws_access_key_id');
  const secretAccessKey = pick('SecretAccessKey', 'secretAccessKey', 'aws_secret_access_key');
  const sessionToken = pick('SessionToken', 'sessionToken', 'aws_session_token', 'Token');
  const expiration = pick('Expiration', 'expiration');
  if (accessKeyId) fields.accessKeyId = accessKeyId;
  if (secretAccessKey) fields.secretAccessKey = secretAccessKey;
  if (sessionToken) fields.sessionToken = sessionToken;
  if (expiration) fields.expiration = expiration;
  const arn = (root.AssumedRoleUser as Record<string, unknown> | undefined)?.Arn ?? (root.FederatedUser as Record<string, unknown> | undefined)?.Arn;
  const accountId = typeof arn === 'string' ? /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/.exec(arn)?.[1] : undefined;
  if (accountId) fields.accountId = accountId;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function fromIni(text: string): Fields | undefined {
  const fields: Fields = {};
  let matched = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const section = /^\[(?:profile\s+)?([^\]]+)\]$/.exec(line);
    if (section) {
      // The access portal names its block [123456789012_RoleName].
      const account = /^(\d{12})_/.exec(section[1] as string)?.[1];
      if (account) fields.accountId = account;
      continue;
    }
    const match = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|aws_credential_expiration|expiration)\s*=\s*(.*)$/i.exec(line);
    if (!match) continue;
    matched = true;
    const name = (match[1] as string).toLowerCase();
    const value = unquote(match[2] as string);
    if (name === 'aws_access_key_id') fields.accessKeyId = value;
    else if (name === 'aws_secret_access_key') fields.secretAccessKey = value;
    else if (name === 'aws_session_token' || name === 'aws_security_token') fields.sessionToken = value;
    else fields.expiration = value;
  }
  return matched ? fields : undefined;
}

function fromPlainLines(text: string): Fields | undefined {
  const values = text
    .split('\n')
    .map((line) => unquote(line.replace(/^[^:=]{2,40}[:=]\s*/, (label) => (/key|secret|token|id/i.test(label) ? '' : label))))
    .filter((line) => line !== '');
  const fields: Fields = {};
  for (const value of values) {
    if (!fields.accessKeyId && ACCESS_KEY_ID.test(value)) fields.accessKeyId = value;
    else if (!fields.secretAccessKey && /^[A-Za-z0-9/+=]{40}$/.test(value)) fields.secretAccessKey = value;
    else if (!fields.sessionToken && /^[A-Za-z0-9/+=]{100,}$/.test(value)) fields.sessionToken = value;
    else if (!fields.expiration && /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value)) fields.expiration = value;
  }
  return fields.accessKeyId || fields.secretAccessKey ? fields : undefined;
}
