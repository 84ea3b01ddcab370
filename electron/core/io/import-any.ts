import { isShomeiError, ShomeiError } from '../../../shared/errors';
import type { ImportFormat } from '../../../shared/contract/collections-channels';
import { importBruFile, importBrunoFolder, looksLikeBru, type BrunoFile } from './bruno';
import { importCurlScript } from './curl-script';
import { importHar, isHarRequest } from './har';
import { importInsomnia } from './insomnia';
import { handOverParsedJson, type CollectionImport, type EnvironmentImport, type ImportOptions } from './io-types';
import { importOpenApi } from './openapi';
import { importPostmanCollection, importPostmanEnvironment } from './postman';
import { importShomeiCollection, SHOMEI_COLLECTION_FORMAT } from './shomei-file';

export { ImportFormatSchema, type ImportFormat } from '../../../shared/contract/collections-channels';

/** What an import produced: a collection (maybe with environments), or an environment alone. */
export type AnyImport =
  | ({ kind: 'collection'; format: ImportFormat } & CollectionImport)
  | ({ kind: 'environment'; format: ImportFormat } & EnvironmentImport);

/** Guesses the format of pasted or opened text; undefined when it looks like none of them. */
export function detectImportFormat(text: string): ImportFormat | undefined {
  return detect(text).format;
}

/** The detected format, and the JSON value when the text was JSON (so it is parsed once). */
function detect(text: string): { format: ImportFormat | undefined; json?: unknown } {
  const trimmed = text.trim();
  if (/^(\$\s+)?curl(\.exe)?\s/i.test(trimmed)) return { format: 'curl' };
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { format: undefined };
    }
    return { format: jsonFormat(json), json };
  }
  return { format: textFormat(trimmed) };
}

function jsonFormat(json: unknown): ImportFormat | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (o.format === SHOMEI_COLLECTION_FORMAT) return 'shomei';
  if (o._type === 'export') return 'insomnia';
  if (typeof o.log === 'object' && o.log !== null && Array.isArray((o.log as { entries?: unknown }).entries))
    return 'har';
  if (isHarRequest(o) || isHarRequest(o.request)) return 'har';
  if (typeof o.openapi === 'string' || typeof o.swagger === 'string') return 'openapi';
  if (typeof o.info === 'object' && o.info !== null && 'item' in o) return 'postman';
  if (Array.isArray(o.values) && ('_postman_variable_scope' in o || 'name' in o)) return 'postman-environment';
  if (Array.isArray(o.requests)) return 'postman';
  return undefined;
}

function textFormat(trimmed: string): ImportFormat | undefined {
  if (looksLikeBru(trimmed)) return 'bruno';
  if (/^['"]?(openapi|swagger)['"]?\s*:/m.test(trimmed)) return 'openapi';
  if (/^_type:\s*['"]?export\b/m.test(trimmed)) return 'insomnia';
  if (/^type:\s*['"]?(collection|spec|environment)\.insomnia\.rest\/5\./m.test(trimmed)) return 'insomnia';
  // A shell script: a shebang, comments and assignments before its curl commands.
  if (/^[ \t]*(\$\s+)?curl(\.exe)?\s/im.test(trimmed)) return 'curl';
  return undefined;
}

/**
 * Imports text in the given format, or the detected one. Throws `IMPORT_FAILED` with a message
 * that names the formats when the text is none of them; nothing is changed by a failed import.
 */
export function importAny(text: string, format?: ImportFormat, options: ImportOptions = {}): AnyImport {
  assertImportSize(text);
  try {
    if (format !== undefined) return importChosen(text, format, options);
    const detected = detect(text);
    if (detected.json !== undefined) handOverParsedJson(text, detected.json);
    return importChosen(text, detected.format, options);
  } catch (error) {
    if (isShomeiError(error)) throw error;
    // An importer met a shape it did not expect: still a clear, user-facing failure.
    throw new ShomeiError(
      'IMPORT_FAILED',
      `This ${format ?? 'file'} could not be read (${error instanceof Error ? error.message.slice(0, 200) : 'unexpected content'}). Nothing was imported.`,
    );
  } finally {
    handOverParsedJson(undefined);
  }
}

/** More requests than this in one import is refused up front (the collections are built for 10,000). */
export const MAX_IMPORT_REQUESTS = 20_000;

/**
 * Counts the requests a Postman, Insomnia or Shomei file declares, in one linear pass over the
 * text (no parsing), and refuses a file that declares too many before any importer works on it:
 * a hostile or accidental 100,000-request file fails fast instead of holding the app for seconds.
 */
function assertImportSize(text: string): void {
  const pattern = /"request"\s*:|"_type"\s*:\s*"request"|"kind"\s*:\s*"request"/g;
  let count = 0;
  while (pattern.exec(text) !== null) {
    count += 1;
    if (count > MAX_IMPORT_REQUESTS) {
      throw new ShomeiError(
        'IMPORT_FAILED',
        `This file holds more than ${MAX_IMPORT_REQUESTS.toLocaleString('en-US')} requests; Shomei imports at most that many at once. Split it into smaller collections. Nothing was imported.`,
      );
    }
  }
}

function importChosen(text: string, chosen: ImportFormat | undefined, options: ImportOptions): AnyImport {
  switch (chosen) {
    case 'shomei':
      return { kind: 'collection', format: chosen, ...importShomeiCollection(text, options) };
    case 'postman':
      return { kind: 'collection', format: chosen, ...importPostmanCollection(text, options) };
    case 'postman-environment':
      return { kind: 'environment', format: chosen, ...importPostmanEnvironment(text, options) };
    case 'insomnia':
      return { kind: 'collection', format: chosen, ...importInsomnia(text, options) };
    case 'curl':
      return { kind: 'collection', format: chosen, ...importCurlScript(text, options) };
    case 'har':
      return { kind: 'collection', format: chosen, ...importHar(text, options) };
    case 'bruno':
      return { kind: 'collection', format: chosen, ...importBruFile(text, options) };
    case 'openapi':
      return { kind: 'collection', format: chosen, ...importOpenApi(text, options) };
    case undefined:
      throw new ShomeiError(
        'IMPORT_FAILED',
        'This does not look like a Shomei collection, a Postman collection or environment, an Insomnia export, an OpenAPI or Swagger document, a HAR file, or a curl command or script. Nothing was imported.',
      );
  }
}

/**
 * Imports a collection kept as a folder of files (a Bruno collection: `bruno.json` and `.bru`
 * files), given as paths relative to the folder with their text. The same failures as `importAny`.
 */
export function importAnyFolder(files: BrunoFile[], options: ImportOptions = {}): AnyImport {
  try {
    return { kind: 'collection', format: 'bruno', ...importBrunoFolder(files, options) };
  } catch (error) {
    if (isShomeiError(error)) throw error;
    throw new ShomeiError(
      'IMPORT_FAILED',
      `This Bruno folder could not be read (${error instanceof Error ? error.message.slice(0, 200) : 'unexpected content'}). Nothing was imported.`,
    );
  }
}
