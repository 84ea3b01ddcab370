import {
  CollectionSchema,
  withoutProxyCredentials,
  type Collection,
  type SavedAuth,
} from '../../../shared/contract/collections';
import { authExportNotes } from '../auth/registry';
import { dropVaultRefs } from '../auth/vault-refs';
import { walkItems } from '../collections/tree';
import { summarizeTrust } from '../collections/trust-summary';
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
  // Security: an auth field's vault id names this machine's value; the file keeps the field empty.
  const copy = structuredClone(collection);
  dropVaultRefs(copy);
  const notes: ExportNote[] = [];
  // Security: secret values never leave the vault, nor a proxy's password this machine, whatever the in-memory copy holds.
  copy.settings.variables = copy.settings.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
  walkItems(copy.items, (item) => {
    if (item.kind === 'folder')
      item.settings.variables = item.settings.variables.map((v) => (v.isSecret ? { ...v, value: '' } : v));
    else if (item.options?.proxyUrl !== undefined)
      item.options.proxyUrl = withoutProxyCredentials(item.options.proxyUrl);
  });
  // The credential notes read the auth as saved: "set the bearer token…" is said of a field whose vault id was left out.
  notes.push(...credentialNotes(collection), ...leftOutNotes(copy));
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

/**
 * What an export leaves out, said plainly: secret variables' values (they stay in this machine's
 * vault), the local files its bodies read (never embedded), and this machine's trust — the
 * receiver's Shomei treats the collection as untrusted until they trust it.
 */
export function leftOutNotes(collection: Collection): ExportNote[] {
  const notes: ExportNote[] = [];
  const secretsOf = (variables: Collection['settings']['variables'], path: string) => {
    const names = variables.filter((v) => v.isSecret).map((v) => `{{${v.name}}}`);
    if (names.length > 0) {
      notes.push({
        path,
        message: `Secret ${names.length === 1 ? 'variable' : 'variables'} ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} exported without a value (it stays in this machine's vault): the receiver sets ${names.length === 1 ? 'it' : 'them'} in their own Shomei`,
      });
    }
  };
  secretsOf(collection.settings.variables, collection.name);
  walkItems(collection.items, (item, ancestors) => {
    if (item.kind === 'folder')
      secretsOf(item.settings.variables, [collection.name, ...ancestors.map((a) => a.name), item.name].join(' / '));
  });
  const trust = summarizeTrust(collection, false);
  for (const file of trust.files) {
    notes.push({
      path: collection.name,
      message: `The local file ${file} is not in the export: the receiver needs their own copy in their working directory`,
    });
  }
  const asks = [
    ...(trust.files.length > 0 ? ['read local files'] : []),
    ...(trust.credentialSources.length > 0 ? ['sign with their credentials'] : []),
    ...(trust.connectTo.length > 0 ? ['use connect-to addresses'] : []),
    ...(trust.hostHeaders.length > 0 ? ['sign for Host overrides'] : []),
  ];
  if (asks.length > 0) {
    notes.push({
      path: collection.name,
      message: `Trust is not exported: the receiver's Shomei lets it ${asks.join(', ')} only after they trust it`,
    });
  }
  return notes;
}

/**
 * One note per Shomei credential profile the collection signs with, named as this machine knows
 * it: the file references a profile by id only and never holds its keys.
 */
export function profileNotes(collection: Collection, profileName: (id: string) => string | undefined): ExportNote[] {
  const ids = new Set<string>();
  const visit = (auth: SavedAuth): void => {
    if (auth.type === 'aws-sigv4' && auth.credentialSource.source === 'profile')
      ids.add(auth.credentialSource.profileId);
  };
  visit(collection.settings.auth);
  walkItems(collection.items, (item) => visit(item.kind === 'request' ? item.auth : item.settings.auth));
  return [...ids].map((id) => {
    const name = profileName(id);
    return {
      path: collection.name,
      message: `${name === undefined ? 'A credential profile' : `The credential profile "${name}"`} is referenced by its id ${id} only; its keys are not exported: the receiver makes a profile of their own and chooses it`,
    };
  });
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
