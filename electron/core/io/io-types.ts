import type { Collection, DroppedItem, Environment, ImportReport } from '../../../shared/contract/collections';
import { ShomeiError } from '../../../shared/errors';
import { newEntityId } from '../collections/new-id';

/** What an importer built, and the report of what it kept and dropped. */
export interface CollectionImport {
  collection: Collection;
  /** Environments found in the same file (Insomnia exports carry them). */
  environments?: EnvironmentImport[] | undefined;
  report: ImportReport;
}

/** An imported environment; `secretValues` (by variable id) go to the secret store, never to a file. */
export interface EnvironmentImport {
  environment: Environment;
  secretValues: Record<string, string>;
  report: ImportReport;
}

/** Options every importer takes. */
export interface ImportOptions {
  newId?: () => string;
  /** Name for the collection when the source has none (e.g. a curl command). */
  name?: string;
}

/** What an exporter wrote, and what the receiver must set up (credential profiles) or will miss. */
export interface ExportResult {
  fileName: string;
  text: string;
  notes: ExportNote[];
}

/** One thing an export could not carry, or that the receiver has to set up. */
export interface ExportNote {
  path: string;
  message: string;
}

/** The reason given whenever credentials are found in an import or needed by an export. */
export const SET_UP_PROFILE = 'secrets are never stored in collections: set up a credential profile instead';

/** Collects the report while an importer walks its input. */
export interface ImportContext {
  newId: () => string;
  dropped: DroppedItem[];
  imported: number;
  drop(path: string, what: string, why: string): void;
}

/** Starts an import's bookkeeping. */
export function createImportContext(options: ImportOptions = {}): ImportContext {
  const context: ImportContext = {
    newId: options.newId ?? newEntityId,
    dropped: [],
    imported: 0,
    drop(path, what, why) {
      context.dropped.push({ path, what, why });
    },
  };
  return context;
}

/** Throws the one error every importer uses for input it cannot read; nothing has been changed. */
export function importFailed(format: string, why: string): never {
  throw new ShomeiError('IMPORT_FAILED', `This is not a valid ${format}: ${why}. Nothing was imported.`);
}

let handedOver: { text: string; value: unknown } | undefined;

/**
 * Lets the importer that runs next take the JSON value `importAny` already parsed to detect the
 * format, so a file is parsed once. Taken once (an importer may change what it reads), and only
 * for the very same text; `undefined` clears it.
 */
export function handOverParsedJson(text: string | undefined, value?: unknown): void {
  handedOver = text === undefined ? undefined : { text, value };
}

/** The value handed over for exactly this text, once; otherwise undefined. */
export function takeParsedJson(text: string): unknown {
  const taken = handedOver?.text === text ? handedOver.value : undefined;
  handedOver = undefined;
  return taken;
}

/** Parses JSON or fails the import with a clear message. */
export function parseJsonOrFail(text: string, format: string): unknown {
  const parsed = takeParsedJson(text);
  if (parsed !== undefined) return parsed;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return importFailed(format, `the JSON cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** True for a value that looks like a literal credential rather than empty or a `{{variable}}`. */
export function isLiteralSecret(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !/^\{\{[^{}]+\}\}$/.test(value.trim());
}

/** Header names that carry credentials or are computed at signing time; never imported. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'x-amz-security-token', 'proxy-authorization']);
/** Headers the signer computes for each send; imported values would be stale. */
export const SIGNING_HEADERS = new Set(['x-amz-date', 'x-amz-content-sha256']);

/**
 * True when an imported header must not be kept, after reporting why: a credential header with a
 * literal value (a `{{variable}}` is kept) or a header the signer computes at every send.
 */
export function dropsImportedHeader(context: ImportContext, where: string, name: string, value: unknown): boolean {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower) && isLiteralSecret(value)) {
    context.drop(`${where} › header ${name}`, 'header value', SET_UP_PROFILE);
    return true;
  }
  if (SIGNING_HEADERS.has(lower)) {
    context.drop(`${where} › header ${name}`, 'header', 'it is computed again at every send');
    return true;
  }
  return false;
}

/** Names of variables that hold AWS credentials (dropped from imports). */
export function isCredentialVariableName(name: string): boolean {
  return /^(aws_?)?(access_?key(_?id)?|secret(_?access)?_?key|session_?token|security_?token)$/i.test(
    name.replace(/[-\s]/g, '_'),
  );
}
