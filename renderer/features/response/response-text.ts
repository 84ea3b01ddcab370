import { base64ToBytes } from './format-body';

/** The body as text for the AWS error decoder (UTF-8, first 256 KiB). */
export function bodyText(base64: string): string {
  try {
    const bytes = base64ToBytes(base64);
    return new TextDecoder().decode(bytes.subarray(0, 256 * 1024));
  } catch {
    return '';
  }
}

/** `Set-Cookie` headers as rows: name, value, and the attributes as written. */
export function cookiesOf(
  headers: ReadonlyArray<readonly [string, string]>,
): Array<{ name: string; value: string; attributes: string }> {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .map(([, line]) => {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      return {
        name: pair.slice(0, eq < 0 ? undefined : eq).trim(),
        value: eq < 0 ? '' : pair.slice(eq + 1).trim(),
        attributes: attributes.map((a) => a.trim()).join('; '),
      };
    });
}
