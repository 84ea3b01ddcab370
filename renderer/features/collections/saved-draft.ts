import { composeGraphqlBody, parseGraphqlBody } from '../../../shared/graphql/graphql-body';
import { detectSigningTarget } from '../../../shared/aws/signing-presets';
import type {
  CredentialRef,
  RequestDraft,
  SavedAuth,
  SavedBody,
  SavedSendOptions,
} from '../../../shared/contract/collections';
import { defaultSavedAuth } from '../../../shared/contract/auth';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { InlineCredentials } from '../../../shared/contract/http';
import {
  EMPTY_DRAFT,
  sendOptionsOf,
  windowSendOptions,
  type AwsAuthDraft,
  type BodyKind,
  type EditorDraft,
  type SendOptionsDraft,
} from '../request/request-draft';
import { encodeParam, splitUrl, urlWithParams } from '../request/query-sync';

/** What the editor keeps about the saved request it shows, beyond the draft itself. */
export interface OpenedRequest {
  savedRequestId?: string | undefined;
  name: string;
  /** The saved request's description (from an import), kept as it is when the request is saved again. */
  description?: string | undefined;
  /** `Collection / Folder`, shown above the editor. */
  location?: string | undefined;
  /** The saved auth, so saving keeps `inherit` and the credential source. */
  savedAuth: SavedAuth;
  /** A body kind the editor cannot show yet (form, multipart, file): kept as saved. */
  preservedBody?: SavedBody | undefined;
}

/** A new, unsaved request. */
export const NEW_REQUEST: OpenedRequest = { name: 'New request', savedAuth: { type: 'inherit' } };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The editor draft for a saved request (or a history entry reopened). */
export function editorFromSaved(
  saved: RequestDraft,
  savedRequestId?: string,
  location?: string,
): { draft: EditorDraft; opened: OpenedRequest } {
  const params = saved.params.map((p) => ({ name: decode(p.name), value: decode(p.value), isEnabled: p.isEnabled }));
  const body = saved.body;
  // A GraphQL body that does not read back as one opens as the JSON it is: nothing is lost.
  const graphql = body.kind === 'text' && body.language === 'graphql' ? parseGraphqlBody(body.text) : undefined;
  const bodyKind: BodyKind =
    body.kind === 'text'
      ? body.language === 'raw'
        ? 'text'
        : body.language === 'graphql'
          ? graphql
            ? 'graphql'
            : 'json'
          : body.language
      : body.kind === 'form-urlencoded'
        ? 'form'
        : body.kind;
  const aws = saved.auth.type === 'aws-sigv4' ? saved.auth : undefined;
  const other =
    saved.auth.type === 'aws-sigv4' || saved.auth.type === 'none' || saved.auth.type === 'inherit'
      ? undefined
      : saved.auth;
  const draft: EditorDraft = {
    ...EMPTY_DRAFT,
    method: saved.method,
    url: urlWithParams(saved.url, params),
    params,
    headers: saved.headers.map((h) => ({ ...h })),
    bodyKind,
    bodyText: body.kind === 'text' && !graphql ? body.text : '',
    graphql: graphql ?? EMPTY_DRAFT.graphql,
    formRows: body.kind === 'form-urlencoded' ? body.rows.map((r) => ({ ...r })) : [],
    parts:
      body.kind === 'multipart'
        ? body.parts.map((part) => ({
            kind: part.kind,
            name: part.name,
            value: part.kind === 'text' ? part.value : part.filePath,
            contentType: part.contentType ?? '',
            isEnabled: part.isEnabled,
          }))
        : [],
    binaryPath: body.kind === 'binary' ? body.filePath : '',
    binaryContentType: body.kind === 'binary' ? (body.contentType ?? '') : '',
    authType: aws ? 'aws-sigv4' : (other?.type ?? 'none'),
    auths: other ? { [other.type]: other } : {},
    apiKeyBeside: 'apiKey' in saved.auth ? saved.auth.apiKey : undefined,
    aws: {
      ...EMPTY_DRAFT.aws,
      ...choiceOf(aws?.credentialSource),
      region: aws?.region || EMPTY_DRAFT.aws.region,
      service: aws?.service || EMPTY_DRAFT.aws.service,
      // A saved region or service is the user's own; empty ones follow the URL when sent.
      isScopeOverridden: Boolean(aws?.region || aws?.service),
      isQuerySigned: aws?.isQuerySigned ?? false,
      expiresInSeconds: aws?.expiresInSeconds ?? EMPTY_DRAFT.aws.expiresInSeconds,
      payload: aws?.payload === 'signed' || aws?.payload === 'unsigned' ? aws.payload : 'default',
      isSessionTokenSigned: aws?.isSessionTokenSigned ?? true,
      algorithm: aws?.algorithm ?? 'sigv4',
      regionSet: aws?.regionSet ?? '',
    },
    options: draftOptionsOf(saved.options),
    checks: saved.checks?.map((c) => ({ ...c })) ?? [],
    captures: saved.captures?.map((c) => ({ ...c })) ?? [],
    ...(saved.websocket
      ? {
          websocket: {
            message: { format: 'text' as const, text: '' },
            saved: saved.websocket.messages.map((m) => ({ ...m })),
          },
        }
      : {}),
  };
  if (!draft.aws.isScopeOverridden) {
    const detected = detectSigningTarget(draft.url);
    if (detected)
      draft.aws = {
        ...draft.aws,
        region: detected.region,
        service: detected.service,
        algorithm: aws?.algorithm ?? detected.algorithm ?? 'sigv4',
      };
  }
  return {
    draft,
    opened: {
      savedRequestId,
      name: saved.name,
      ...(saved.description === undefined ? {} : { description: saved.description }),
      location,
      savedAuth: saved.auth,
      preservedBody: undefined,
    },
  };
}

/** The Options tab for a saved request: its own options, the window's defaults for the rest. */
function draftOptionsOf(saved: SavedSendOptions | undefined): SendOptionsDraft {
  const defaults = windowSendOptions();
  return {
    timeoutSeconds: saved?.timeoutMs === undefined ? defaults.timeoutSeconds : saved.timeoutMs / 1000,
    isFollowingRedirects: saved?.isFollowingRedirects ?? defaults.isFollowingRedirects,
    maxRedirects: saved?.maxRedirects ?? defaults.maxRedirects,
    isTlsVerified: saved?.isTlsVerified ?? defaults.isTlsVerified,
    caBundlePem: saved?.caBundlePem ?? defaults.caBundlePem,
    proxyUrl: saved?.proxyUrl ?? defaults.proxyUrl,
    connectTo: saved?.connectTo ?? defaults.connectTo,
  };
}

/**
 * The options to save: those that differ from the window's defaults, or undefined when none does,
 * so a request left at the defaults keeps following them. (Main strips a proxy's user name and
 * password from what it saves.)
 */
function savedOptionsOf(options: SendOptionsDraft): SavedSendOptions | undefined {
  const defaults = sendOptionsOf(windowSendOptions());
  const changed = Object.entries(sendOptionsOf(options)).filter(
    ([key, value]) => defaults[key as keyof typeof defaults] !== value,
  );
  return changed.length > 0 ? (Object.fromEntries(changed) as SavedSendOptions) : undefined;
}

const LANGUAGE = { json: 'json', xml: 'xml', text: 'raw' } as const;

/** The saved form of the Body tab. */
function savedBodyOf(draft: EditorDraft, opened: OpenedRequest): SavedBody {
  switch (draft.bodyKind) {
    case 'none':
      return opened.preservedBody ?? { kind: 'none' };
    case 'json':
    case 'xml':
    case 'text':
      return { kind: 'text', language: LANGUAGE[draft.bodyKind], text: draft.bodyText };
    case 'graphql': {
      const composed = composeGraphqlBody(draft.graphql);
      // Variables that are not JSON yet are kept as typed (the Body tab says so), never dropped.
      const text = composed.ok ? composed.text : JSON.stringify({ query: draft.graphql.query, variables: draft.graphql.variables });
      return { kind: 'text', language: 'graphql', text };
    }
    case 'form':
      return {
        kind: 'form-urlencoded',
        rows: draft.formRows.filter((r) => r.name !== '' || r.value !== '').map((r) => ({ ...r })),
      };
    case 'multipart':
      return {
        kind: 'multipart',
        parts: draft.parts
          .filter((p) => p.name !== '' || p.value !== '')
          .map((p) =>
            p.kind === 'text'
              ? {
                  kind: 'text' as const,
                  name: p.name,
                  value: p.value,
                  isEnabled: p.isEnabled,
                  ...(p.contentType ? { contentType: p.contentType } : {}),
                }
              : {
                  kind: 'file' as const,
                  name: p.name,
                  filePath: p.value,
                  isEnabled: p.isEnabled,
                  ...(p.contentType ? { contentType: p.contentType } : {}),
                },
          ),
      };
    case 'binary':
      return {
        kind: 'binary',
        filePath: draft.binaryPath.trim(),
        ...(draft.binaryContentType.trim() ? { contentType: draft.binaryContentType.trim() } : {}),
      };
  }
}

/**
 * The saved form of what the editor holds. For sending, the URL is taken whole (its query as
 * typed) and the options travel apart, whole; for saving, the query is split into params rows and
 * the options that differ from the window's defaults are kept. Keys typed in the Auth tab are
 * never part of it: auth keeps the saved credential source.
 */
export function savedFromEditor(draft: EditorDraft, opened: OpenedRequest, purpose: 'save' | 'send'): RequestDraft {
  const { base, hash } = splitUrl(draft.url.trim());
  const body = savedBodyOf(draft, opened);
  let auth: SavedAuth;
  if (draft.authType === 'aws-sigv4') {
    const previous = opened.savedAuth.type === 'aws-sigv4' ? opened.savedAuth : undefined;
    const credentials: CredentialRef = refOf(draft.aws) ?? previous?.credentialSource ?? { source: 'inherit' };
    auth = {
      type: 'aws-sigv4',
      credentialSource: credentials,
      region: draft.aws.region.trim(),
      service: draft.aws.service.trim(),
      isQuerySigned: draft.aws.isQuerySigned,
      expiresInSeconds: draft.aws.expiresInSeconds,
      ...(draft.aws.isSessionTokenSigned ? {} : { isSessionTokenSigned: false }),
      // SigV4 is saved only where the host would otherwise mean SigV4a (a Multi-Region Access Point).
      ...(draft.aws.algorithm === 'sigv4a'
        ? {
            algorithm: 'sigv4a' as const,
            ...(draft.aws.regionSet.trim() ? { regionSet: draft.aws.regionSet.trim() } : {}),
          }
        : detectSigningTarget(draft.url)?.algorithm
          ? { algorithm: 'sigv4' as const }
          : {}),
      ...(draft.aws.payload !== 'default'
        ? { payload: draft.aws.payload }
        : previous?.payload === 'omit'
          ? { payload: 'omit' as const }
          : {}),
    };
  } else if (draft.authType !== 'none') {
    auth = draft.auths[draft.authType] ?? defaultSavedAuth(draft.authType);
  } else {
    // "No auth" in the editor keeps an inherited setting inherited.
    auth = opened.savedAuth.type === 'inherit' ? opened.savedAuth : { type: 'none' };
  }
  if (auth.type !== 'none' && auth.type !== 'inherit' && auth.type !== 'api-key') {
    const { apiKey: _previous, ...rest } = auth;
    auth = { ...rest, ...(draft.apiKeyBeside ? { apiKey: draft.apiKeyBeside } : {}) } as SavedAuth;
  }
  const headers = draft.headers
    .filter((h) => h.name.trim() !== '')
    .map((h) => ({ name: h.name.trim(), value: h.value, isEnabled: h.isEnabled }));
  const tests = {
    ...(draft.checks.length > 0 ? { checks: draft.checks } : {}),
    ...(draft.captures.length > 0 ? { captures: draft.captures } : {}),
    // A WebSocket request keeps its saved messages with it.
    ...(draft.websocket ? { websocket: { messages: draft.websocket.saved } } : {}),
  };
  if (purpose === 'send') {
    return {
      name: opened.name,
      method: draft.method,
      url: draft.url.trim(),
      params: [],
      headers,
      body,
      auth,
      ...tests,
    };
  }
  const options = savedOptionsOf(draft.options);
  return {
    name: opened.name,
    ...(opened.description === undefined ? {} : { description: opened.description }),
    method: draft.method,
    url: base + hash,
    params: draft.params.map((p) => ({
      name: encodeParam(p.name),
      value: encodeParam(p.value),
      isEnabled: p.isEnabled,
    })),
    headers,
    body,
    auth,
    ...(options ? { options } : {}),
    ...tests,
  };
}

/** The Auth tab's choice for a saved credential source. */
function choiceOf(ref: CredentialRef | undefined): Pick<AwsAuthDraft, 'credentialChoice' | 'profileId' | 'awsProfile'> {
  if (!ref) return { credentialChoice: 'typed', profileId: '', awsProfile: '' };
  switch (ref.source) {
    case 'profile':
      return { credentialChoice: 'profile', profileId: ref.profileId, awsProfile: '' };
    case 'aws-profile':
      return { credentialChoice: 'aws-profile', profileId: '', awsProfile: ref.profile };
    default:
      return { credentialChoice: ref.source, profileId: '', awsProfile: '' };
  }
}

/** The saved credential source the Auth tab's choice stands for; undefined for typed keys (never saved). */
function refOf(aws: AwsAuthDraft): CredentialRef | undefined {
  switch (aws.credentialChoice) {
    case 'typed':
      return undefined;
    case 'profile':
      return aws.profileId ? { source: 'profile', profileId: aws.profileId } : undefined;
    case 'aws-profile':
      return aws.awsProfile ? { source: 'aws-profile', profile: aws.awsProfile } : undefined;
    default:
      return { source: aws.credentialChoice };
  }
}

/** True when the Auth tab says "Keys typed or pasted here": main refuses the send when they are empty. */
export function usesTypedKeys(draft: EditorDraft): boolean {
  return draft.authType === 'aws-sigv4' && draft.aws.credentialChoice === 'typed';
}

/** The keys typed in the Auth tab, for one send; undefined when none were typed. */
export function typedCredentials(draft: EditorDraft): InlineCredentials | undefined {
  if (draft.authType !== 'aws-sigv4' || draft.aws.credentialChoice !== 'typed') return undefined;
  const accessKeyId = draft.aws.accessKeyId.trim();
  const secretAccessKey = draft.aws.secretAccessKey.trim();
  if (accessKeyId === '' && secretAccessKey === '') return undefined;
  const sessionToken = draft.aws.sessionToken.trim();
  return {
    source: 'inline',
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(draft.aws.expiration ? { expiration: draft.aws.expiration } : {}),
  };
}

/**
 * The editor's request as main's send, preview, presign and subscription channels take it: its
 * saved form for sending, the saved request it was opened from, keys typed in the Auth tab (for
 * this one call, kept nowhere) and the send options.
 */
export function draftSendInput(draft: EditorDraft, opened: OpenedRequest): ChannelInput<'request:presign-draft'> {
  const credentials = typedCredentials(draft);
  return {
    request: savedFromEditor(draft, opened, 'send'),
    ...(opened.savedRequestId ? { savedRequestId: opened.savedRequestId } : {}),
    ...(credentials ? { credentials } : {}),
    usesTypedKeys: usesTypedKeys(draft),
    options: sendOptionsOf(draft.options),
  };
}
