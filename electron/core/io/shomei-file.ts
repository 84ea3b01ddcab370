import {
  CollectionSchema,
  withoutProxyCredentials,
  type Collection,
  type SavedAuth,
} from '../../../shared/contract/collections';
import { authExportNotes } from '../auth/registry';
import { walkItems } from '../collections/tree';
import {
  createImportContext,
  importFailed,
  parseJsonOrFail,
  type CollectionImport,
  type ExportNote,
  type ExportResult,
  type ImportOptions,
} from './io-types';
import { stableStringify } from './stable-json';

/** The `format` marker of Shomei collection files. */
export const SHOMEI_COLLECTION_FORMAT = 'shomei.collection';

/** The version of the collection file format this code writes (see README, "Collection file format"). */
export const SHOMEI_COLLECTION_FILE_VERSION = 1;

/**
 * Writes a collection as a Shomei collection file: `{ format, formatVersion, collection }` with
 * keys sorted at every level. Secret variables are written with empty values, a proxy without its
 * user name and password, and auth names its credential source only, so the file never holds a
 * secret; the notes list the credential profiles the receiver must set up. Requests keep their
 * send options.
 */
export function exportShomeiCollection(collection: Collection): ExportResult {
  const copy = structuredClone(collection);
  const notes: ExportNote[] = [];
  // Security: secret values never leave the vault, nor a proxy's password this machine, whatever the in-memory copy holds.
  copy.settings.variables = copy.settings.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
  walkItems(copy.items, (item) => {
    if (item.kind === 'folder')
      item.settings.variables = item.settings.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
    else if (item.options?.proxyUrl !== undefined)
      item.options.proxyUrl = withoutProxyCredentials(item.options.proxyUrl);
  });
  notes.push(...credentialNotes(copy));
  const text = stableStringify({
    format: SHOMEI_COLLECTION_FORMAT,
    formatVersion: SHOMEI_COLLECTION_FILE_VERSION,
    collection: copy,
  });
  return { fileName: `${safeFileName(collection.name)}.shomei.json`, text, notes };
}

/** Reads a Shomei collection file; throws `IMPORT_FAILED` on anything it cannot read. Ids are kept (the service renews taken ones). */
export function importShomeiCollection(text: string, options: ImportOptions = {}): CollectionImport {
  const context = createImportContext(options);
  const parsed = parseJsonOrFail(text, 'Shomei collection file');
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { format?: unknown }).format !== SHOMEI_COLLECTION_FORMAT
  ) {
    importFailed('Shomei collection file', `the "format" field is not "${SHOMEI_COLLECTION_FORMAT}"`);
  }
  const file = parsed as { formatVersion?: unknown; collection?: unknown };
  if (typeof file.formatVersion !== 'number' || file.formatVersion > SHOMEI_COLLECTION_FILE_VERSION) {
    importFailed(
      'Shomei collection file',
      `format version ${String(file.formatVersion)} is not one this Shomei reads (up to ${SHOMEI_COLLECTION_FILE_VERSION})`,
    );
  }
  const checked = CollectionSchema.safeParse(file.collection);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    importFailed('Shomei collection file', `collection.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const collection = checked.data;
  walkItems(collection.items, (item) => {
    if (item.kind === 'request') context.imported += 1;
  });
  return { collection, report: { imported: context.imported, dropped: context.dropped } };
}

/** One note per credential source the collection signs with: what the receiver must set up. */
export function credentialNotes(collection: Collection): ExportNote[] {
  const seen = new Map<string, ExportNote>();
  const visit = (auth: SavedAuth, path: string): void => {
    for (const message of authExportNotes(auth)) if (!seen.has(message)) seen.set(message, { path, message });
  };
  visit(collection.settings.auth, collection.name);
  walkItems(collection.items, (item, ancestors) => {
    const path = [collection.name, ...ancestors.map((a) => a.name), item.name].join(' / ');
    visit(item.kind === 'request' ? item.auth : item.settings.auth, path);
  });
  return [...seen.values()];
}

/** A file name from a collection name: letters, digits, dashes. */
export function safeFileName(name: string): string {
  return (
    name
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'collection'
  );
}
