// Bruno's own parser (`@usebruno/lang`), loaded once by whichever Bruno file is read first, and the
// readers the importer calls it through.
import type lang from '@usebruno/lang';
import { lazyRequire } from '../lazy-require';
import {
  cutTextBlocks,
  FOLDER_BLOCKS,
  REQUEST_BLOCKS,
  restoreTextBlocks,
  type BruGrammarBlocks,
} from './bruno-text-blocks';

/**
 * Bruno's parser, loaded at the first Bruno file read: building its grammars at load takes longer
 * than importing most files does, so no other import (nor the app's start) pays for it.
 */
export const brunoLang = lazyRequire<typeof lang>('@usebruno/lang');

/**
 * Reads a request `.bru` file as `bruToJsonV2` does, with the same result and the same errors,
 * but without the grammar matching the content of its text blocks (bodies, scripts, tests, docs)
 * character by character: that content is cut out first and put back after
 * (`bruno-text-blocks.ts`; usebruno/bruno#2416). Throws on text the parser cannot read.
 */
export function parseBruRequest(text: string): Record<string, unknown> {
  return parseWithTextBlocksCut(text, REQUEST_BLOCKS, (t) => brunoLang().bruToJsonV2(t));
}

/** Reads a `collection.bru` or `folder.bru` file as `collectionBruToJson` does, its text blocks cut out the same way. */
export function parseBruFolderSettings(text: string): Record<string, unknown> {
  return parseWithTextBlocksCut(text, FOLDER_BLOCKS, (t) => brunoLang().collectionBruToJson(t));
}

function parseWithTextBlocksCut(
  text: string,
  blocks: BruGrammarBlocks,
  parse: (text: string) => Record<string, unknown>,
): Record<string, unknown> {
  const cut = cutTextBlocks(text, blocks);
  if (cut) {
    try {
      const parsed = parse(cut.text);
      if (restoreTextBlocks(parsed, cut.contents, (content) => brunoLang().outdentString(content))) return parsed;
    } catch {
      // The whole text below gives the parser's own error.
    }
  }
  return parse(text);
}
