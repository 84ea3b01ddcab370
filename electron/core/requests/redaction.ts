import type { SigningSummary } from '../../../shared/contract/http';
import type { SigningRecord } from '../signing/sign-request';

const REDACTED = '‹redacted›';

/**
 * Replaces every secret (and its percent-encoded form) with `‹redacted›`, or with `{{name}}` when
 * it is a secret variable's value, so the user sees which secret went where without seeing it.
 */
export function makeRedactor(secrets: string[], names?: ReadonlyMap<string, string>): (text: string) => string {
  const needles = secrets
    // Security: a secret variable's value is replaced however short (its header is no longer hidden whole).
    .filter((s) => s.length >= 8 || (s !== '' && names?.has(s) === true))
    .flatMap((s): Array<[string, string]> => {
      const label = names?.has(s) ? `{{${names.get(s) ?? ''}}}` : REDACTED;
      return [
        [s, label],
        [encodeURIComponent(s), label],
      ];
    })
    .sort((a, b) => b[0].length - a[0].length);
  return (text) => needles.reduce((out, [needle, label]) => out.split(needle).join(label), text);
}

/**
 * A header's value as the window may see it: the session token and every header named in
 * `credentialHeaders` (an auth type's) hidden whole, any other secret in it redacted.
 */
export function redactHeader(
  name: string,
  value: string,
  redact: (text: string) => string,
  credentialHeaders?: ReadonlySet<string>,
): string {
  // Security: a header an auth type filled (a bearer token, Basic, an API key) shows only its scheme word.
  if (credentialHeaders?.has(name.toLowerCase())) return `${/^(Bearer|Basic)\s/i.exec(value)?.[0] ?? ''}${REDACTED}`;
  return name.toLowerCase() === 'x-amz-security-token' ? REDACTED : redact(value);
}

/** What was signed, for the inspector; the session token in the canonical request is redacted. */
export function signingSummaryOf(signing: SigningRecord, redact: (text: string) => string): SigningSummary {
  return { ...signing, canonicalRequest: redact(signing.canonicalRequest) };
}
