import { withoutProxyCredentials, type Collection, type SavedAuth, type SavedBody } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import type { TrustSummary } from '../../../shared/contract/trust';
import { BUILT_IN_VARIABLES } from '../variables/read-variables';
import { listReferences } from '../variables/substitute';
import { walkItems } from './tree';

/**
 * What trusting a collection would allow, read from the collection as saved (`{{variables}}` as
 * written): the hosts its requests send to, the local files its bodies read, the credential
 * sources it names, where bytes would go other than the URL's host (connect-to, `Host`), and the
 * variables it takes from the user's environment (referenced, not defined by the collection), and
 * how its requests change the connection (certificate checks off, its own CAs, a proxy).
 */
export function summarizeTrust(collection: Collection, isTrusted: boolean): TrustSummary {
  const hosts = new Set<string>();
  const files = new Set<string>();
  const sources = new Set<string>();
  const connectTo = new Set<string>();
  const hostHeaders = new Set<string>();
  const referenced = new Set<string>();
  const connections = new Set<string>();
  const defined = new Set<string>();
  const readTexts = (...parts: unknown[]): void => {
    for (const name of listReferences(JSON.stringify(parts))) referenced.add(name);
  };
  const readSettings = (settings: Collection['settings']): void => {
    for (const variable of settings.variables) defined.add(variable.name);
    readTexts(
      settings.headers,
      settings.auth,
      settings.variables.map((v) => v.value),
    );
    readAuth(settings.auth);
    readHeaders(settings.headers);
  };
  const readAuth = (auth: SavedAuth): void => {
    // Every kind of credential, not only AWS keys: each is the user's, sent where the file says.
    if ('apiKey' in auth && auth.apiKey) sources.add('an API key');
    if (auth.type === 'api-key') sources.add('an API key');
    if (auth.type === 'bearer') sources.add('a bearer token');
    if (auth.type === 'basic') sources.add('a user name and password (Basic)');
    if (auth.type === 'cognito-user-pool') sources.add(`a Cognito user pool sign-in (${auth.userPoolId})`);
    if (auth.type === 'oauth2' && auth.tokenUrl.trim() !== '') {
      sources.add(`OAuth 2.0 client credentials, sent to ${hostOf(auth.tokenUrl)}`);
      hosts.add(hostOf(auth.tokenUrl));
    }
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
  readSettings(collection.settings);
  walkItems(collection.items, (item) => {
    if (item.kind === 'folder') return readSettings(item.settings);
    readTexts(item.url, item.params, item.headers, item.body, item.auth);
    hosts.add(hostOf(item.url));
    readAuth(item.auth);
    readHeaders(item.headers);
    readBody(item.body);
    if (item.options?.connectTo) connectTo.add(item.options.connectTo);
    // Security: the file, not the user, would choose these for a signed request: the banner says so.
    const host = hostOf(item.url);
    if (item.options?.isTlsVerified === false) connections.add(`certificate checks off for ${host}`);
    if (item.options?.caBundlePem) connections.add(`certificate authorities of its own for ${host}`);
    if (item.options?.proxyUrl)
      connections.add(`the proxy ${withoutProxyCredentials(item.options.proxyUrl).slice(0, 300)} for ${host}`);
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
    connections: [...connections].sort(),
    environmentVariables: [...referenced].filter((name) => !defined.has(name) && !BUILT_IN_VARIABLES.has(name)).sort(),
  };
}

/** `https://host:port/path` (or `wss://`…) → `host:port`; a URL that starts with a variable is shown up to its path. */
function hostOf(url: string): string {
  // Any scheme: a WebSocket request's `ws://attacker` must list `attacker`, not `ws:`.
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]+)/i.exec(url.trim());
  return (match?.[1] ?? url).slice(0, 300);
}
