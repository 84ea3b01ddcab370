/** Decoded response body, ready to show. */
export interface ShownBody {
  text: string;
  isJson: boolean;
  isBinary: boolean;
}

/** Base64 to bytes with a plain loop (much faster than Uint8Array.from with a mapping function). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes the body as UTF-8 and pretty-prints JSON; binary bodies are described, not dumped. */
export function formatBody(base64: string, contentType: string | undefined): ShownBody {
  const bytes = base64ToBytes(base64);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text: `${bytes.byteLength} bytes of binary data`, isJson: false, isBinary: true };
  }
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (looksJson) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), isJson: true, isBinary: false };
    } catch {
      // Not JSON after all: show it as text.
    }
  }
  return { text, isJson: false, isBinary: false };
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 12.345 → "12 ms"; 1234 → "1.23 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
