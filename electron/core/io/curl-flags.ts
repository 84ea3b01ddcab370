import { ShomeiError } from '../../../shared/errors';

/** One curl command's words, read into long options (with their values) and bare URLs. */
export interface CurlWords {
  /** `[--long-name, value]` in order; short flags are written as their long names. */
  options: Array<[string, string | undefined]>;
  urls: string[];
}

/** Long options that take a value, and the short letters that take one. */
const VALUE_OPTIONS = new Set([
  '--request',
  '--header',
  '--data',
  '--data-ascii',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '--form',
  '--form-string',
  '--user',
  '--aws-sigv4',
  '--url',
  '--url-query',
  '--user-agent',
  '--referer',
  '--cookie',
  '--upload-file',
  '--output',
  '--connect-timeout',
  '--max-time',
  '--proxy',
  '--noproxy',
  '--cacert',
  '--capath',
  '--proxy-cacert',
  '--pass',
  '--cert',
  '--key',
  '--resolve',
  '--connect-to',
  '--max-redirs',
  '--retry',
  '--write-out',
  '--config',
  '--oauth2-bearer',
  '--proxy-user',
  '--interface',
  '--limit-rate',
  '--range',
  '--cookie-jar',
  '--dump-header',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--variable',
]);
const SHORT_WITH_VALUE = new Set([
  'X',
  'H',
  'd',
  'F',
  'u',
  'A',
  'e',
  'b',
  'T',
  'o',
  'm',
  'x',
  'r',
  'E',
  'K',
  'c',
  'D',
  'w',
  'U',
  'Y',
  'y',
  'z',
  'C',
  'P',
  'Q',
  't',
]);
const SHORT_LONG: Record<string, string> = {
  X: '--request',
  H: '--header',
  d: '--data',
  F: '--form',
  u: '--user',
  A: '--user-agent',
  e: '--referer',
  b: '--cookie',
  T: '--upload-file',
  o: '--output',
  m: '--max-time',
  x: '--proxy',
  G: '--get',
  I: '--head',
  k: '--insecure',
  L: '--location',
  s: '--silent',
  S: '--show-error',
  v: '--verbose',
  i: '--include',
  f: '--fail',
  K: '--config',
  w: '--write-out',
  U: '--proxy-user',
};
/** Flags that change nothing Shomei saves. */
export const IGNORED_FLAGS = new Set([
  '--silent',
  '--show-error',
  '--verbose',
  '--include',
  '--fail',
  '--fail-with-body',
  '--compressed',
  '--no-buffer',
  '--globoff',
  '--http1.1',
  '--http2',
  '--http1.0',
  '--progress-bar',
  '--no-progress-meter',
  '--path-as-is',
  '--tlsv1.2',
  '--tlsv1.3',
  '--ipv4',
  '--ipv6',
  '--output',
  '--connect-timeout',
  '--retry',
  '--write-out',
  '--dump-header',
  '--stderr',
  '--trace',
  '--trace-ascii',
  '--limit-rate',
  '--remote-name',
  '--remote-header-name',
]);

/**
 * Splits one curl command's arguments (after `curl`) into options and URLs: short flags may be
 * combined (`-sSL`) and the last may carry its value (`-XPOST`); `--` ends the options. Throws
 * `IMPORT_FAILED` when an option that needs a value comes last.
 */
export function readCurlWords(args: readonly string[], format: string): CurlWords {
  const options: Array<[string, string | undefined]> = [];
  const urls: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const takeValue = (name: string): string => {
      const value = args[i + 1];
      if (value === undefined)
        throw new ShomeiError(
          'IMPORT_FAILED',
          `This is not a valid ${format}: ${name} needs a value. Nothing was imported.`,
        );
      i += 1;
      return value;
    };
    if (arg === '--') {
      urls.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      options.push([arg, VALUE_OPTIONS.has(arg) ? takeValue(arg) : undefined]);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Short flags may be combined (`-sSL`) and the last may carry its value (`-XPOST`, `-H'A: b'`).
      for (let k = 1; k < arg.length; k += 1) {
        const letter = arg[k] as string;
        const long = SHORT_LONG[letter] ?? `-${letter}`;
        if (SHORT_WITH_VALUE.has(letter)) {
          const rest = arg.slice(k + 1);
          options.push([long, rest !== '' ? rest : takeValue(`-${letter}`)]);
          break;
        }
        options.push([long, undefined]);
      }
      continue;
    }
    urls.push(arg);
  }

  return { options, urls };
}
