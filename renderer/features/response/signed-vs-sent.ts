/** One signed header: the value in the canonical request against the value that went on the wire. */
export interface SignedHeaderCheck {
  name: string;
  signed: string;
  sent: string | undefined;
  isSame: boolean;
}

/**
 * Compares each header of the canonical request with the headers as sent (both already redacted
 * the same way), canonicalized as SigV4 does: lower-case names, trimmed values with runs of spaces
 * collapsed, repeated headers joined with commas. Proves nothing changed a signed header.
 */
export function signedVsSent(canonicalRequest: string, signedHeaders: string, sent: ReadonlyArray<readonly [string, string]>): SignedHeaderCheck[] {
  const names = signedHeaders.split(';').filter(Boolean);
  const lines = canonicalRequest.split('\n');
  const canonical = new Map<string, string>();
  for (const line of lines.slice(3, 3 + names.length)) {
    const colon = line.indexOf(':');
    if (colon > 0) canonical.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const onWire = new Map<string, string[]>();
  for (const [name, value] of sent) {
    const key = name.toLowerCase();
    onWire.set(key, [...(onWire.get(key) ?? []), value.trim().replace(/ +/g, ' ')]);
  }
  return names.map((name) => {
    const signed = canonical.get(name) ?? '';
    const sentValue = onWire.get(name)?.join(',');
    return { name, signed, sent: sentValue, isSame: sentValue === signed };
  });
}
