/**
 * The trust checks a draft meets before anything is planned, signed or sent: what a request of an
 * imported collection not trusted yet may not do (read files, connect-to, a `Host` override, send
 * credentials, rewrite the environment), and which credentials a send signs with.
 */
import type { RequestDraft } from '../../../shared/contract/collections';
import type { CredentialSource } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { Refusal } from '../auth/auth-type';
import type { ResolvedAuth } from '../auth/registry';
import type { CollectionsService, RequestContext } from './collections-service';
import type { DraftSend } from './draft-sender';

/** The credentials a draft would sign with: none (not signed), or a source and whether it is the app-wide default. */
export type ChosenCredentials =
  { kind: 'unsigned' } | { kind: 'source'; source: CredentialSource; isAppDefault: boolean };

/** Which collections are trusted. */
type TrustedCollections = Pick<CollectionsService, 'isTrusted'>;

/**
 * Security: a request of a collection that was imported and not trusted yet reads no local
 * file, uses no connect-to, no `Host` override and no credentials (AWS keys, a bearer token,
 * basic auth, an API key). Checked here, in main, for sending, presigning, the inspector and
 * the identity line alike, before any file is opened or any key resolved.
 */
export function assertTrusted(
  collections: TrustedCollections,
  request: RequestDraft,
  auth: ResolvedAuth,
  input: Pick<DraftSend, 'options'>,
  saved: RequestContext | undefined,
  refusal: Refusal,
): void {
  if (!saved || collections.isTrusted(saved.collection.id)) return;
  const asks: string[] = [];
  if (request.body.kind === 'binary') asks.push(`read the local file ${request.body.filePath.slice(0, 300)}`);
  if (request.body.kind === 'multipart') {
    for (const part of request.body.parts)
      if (part.kind === 'file') asks.push(`read the local file ${part.filePath.slice(0, 300)}`);
  }
  if (input.options?.connectTo)
    asks.push(`connect to ${input.options.connectTo.slice(0, 300)} instead of the URL's host`);
  if (auth.type !== 'none' || auth.apiKey) {
    const host = request.headers.find((row) => row.name.toLowerCase() === 'host');
    if (host) asks.push(`sign for the Host ${host.value.slice(0, 300)}`);
    asks.push(auth.type === 'aws-sigv4' ? 'sign with your AWS credentials' : 'send your credentials');
  }
  if (asks.length === 0) return;
  throw new ShomeiError(
    'UNTRUSTED',
    `${refusal}: the collection "${saved.collection.name}" was imported and is not trusted yet, and this request would ${asks.join(', ')}. Review what it does in the banner above the request, and trust the collection to allow it.`,
    { collectionId: saved.collection.id },
  );
}

/**
 * Refuses handing out the auth of a request whose collection is not trusted yet, unless it sends
 * nothing (`none`): the step before a send (a Cognito sign-in) would send the credentials.
 */
export function assertAuthTrusted(
  collections: TrustedCollections,
  resolved: ResolvedAuth,
  saved: RequestContext | undefined,
  refusal: string,
): void {
  if (saved && resolved.type !== 'none' && !collections.isTrusted(saved.collection.id)) {
    throw new ShomeiError(
      'UNTRUSTED',
      `${refusal}: the collection "${saved.collection.name}" was imported and is not trusted yet, and this would send your credentials. Review what it does in the banner above the request, and trust the collection to allow it.`,
      { collectionId: saved.collection.id },
    );
  }
}

/**
 * Why a send's captured values are not stored in the user's environment, or undefined when they
 * may be.
 */
export function capturesUnstoredBecause(
  collections: TrustedCollections,
  saved: RequestContext | undefined,
): string | undefined {
  // Security: an untrusted collection's answers must not rewrite the user's environment (a
  // captured {{baseUrl}} would point the user's own signed requests at the file's host).
  return saved && !collections.isTrusted(saved.collection.id)
    ? `the collection "${saved.collection.name}" is not trusted yet, so its answers do not change your environment`
    : undefined;
}

/**
 * Security: the keys a send uses are the ones the user chose — typed keys, the request's,
 * folder's or collection's source, or the app-wide default once turned on. Nothing chosen is
 * refused with what to choose; empty typed keys never fall through to another source.
 */
export function chooseCredentials(
  auth: ResolvedAuth,
  input: Pick<DraftSend, 'credentials' | 'usesTypedKeys'>,
  refusal: string,
  defaultCredentialSource: (() => CredentialSource | null) | undefined,
): ChosenCredentials {
  if (auth.type !== 'aws-sigv4') return { kind: 'unsigned' };
  if (input.credentials) return { kind: 'source', source: input.credentials, isAppDefault: false };
  if (input.usesTypedKeys) {
    throw new ShomeiError(
      'CREDENTIALS_MISSING',
      `${refusal}: the Auth tab says "Keys typed or pasted here" but the access key ID and secret are empty. Paste or type the keys, or choose a saved credential profile, an AWS profile, environment variables or the default chain.`,
      { missing: 'typed-keys' },
    );
  }
  if (auth.credentialSource) return { kind: 'source', source: auth.credentialSource, isAppDefault: false };
  const fallback = defaultCredentialSource?.() ?? null;
  if (fallback) return { kind: 'source', source: fallback, isAppDefault: true };
  throw new ShomeiError(
    'CREDENTIALS_MISSING',
    `${refusal}: no credentials are chosen for this request. Its Auth tab says "inherit" and neither its folders nor its collection choose a source. Choose a saved credential profile, an AWS profile, environment variables or the default chain in the Auth tab or the collection's settings, or turn on an app-wide default in Credentials.`,
    { missing: 'credential-source' },
  );
}
