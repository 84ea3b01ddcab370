import type { Collection, SavedAuth, SavedBody } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import type { TrustSummary } from '../../../shared/contract/trust';
import { walkItems } from './tree';

/**
 * What trusting a collection would allow, read from the collection as saved (`{{variables}}` as
 * written): the hosts its requests send to, the local files its bodies read, the credential
 * sources it names, and where bytes would go other than the URL's host (connect-to, `Host`).
 */
export function summarizeTrust(collection: Collection, isTrusted: boolean): TrustSummary {
  const hosts = new Set<string>();
  const files = new Set<string>();
  const sources = new Set<string>();
  const connectTo = new Set<string>();
  const hostHeaders = new Set<string>();
  const readAuth = (auth: SavedAuth): void => {
    if (auth.type !== 'aws-sigv4') return;
    const ref = auth.credentialSource;
    if (ref.source === 'profile') sources.add(`Shomei credential profile ${ref.profileId}`);
    else if (ref.source === 'aws-profile') sources.add(`~/.aws profile ${ref.profile}`);
    else if (ref.source === 'env') sources.add('environment variables');
    else if (ref.source === 'default-chain') sources.add('the default credential chain');
  };
  const readHeaders = (rows: readonly KeyValueRow[]): void => {
    for (const row of rows) if (row.isEnabled && row.name.trim().toLowerCase() === 'host') hostHeaders.add(row.value);
  };
  const readBody = (body: SavedBody): void => {
    if (body.kind === 'binary' && body.filePath.trim() !== '') files.add(body.filePath);
    if (body.kind === 'multipart')
      for (const part of body.parts) if (part.kind === 'file' && part.isEnabled) files.add(part.filePath);
  };
  readAuth(collection.settings.auth);
  readHeaders(collection.settings.headers);
  walkItems(collection.items, (item) => {
    if (item.kind === 'folder') {
      readAuth(item.settings.auth);
      readHeaders(item.settings.headers);
      return;
    }
    hosts.add(hostOf(item.url));
    readAuth(item.auth);
    readHeaders(item.headers);
    readBody(item.body);
    if (item.options?.connectTo) connectTo.add(item.options.connectTo);
  });
  return {
    collectionId: collection.id,
    collectionName: collection.name,
    isTrusted,
    hosts: [...hosts].sort(),
    files: [...files].sort(),
    credentialSources: [...sources].sort(),
    connectTo: [...connectTo].sort(),
    hostHeaders: [...hostHeaders].sort(),
  };
}

/** `https://host:port/path` → `host:port`; a URL that starts with a variable is shown up to its path. */
function hostOf(url: string): string {
  const match = /^(?:https?:\/\/)?([^/?#]+)/i.exec(url.trim());
  return (match?.[1] ?? url).slice(0, 300);
}
