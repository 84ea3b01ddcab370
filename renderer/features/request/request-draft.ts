import { useCallback, useReducer } from 'react';
import { detectSigningTarget } from '../../../shared/aws/signing-presets';
import type { ApiKeyPlacement, AuthType, SavedAuthOf } from '../../../shared/contract/auth';
import type { Capture, Check } from '../../../shared/contract/checks';
import type { CredentialSource, SendOptionsInput } from '../../../shared/contract/http';
import type { GraphqlParts } from '../../../shared/graphql/graphql-body';
import type { OutgoingMessage, SavedMessage } from '../../../shared/contract/websocket-message';
import { mergeParamsFromUrl, urlWithParams, type ParamRow } from './query-sync';

/** A header row as edited. */
export interface HeaderDraft {
  name: string;
  value: string;
  isEnabled: boolean;
}

/** The body kinds the editor offers. */
export type BodyKind = 'none' | 'json' | 'text' | 'xml' | 'form' | 'multipart' | 'binary' | 'graphql';

/** A row of a form body or a text part: name, value, on or off. */
export interface FieldDraft {
  name: string;
  value: string;
  isEnabled: boolean;
}

/** One multipart part as edited: a text field, or a file read by main at send time (`value` is its path). */
export interface PartDraft extends FieldDraft {
  kind: 'text' | 'file';
  contentType: string;
}

/** Where the keys of a signed request come from, as chosen in the Auth tab. */
export type CredentialChoice = 'typed' | 'inherit' | 'profile' | 'aws-profile' | 'env' | 'default-chain';

/**
 * AWS Signature fields as chosen or typed. Typed (or pasted) secrets live only here, in memory,
 * until sent or saved as a credential profile — then only the profile's id stays.
 */
export interface AwsAuthDraft {
  credentialChoice: CredentialChoice;
  /** The saved Shomei credential profile, when the choice is `profile`. */
  profileId: string;
  /** The `~/.aws` profile name, when the choice is `aws-profile`. */
  awsProfile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO expiry of pasted temporary keys; empty when unknown. */
  expiration: string;
  region: string;
  service: string;
  /** False while region and service follow the URL's host; true once the user typed their own. */
  isScopeOverridden: boolean;
  /** Sign into the query string (a presigned URL) instead of the Authorization header. */
  isQuerySigned: boolean;
  /** Presigned URL lifetime, seconds. */
  expiresInSeconds: number;
  /** The payload hash: the service's default, the body's SHA-256, or `UNSIGNED-PAYLOAD`. */
  payload: 'default' | 'signed' | 'unsigned';
  /** Off: the session token is added after signing (a few services, such as IoT, want that). */
  isSessionTokenSigned: boolean;
  /** SigV4a (ECDSA, a region set) instead of SigV4; follows the URL (S3 Multi-Region Access Points) until chosen. */
  algorithm: 'sigv4' | 'sigv4a';
  /** SigV4a's region set; empty means `*`. */
  regionSet: string;
}

/** How this request is sent: timeout, redirects, TLS, proxy, connect-to. Saved with it where it differs from the window's defaults. */
export interface SendOptionsDraft {
  timeoutSeconds: number;
  isFollowingRedirects: boolean;
  maxRedirects: number;
  isTlsVerified: boolean;
  caBundlePem: string;
  proxyUrl: string;
  connectTo: string;
}

const DEFAULT_OPTIONS_KEY = 'shomei.defaultSendOptions';

/** Timeout and redirect settings chosen as the default for new tabs (a window preference). */
export function defaultSendOptions(): Partial<SendOptionsDraft> {
  try {
    const saved = JSON.parse(localStorage.getItem(DEFAULT_OPTIONS_KEY) ?? '{}') as Partial<SendOptionsDraft>;
    return {
      ...(typeof saved.timeoutSeconds === 'number' ? { timeoutSeconds: saved.timeoutSeconds } : {}),
      ...(typeof saved.isFollowingRedirects === 'boolean' ? { isFollowingRedirects: saved.isFollowingRedirects } : {}),
      ...(typeof saved.maxRedirects === 'number' ? { maxRedirects: saved.maxRedirects } : {}),
    };
  } catch {
    return {};
  }
}

/** The options a new tab starts from, and a saved request falls back to: built-in, with the window's remembered timeout and redirects. */
export function windowSendOptions(): SendOptionsDraft {
  return { ...EMPTY_DRAFT.options, ...defaultSendOptions() };
}

/** Keeps this tab's timeout and redirect settings as the default for new tabs. */
export function saveDefaultSendOptions(options: SendOptionsDraft): void {
  const { timeoutSeconds, isFollowingRedirects, maxRedirects } = options;
  localStorage.setItem(DEFAULT_OPTIONS_KEY, JSON.stringify({ timeoutSeconds, isFollowingRedirects, maxRedirects }));
}

/** The send options as the contract takes them (blank fields left out). */
export function sendOptionsOf(options: SendOptionsDraft): SendOptionsInput {
  return {
    timeoutMs: Math.round(options.timeoutSeconds * 1000),
    isFollowingRedirects: options.isFollowingRedirects,
    maxRedirects: options.maxRedirects,
    isTlsVerified: options.isTlsVerified,
    ...(options.caBundlePem.trim() ? { caBundlePem: options.caBundlePem } : {}),
    ...(options.proxyUrl.trim() ? { proxyUrl: options.proxyUrl.trim() } : {}),
    ...(options.connectTo.trim() ? { connectTo: options.connectTo.trim() } : {}),
  };
}

/** A WebSocket request's message box and its saved messages (which travel with the request). */
export interface WebSocketDraft {
  message: OutgoingMessage;
  saved: SavedMessage[];
}

/** Everything the request editor holds for one request. */
export interface EditorDraft {
  method: string;
  url: string;
  params: ParamRow[];
  headers: HeaderDraft[];
  bodyKind: BodyKind;
  bodyText: string;
  formRows: FieldDraft[];
  parts: PartDraft[];
  /** An absolute path on the machine Shomei's main process runs on. */
  binaryPath: string;
  binaryContentType: string;
  /** The GraphQL body's query, variables (JSON text) and operation name; sent as one JSON POST body. */
  graphql: GraphqlParts;
  authType: 'none' | AuthType;
  aws: AwsAuthDraft;
  /** The other auth types as edited in this tab, in their saved form (vault ids and `{{references}}`, never a secret). */
  auths: { [T in Exclude<AuthType, 'aws-sigv4'>]?: SavedAuthOf<T> };
  /** An API key sent beside the chosen auth (an API Gateway usage plan), when set. */
  apiKeyBeside?: ApiKeyPlacement | undefined;
  /**
   * Values typed into secret auth fields, by the vault id the field now names: in memory only,
   * written to the vault right before the next send or save, then dropped.
   */
  pendingSecrets: Record<string, string>;
  options: SendOptionsDraft;
  /** The Tests tab: checks of the response, and variables captured from it. */
  checks: Check[];
  captures: Capture[];
  /** Present when the tab is a WebSocket request (New WebSocket): connected, not sent. */
  websocket?: WebSocketDraft | undefined;
}

/** An auth type other than AWS, as the editor keeps it. */
export type OtherAuth = SavedAuthOf<Exclude<AuthType, 'aws-sigv4'>>;

/** Edits the editor can make. */
export type DraftAction =
  | { type: 'method'; method: string }
  | { type: 'url'; url: string }
  | { type: 'params'; params: ParamRow[] }
  | { type: 'headers'; headers: HeaderDraft[] }
  | { type: 'bodyKind'; bodyKind: BodyKind }
  | { type: 'bodyText'; bodyText: string }
  | { type: 'formRows'; rows: FieldDraft[] }
  | { type: 'parts'; parts: PartDraft[] }
  | { type: 'binary'; path?: string; contentType?: string }
  | { type: 'graphql'; patch: Partial<GraphqlParts> }
  | { type: 'authType'; authType: EditorDraft['authType'] }
  | { type: 'aws'; patch: Partial<AwsAuthDraft> }
  | { type: 'auth'; auth: OtherAuth }
  | { type: 'apiKeyBeside'; apiKey: ApiKeyPlacement | undefined }
  | { type: 'pendingSecret'; id: string; value: string | undefined }
  | { type: 'secretsStored'; ids: readonly string[] }
  | { type: 'options'; patch: Partial<SendOptionsDraft> }
  | { type: 'tests'; checks?: Check[]; captures?: Capture[] }
  | { type: 'websocket'; patch: Partial<WebSocketDraft> }
  | { type: 'replace'; draft: EditorDraft };

/** A fresh request. */
export const EMPTY_DRAFT: EditorDraft = {
  method: 'GET',
  url: '',
  params: [],
  headers: [],
  bodyKind: 'none',
  bodyText: '',
  formRows: [],
  parts: [],
  binaryPath: '',
  graphql: { query: '', variables: '', operationName: '' },
  binaryContentType: '',
  authType: 'none',
  aws: {
    credentialChoice: 'typed',
    profileId: '',
    awsProfile: '',
    accessKeyId: '',
    secretAccessKey: '',
    sessionToken: '',
    expiration: '',
    region: 'us-east-1',
    service: 'execute-api',
    isScopeOverridden: false,
    isQuerySigned: false,
    expiresInSeconds: 900,
    payload: 'default',
    isSessionTokenSigned: true,
    algorithm: 'sigv4',
    regionSet: '',
  },
  auths: {},
  pendingSecrets: {},
  options: {
    timeoutSeconds: 30,
    isFollowingRedirects: true,
    maxRedirects: 5,
    isTlsVerified: true,
    caBundlePem: '',
    proxyUrl: '',
    connectTo: '',
  },
  checks: [],
  captures: [],
};

/** A fresh WebSocket request (New WebSocket): no auth yet, an empty text message. */
export function emptyWebSocketDraft(options: SendOptionsDraft): EditorDraft {
  return { ...EMPTY_DRAFT, options, websocket: { message: { format: 'text', text: '' }, saved: [] } };
}

/** The reducer behind `useRequestDraft`; URL and Params stay in sync both ways. */
export function draftReducer(draft: EditorDraft, action: DraftAction): EditorDraft {
  switch (action.type) {
    case 'method':
      return { ...draft, method: action.method };
    case 'url': {
      const next = { ...draft, url: action.url, params: mergeParamsFromUrl(action.url, draft.params) };
      // Region and service follow the host (API Gateway, Lambda URL, S3, …) until the user sets them.
      const detected = draft.aws.isScopeOverridden ? undefined : detectSigningTarget(action.url);
      return detected
        ? {
            ...next,
            aws: {
              ...draft.aws,
              region: detected.region,
              service: detected.service,
              algorithm: detected.algorithm ?? 'sigv4',
            },
          }
        : next;
    }
    case 'params':
      return { ...draft, params: action.params, url: urlWithParams(draft.url, action.params) };
    case 'headers':
      return { ...draft, headers: action.headers };
    case 'bodyKind':
      // GraphQL goes as a JSON POST: a GET (the default method) becomes POST with it.
      return {
        ...draft,
        bodyKind: action.bodyKind,
        ...(action.bodyKind === 'graphql' && draft.method === 'GET' ? { method: 'POST' } : {}),
      };
    case 'bodyText':
      return { ...draft, bodyText: action.bodyText };
    case 'formRows':
      return { ...draft, formRows: action.rows };
    case 'parts':
      return { ...draft, parts: action.parts };
    case 'binary':
      return {
        ...draft,
        binaryPath: action.path ?? draft.binaryPath,
        binaryContentType: action.contentType ?? draft.binaryContentType,
      };
    case 'graphql':
      return { ...draft, graphql: { ...draft.graphql, ...action.patch } };
    case 'authType':
      return { ...draft, authType: action.authType };
    case 'aws': {
      const isScopeEdit = action.patch.region !== undefined || action.patch.service !== undefined;
      return {
        ...draft,
        aws: {
          ...draft.aws,
          ...action.patch,
          ...(isScopeEdit && action.patch.isScopeOverridden === undefined ? { isScopeOverridden: true } : {}),
        },
      };
    }
    case 'auth':
      return { ...draft, auths: { ...draft.auths, [action.auth.type]: action.auth } };
    case 'apiKeyBeside':
      return { ...draft, apiKeyBeside: action.apiKey };
    case 'pendingSecret': {
      const { [action.id]: _old, ...rest } = draft.pendingSecrets;
      return { ...draft, pendingSecrets: action.value === undefined ? rest : { ...rest, [action.id]: action.value } };
    }
    case 'secretsStored':
      return {
        ...draft,
        pendingSecrets: Object.fromEntries(
          Object.entries(draft.pendingSecrets).filter(([id]) => !action.ids.includes(id)),
        ),
      };
    case 'options':
      return { ...draft, options: { ...draft.options, ...action.patch } };
    case 'tests':
      return { ...draft, checks: action.checks ?? draft.checks, captures: action.captures ?? draft.captures };
    case 'websocket':
      return draft.websocket ? { ...draft, websocket: { ...draft.websocket, ...action.patch } } : draft;
    case 'replace':
      return action.draft;
  }
}

/**
 * The credential source the Auth tab stands for, for channels that take one (check identity, a
 * plain send); undefined for `inherit`, which only a saved request's folders can answer.
 */
export function credentialSourceOf(aws: AwsAuthDraft): CredentialSource | undefined {
  switch (aws.credentialChoice) {
    case 'typed':
      return {
        source: 'inline',
        accessKeyId: aws.accessKeyId.trim(),
        secretAccessKey: aws.secretAccessKey.trim(),
        ...(aws.sessionToken.trim() ? { sessionToken: aws.sessionToken.trim() } : {}),
        ...(aws.expiration ? { expiration: aws.expiration } : {}),
      };
    case 'profile':
      return { source: 'profile', profileId: aws.profileId };
    case 'aws-profile':
      return { source: 'aws-profile', profile: aws.awsProfile };
    case 'env':
    case 'default-chain':
      return { source: aws.credentialChoice };
    case 'inherit':
      return undefined;
  }
}

/** The editor's state and its one way to change it. */
export function useRequestDraft(initial: EditorDraft = EMPTY_DRAFT) {
  const [draft, dispatch] = useReducer(draftReducer, initial);
  const update = useCallback((action: DraftAction) => dispatch(action), []);
  return { draft, update };
}
