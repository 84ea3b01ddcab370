import { composeGraphqlBody } from '../../../shared/graphql/graphql-body';
import type { CodeAuth, CodeRequest } from '../../../shared/codegen/generate-code';
import { defaultSavedAuth, type SavedAuth } from '../../../shared/contract/auth';
import type { Collection, CollectionItem, Folder } from '../../../shared/contract/collections';
import type { CredentialProfileSummary } from '../../../shared/contract/credentials';
import { textBodyOf } from '../../../shared/encoding/body-encoding';
import { sendOptionsOf, type EditorDraft } from '../request/request-draft';

const LANGUAGES = { json: 'json', xml: 'xml', text: 'raw' } as const;

/** The body as text for generated code, encoded as Send encodes it; undefined with a reason for bodies that are files. */
export function bodyOf(draft: EditorDraft): { body?: string; contentType?: string; note?: string } {
  switch (draft.bodyKind) {
    case 'none':
      return {};
    case 'json':
    case 'xml':
    case 'text': {
      const { text, contentType } = textBodyOf({
        kind: 'text',
        language: LANGUAGES[draft.bodyKind],
        text: draft.bodyText,
      });
      return { body: text, contentType };
    }
    case 'graphql': {
      const composed = composeGraphqlBody(draft.graphql);
      if (!composed.ok) return { note: composed.message };
      const { text, contentType } = textBodyOf({ kind: 'text', language: 'graphql', text: composed.text });
      return { body: text, contentType };
    }
    case 'form': {
      const { text, contentType } = textBodyOf({ kind: 'form-urlencoded', rows: draft.formRows });
      return { body: text, contentType };
    }
    default:
      return {
        note: 'File and multipart bodies are left out of generated code: add them with your tool of choice (the signature then covers them at run time).',
      };
  }
}

/** An auth other than SigV4 as code is written for it: only what is not secret. */
export function codeAuthOfSaved(saved: SavedAuth): { auth?: CodeAuth; note?: string } {
  switch (saved.type) {
    case 'bearer':
      return { auth: { type: 'bearer', prefix: saved.prefix } };
    case 'basic':
      return { auth: { type: 'basic', username: saved.username } };
    case 'api-key':
      return { auth: { type: 'api-key', in: saved.in, name: saved.name } };
    case 'oauth2': {
      const { tokenUrl, clientId, scope, audience, extraParams, clientAuthentication } = saved;
      return { auth: { type: 'oauth2', tokenUrl, clientId, scope, audience, extraParams, clientAuthentication } };
    }
    case 'cognito-user-pool':
      return {
        auth: { type: 'bearer', prefix: saved.prefix },
        note: `Sign in to the Cognito user pool yourself and set TOKEN to its ${saved.tokenUse === 'id' ? 'ID' : 'access'} token.`,
      };
    case 'none':
      return { auth: { type: 'none' } };
    case 'aws-sigv4':
    case 'inherit':
      return {};
    default: {
      // A new auth type fails to compile here until it says what code it gets (else SigV4 code would be written for it).
      const unhandled: never = saved;
      return unhandled;
    }
  }
}

/** The tab's own auth other than SigV4 as code is written for it: only what is not secret. */
export function codeAuthOf(draft: EditorDraft): { auth?: CodeAuth; note?: string } {
  if (draft.authType === 'none') return { auth: { type: 'none' } };
  if (draft.authType === 'aws-sigv4') return {};
  return codeAuthOfSaved(draft.auths[draft.authType] ?? defaultSavedAuth(draft.authType));
}

/**
 * The auth a saved request inherits, as main resolves it: the nearest folder (inner to outer), then
 * the collection, whose auth is not `inherit`; undefined when the request is not in `collection`
 * or nothing above it sets one. Saved forms only: vault ids and `{{references}}`, never a secret.
 */
export function inheritedAuthOf(
  collection: Collection,
  requestId: string,
): { auth: SavedAuth; from: string } | undefined {
  const pathTo = (items: readonly CollectionItem[], trail: Folder[]): Folder[] | undefined => {
    for (const item of items) {
      if (item.kind === 'request' && item.id === requestId) return trail;
      if (item.kind === 'folder') {
        const found = pathTo(item.items, [...trail, item]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const folders = pathTo(collection.items, []);
  if (!folders) return undefined;
  const links = [
    ...folders.reverse().map((folder) => ({ auth: folder.settings.auth, from: `folder “${folder.name}”` })),
    { auth: collection.settings.auth, from: `collection “${collection.name}”` },
  ];
  return links.find((link) => link.auth.type !== 'inherit');
}

/**
 * The editor's request as the code generator takes it: enabled headers, the body encoded as Send
 * encodes it (with its Content-Type unless a header sets one), the scope, whether a session token
 * is expected and the send options. Holds no secret. `note` says what was left out.
 */
export function codeRequestOf(
  draft: EditorDraft,
  profile: CredentialProfileSummary | undefined,
  inherited?: { auth: SavedAuth; from: string } | undefined,
): { request: CodeRequest; note?: string | undefined } {
  const { body, contentType, note: bodyNote } = bodyOf(draft);
  // "No auth" in the editor is also a request that inherits: then the code is for what it inherits.
  const effective = draft.authType === 'none' ? inherited : undefined;
  const { auth, note: authNote } = effective ? codeAuthOfSaved(effective.auth) : codeAuthOf(draft);
  const ownBeside = draft.apiKeyBeside && draft.authType !== 'api-key' ? draft.apiKeyBeside : undefined;
  const beside = effective ? ('apiKey' in effective.auth ? effective.auth.apiKey : undefined) : ownBeside;
  const inheritedNote =
    effective && effective.auth.type !== 'none' && effective.auth.type !== 'aws-sigv4'
      ? `The auth is inherited from the ${effective.from}.`
      : undefined;
  const note = [bodyNote, inheritedNote, authNote].filter((n) => n !== undefined).join(' ') || undefined;
  const headers = draft.headers
    .filter((h) => h.isEnabled && h.name.trim() !== '')
    .map((h): [string, string] => [h.name.trim(), h.value]);
  if (contentType && !headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', contentType]);
  const hasSessionToken =
    draft.aws.credentialChoice === 'typed' ? draft.aws.sessionToken.trim() !== '' : (profile?.hasSessionToken ?? true);
  return {
    request: {
      method: draft.method,
      url: draft.url.trim(),
      headers,
      ...(body === undefined ? {} : { body }),
      region: draft.aws.region.trim() || 'us-east-1',
      service: draft.aws.service.trim() || 'execute-api',
      hasSessionToken,
      ...(profile?.assumeRole ? { roleArn: profile.assumeRole.roleArn } : {}),
      options: sendOptionsOf(draft.options),
      ...(draft.authType === 'aws-sigv4' && draft.aws.algorithm === 'sigv4a'
        ? { algorithm: 'sigv4a' as const, regionSet: draft.aws.regionSet.trim() || '*' }
        : {}),
      ...(auth ? { auth } : {}),
      ...(beside ? { apiKey: { in: beside.in, name: beside.name } } : {}),
    },
    ...(note ? { note } : {}),
  };
}
