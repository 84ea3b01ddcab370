/**
 * A fresh global pattern for one `{{name}}` reference; group 1 is the name as typed. Spaces inside
 * the braces are allowed and trimmed after the match, so the pattern stays linear on long hostile
 * input. Main substitutes with it and the editor highlights with it, so both see the same references.
 */
export function referencePattern(): RegExp {
  return /\{\{([^{}\r\n]*)\}\}/g;
}

/** A run of text: plain (`name` undefined), or a `{{name}}` reference with its trimmed name. */
export interface TextPiece {
  text: string;
  name?: string | undefined;
}

/**
 * Splits text into plain runs and references, in order; the pieces' texts joined give `text`
 * back. `{{ }}` with a blank name is plain text, as substitution leaves it.
 */
export function splitReferences(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plainStart = 0;
  for (const match of text.matchAll(referencePattern())) {
    const name = (match[1] as string).trim();
    if (name === '') continue;
    if (match.index > plainStart) pieces.push({ text: text.slice(plainStart, match.index) });
    pieces.push({ text: match[0], name });
    plainStart = match.index + match[0].length;
  }
  if (plainStart < text.length) pieces.push({ text: text.slice(plainStart) });
  return pieces;
}
