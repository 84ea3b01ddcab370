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
  if (/xml/i.test(contentType ?? '') || /^\s*<\?xml/.test(text)) {
    const pretty = prettyXml(text);
    if (pretty !== undefined) return { text: pretty, isJson: false, isBinary: false };
  }
  return { text, isJson: false, isBinary: false };
}

/**
 * Indents an XML document two spaces a level; undefined when it does not parse (then the raw
 * text is shown). DOMParser in XML mode builds an inert document: nothing in it runs or loads.
 */
export function prettyXml(text: string): string | undefined {
  if (text.length > 2 * 1024 * 1024) return undefined;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines: string[] = [];
  const declaration = /^\s*(<\?xml[^>]*\?>)/.exec(text)?.[1];
  if (declaration) lines.push(declaration);
  const walk = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const attributes = [...element.attributes].map((a) => ` ${a.name}="${escape(a.value).replace(/"/g, '&quot;')}"`).join('');
      const children = [...element.childNodes].filter((child) => child.nodeType !== Node.TEXT_NODE || (child.textContent ?? '').trim() !== '');
      if (children.length === 0) lines.push(`${pad}<${element.tagName}${attributes}/>`);
      else if (children.length === 1 && children[0]?.nodeType === Node.TEXT_NODE) lines.push(`${pad}<${element.tagName}${attributes}>${escape((children[0].textContent ?? '').trim())}</${element.tagName}>`);
      else {
        lines.push(`${pad}<${element.tagName}${attributes}>`);
        for (const child of children) walk(child, depth + 1);
        lines.push(`${pad}</${element.tagName}>`);
      }
    } else if (node.nodeType === Node.TEXT_NODE) {
      lines.push(`${pad}${escape((node.textContent ?? '').trim())}`);
    } else if (node.nodeType === Node.CDATA_SECTION_NODE) {
      lines.push(`${pad}<![CDATA[${node.textContent ?? ''}]]>`);
    } else if (node.nodeType === Node.COMMENT_NODE) {
      lines.push(`${pad}<!--${node.textContent ?? ''}-->`);
    }
  };
  for (const child of [...doc.childNodes]) walk(child, 0);
  return lines.join('\n');
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
