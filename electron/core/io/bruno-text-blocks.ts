// Cuts the content of a `.bru` file's text blocks (bodies, scripts, tests, docs) out before Bruno's
// grammar reads the file, and puts it back in the parsed result: the grammar only copies that
// content, at ~5 µs a character (usebruno/bruno#2416, #8529; the same idea as usebruno/bruno#8739).

/** What the cut needs to know of one of Bruno's grammars. */
export interface BruGrammarBlocks {
  /**
   * The blocks whose content the grammar copies as text: `name st* "{" nl* textblock tagend`, the
   * content going through `outdentString` and nothing else. Their content is cut out.
   */
  textBlocks: readonly string[];
  /** Other blocks the grammar ends at their first `tagend` whatever they hold (`(~tagend any)*`). Kept. */
  untilFirstCloseBlocks: readonly string[];
}

/** The blocks of a request file (`bruToJsonV2`). */
export const REQUEST_BLOCKS: BruGrammarBlocks = {
  textBlocks: [
    'body:json',
    'body:text',
    'body:xml',
    'body:sparql',
    'body:graphql',
    'body:graphql:vars',
    'body',
    'script:pre-request',
    'script:post-response',
    'tests',
    'docs',
  ],
  // `example = "example" st* "{" nl* examplecontent tagend`, `examplecontent = (~tagend any)*`.
  untilFirstCloseBlocks: ['example'],
};

/** The blocks of a `collection.bru` or `folder.bru` file (`collectionBruToJson`): it has no example. */
export const FOLDER_BLOCKS: BruGrammarBlocks = {
  textBlocks: ['script:pre-request', 'script:post-response', 'tests', 'docs'],
  untilFirstCloseBlocks: [],
};

/**
 * A character the cut text never holds elsewhere: a block's place-holder is it, the block's
 * number, and it again. A text holding it is read whole by the grammar.
 */
const MARK = '\uE000';

/** A `.bru` text with its text blocks' content replaced by place-holders, and that content in order. */
export interface CutBruText {
  text: string;
  contents: string[];
}

/**
 * Cuts out the content of each of the grammar's text blocks, exactly the characters the
 * grammar's `textblock` would match, or returns undefined when the cut could change how the
 * grammar reads the rest, so that the caller reads the whole text instead:
 *
 * - Every top-level block must end at its first line that starts with `}`, and that line must hold
 *   nothing else but spaces, tabs or carriage returns. The grammar ends a text block there too
 *   (`tagend = nl "}"`), and so does it an example; a dictionary block can reach past that line only through a `'''`
 *   multi-line value or an annotation's arguments (`@name(…)`, which may span lines), so a block
 *   holding either is not cut around, nor is a `}` line that could start a `key: value` pair.
 * - The text must not hold the place-holder character.
 *
 * With those, each block is read from the same characters whether or not the others were cut, so
 * the grammar reads the cut text into the same result, each place-holder where its content was.
 * One pass over the text, no regular expression: untrusted text cannot make it slow.
 */
export function cutTextBlocks(text: string, grammar: BruGrammarBlocks): CutBruText | undefined {
  if (text.includes(MARK)) return undefined;
  const parts: string[] = [];
  const contents: string[] = [];
  let copiedTo = 0;
  let pos = 0;
  for (;;) {
    // The grammar's top-level rule skips `space`: any character up to " ".
    while (pos < text.length && text.charCodeAt(pos) <= 0x20) pos += 1;
    if (pos >= text.length) break;
    const textOpen = blockOpen(text, pos, grammar.textBlocks);
    const open = textOpen >= 0 ? textOpen : blockOpen(text, pos, grammar.untilFirstCloseBlocks);
    let close: number;
    if (open >= 0) {
      const start = skipNewlines(text, open);
      const tagEnd = text.indexOf('\n}', start);
      if (tagEnd < 0) return undefined;
      if (textOpen >= 0) {
        // `nl` is `"\r"? "\n"`: a carriage return before the closing line belongs to `tagend`.
        const end = text[tagEnd - 1] === '\r' && tagEnd - 1 >= start ? tagEnd - 1 : tagEnd;
        parts.push(text.slice(copiedTo, start), placeHolder(contents.length));
        contents.push(text.slice(start, end));
        copiedTo = end;
      }
      close = tagEnd + 1;
    } else {
      close = readBlockClose(text, pos);
      if (close < 0) return undefined;
    }
    pos = close + 1;
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\r')) pos += 1;
    if (pos < text.length && text[pos] !== '\n') return undefined;
  }
  if (contents.length === 0) return undefined;
  parts.push(text.slice(copiedTo));
  return { text: parts.join(''), contents };
}

/**
 * Puts each block's content back where the grammar left its place-holder in `parsed` (changed in
 * place), through `outdent` (the grammar's own `outdentString`). False, and `parsed` must be
 * thrown away, when a place-holder appears anywhere but as a whole string.
 */
export function restoreTextBlocks(
  parsed: unknown,
  contents: readonly string[],
  outdent: (text: string) => string,
): boolean {
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes(MARK)) return value;
      const index = Number(value.slice(1, -1));
      if (value !== placeHolder(index) || index >= contents.length) throw new Error('misplaced place-holder');
      return outdent(contents[index] as string);
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) value[i] = restore(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key.includes(MARK)) throw new Error('misplaced place-holder');
        record[key] = restore(record[key]);
      }
    }
    return value;
  };
  try {
    restore(parsed);
    return true;
  } catch {
    return false;
  }
}

function placeHolder(index: number): string {
  return `${MARK}${index}${MARK}`;
}

/** The index just after the `{` when a block named in `names` starts at `pos` (`name st* "{"`), else -1. */
function blockOpen(text: string, pos: number, names: readonly string[]): number {
  for (const name of names) {
    if (!text.startsWith(name, pos)) continue;
    let i = pos + name.length;
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    if (text[i] === '{') return i + 1;
  }
  return -1;
}

/** Past the grammar's greedy `nl*` (`nl = "\r"? "\n"`). */
function skipNewlines(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    if (text[i] === '\n') i += 1;
    else if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else return i;
  }
}

/**
 * The index of the `}` that ends the block the grammar reads itself (a dictionary, a list, an
 * example) starting at `pos`: the first `}` at the start of a line. -1 when the block holds what
 * could reach past that line: `'''`, or `@name(` (an annotation with arguments).
 */
function readBlockClose(text: string, pos: number): number {
  // Every `@` before this index is in a run of annotation-name characters already looked at.
  let annotationScannedTo = pos;
  for (let i = pos; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n' && text[i + 1] === '}') return i + 1;
    if (c === "'" && text[i + 1] === "'" && text[i + 2] === "'") return -1;
    if (c === '@' && i >= annotationScannedTo) {
      let j = i + 1;
      while (j < text.length && !isAnnotationNameEnd(text[j] as string)) j += 1;
      if (j > i + 1 && text[j] === '(') return -1;
      annotationScannedTo = j;
    }
  }
  return -1;
}

/** The characters `annotationchar` excludes: `~("(" | ")" | " " | "\t" | "\r" | "\n" | ":") any`. */
function isAnnotationNameEnd(c: string): boolean {
  return c === '(' || c === ')' || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ':';
}
