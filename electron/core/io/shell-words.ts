/** A command line split into words; `commands` holds one array per command. */
export interface ShellWords {
  commands: string[][];
  /** Unquoted operators that ended a command early (`|`, `;`, `&&`, `>`), in order. */
  operators: string[];
}

/** Characters that no rule of `splitShellWords` treats specially outside quotes (sticky: matches at `lastIndex` only). */
const PLAIN_RUN = /[^\\'$" \t\n#;|&<>]+/y;
/** Inside double quotes, where the plain text ends: the closing quote or a backslash. */
const QUOTED_SPECIAL = /["\\]/g;

/**
 * Splits text into words with the quoting rules of POSIX shells: single quotes are literal,
 * double quotes honour `\\`, `\"`, `\$`, `` \` `` and line continuations, `$'…'` takes ANSI-C
 * escapes, an unquoted backslash escapes the next character, and backslash-newline joins lines
 * (also `^` and `` ` `` line ends pasted from Windows shells). An unquoted newline, `;`, `|`, `&&`
 * or a redirection ends the current command. No expansion is done: `$VAR` stays as typed.
 * Throws an `Error` naming the problem when a quote is never closed.
 */
export function splitShellWords(input: string): ShellWords {
  // Windows cmd (`^`) and PowerShell (`` ` ``) continuations, when they end a line.
  const text = input.replace(/\r\n?/g, '\n').replace(/[ \t][\^`]\n/g, ' \\\n');
  const commands: string[][] = [];
  const operators: string[] = [];
  let words: string[] = [];
  let word = '';
  let hasWord = false;
  let isSkipping = false;

  const endWord = (): void => {
    if (hasWord && !isSkipping) words.push(word);
    word = '';
    hasWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
    isSkipping = false;
  };

  let i = 0;
  while (i < text.length) {
    // A run of characters none of the rules below looks at is taken at once, not one by one: a
    // 2 MiB body is one slice instead of two million string appends.
    PLAIN_RUN.lastIndex = i;
    const run = PLAIN_RUN.exec(text);
    if (run) {
      word += run[0];
      hasWord = true;
      i += run[0].length;
      continue;
    }
    const ch = text[i] as string;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next !== undefined) {
        word += next;
        hasWord = true;
      }
      i += 2;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('a single quote is never closed');
      word += text.slice(i + 1, end);
      hasWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '$' && text[i + 1] === "'") {
      const { value, next } = readAnsiC(text, i + 2);
      word += value;
      hasWord = true;
      i = next;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        QUOTED_SPECIAL.lastIndex = j;
        const special = QUOTED_SPECIAL.exec(text);
        if (!special) throw new Error('a double quote is never closed');
        word += text.slice(j, special.index);
        j = special.index;
        if (special[0] === '"') break;
        const n = text[j + 1];
        if (n === '\n') {
          j += 2;
          continue;
        }
        if (n !== undefined && '$`"\\'.includes(n)) {
          word += n;
          j += 2;
          continue;
        }
        word += '\\';
        j += 1;
      }
      hasWord = true;
      i = j + 1;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord();
      i += 1;
      continue;
    }
    if (ch === '\n') {
      endCommand();
      i += 1;
      continue;
    }
    if (ch === '#' && !hasWord) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (ch === ';' || ch === '|' || (ch === '&' && text[i + 1] === '&') || ((ch === '>' || ch === '<') && !hasWord)) {
      const op = ch === '&' || (ch === '|' && text[i + 1] === '|') ? ch + ch : ch;
      operators.push(op);
      endWord();
      // What follows an operator on the same line is another program: skip it.
      if (words.length > 0) commands.push(words);
      words = [];
      isSkipping = true;
      i += op.length;
      continue;
    }
    word += ch;
    hasWord = true;
    i += 1;
  }
  endCommand();
  return { commands, operators };
}

function readAnsiC(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start;
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    f: '\f',
    v: '\v',
    '?': '?',
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") return { value, next: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      const n = text[i + 1] as string;
      if (simple[n] !== undefined) {
        value += simple[n];
        i += 2;
        continue;
      }
      const hex = /^x([0-9A-Fa-f]{1,2})/.exec(text.slice(i + 1, i + 4));
      if (hex) {
        value += String.fromCharCode(parseInt(hex[1] as string, 16));
        i += 1 + hex[0].length;
        continue;
      }
      const uni = /^u([0-9A-Fa-f]{1,4})/.exec(text.slice(i + 1, i + 6));
      if (uni) {
        value += String.fromCharCode(parseInt(uni[1] as string, 16));
        i += 1 + uni[0].length;
        continue;
      }
      value += '\\' + n;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw new Error("a $'…' quote is never closed");
}

/** Quotes a word for POSIX shells: bare when safe, else single quotes with `'\''` for quotes inside. */
export function quoteShellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
