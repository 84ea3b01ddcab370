import type { AwsError } from './aws-error-read';
import type { DiffLine, SignedSide } from './explain-aws-error';

/** Markers Shomei puts where a secret was (request service, history). */
const REDACTION = /‹redacted›|••••/;
/** The culprit named when the canonical requests agree but the signatures do not. */
export const SECRET_KEY_CULPRIT =
  'the canonical request matches: the secret access key is wrong (or the key belongs to another account)';
/** A difference found between the two sides, and what to do about it. */
export interface Finding {
  text: string;
  hint: string;
}

/** The two sides compared: which text was diffed, line by line, and what differs. */
export interface Comparison {
  of: 'canonical-request' | 'string-to-sign';
  lines: DiffLine[];
  culprit: string;
  hints: string[];
}

/**
 * Diffs what Shomei signed against what AWS says it expected (canonical request first, else the
 * string to sign); undefined when AWS quoted neither. Lines that could hold a token are masked.
 */
export function compareSigned(signed: SignedSide, theirs: AwsError['theirs']): Comparison | undefined {
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

/** The next step when only the secret access key can explain a mismatch. */
export const SECRET_KEY_HINT =
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

/** A text's lines, whatever its line endings. */
export function toLines(text: string): string[] {
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
