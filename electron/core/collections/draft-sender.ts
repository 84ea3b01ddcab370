/**
 * Sending, presigning, inspecting and connecting an editor draft: the entry point main's handlers
 * and the runner call. It resolves the draft's variables and inherited settings, meets the trust
 * checks (`draft-trust.ts`), plans it (`draft-plan.ts`, its body in `draft-body.ts`), hands it to
 * the request service, and records the send in history with its checks' results (`draft-checks.ts`).
 */
import type { RequestDraft } from '../../../shared/contract/collections';
import type {
  CredentialSource,
  InlineCredentials,
  SendOptionsInput,
  ResponseSummary,
} from '../../../shared/contract/http';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import type { HistoryService, SendRecord } from '../history/history-service';
import type { AuthApplyContext, Refusal } from '../auth/auth-type';
import type { OAuth2Tokens } from '../auth/oauth2-tokens';
import type { ResolvedAuth } from '../auth/registry';
import type { CognitoUserPoolSessions } from '../cognito/user-pool-sessions';
import type { PlannedRequest } from '../requests/planned-request';
import { assertPresignedForItsUrl, type SignedCarrier } from '../trust/destination-check';
import type { RequestService } from '../requests/request-service';
import type { ProgressSink } from '../requests/send-progress';
import type { SignedHandshake } from '../requests/sign-without-sending';
import { resolveRequestOrThrow, type ResolveInput } from '../variables/resolve-request';
import type { SecretValueStore } from '../variables/secret-value-store';
import type { CollectionsService, RequestContext } from './collections-service';
import type { BodyFileRules } from './draft-body';
import { withTests } from './draft-checks';
import { oauth2ContextOf, planRequest, withSecretHeaders } from './draft-plan';
import {
  assertAuthTrusted,
  assertTrusted,
  capturesUnstoredBecause,
  chooseCredentials,
  type ChosenCredentials,
} from './draft-trust';
import type { EnvironmentsService } from './environments-service';

export type { ChosenCredentials } from './draft-trust';

/** What sending a draft needs. */
export interface DraftSenderDeps {
  collections: CollectionsService;
  environments: EnvironmentsService;
  history: HistoryService;
  requests: RequestService;
  secrets: SecretValueStore;
  /** The app-wide default credential source (off until the user turns it on). */
  defaultCredentialSource?: () => CredentialSource | null;
  /**
   * The real path of a body file Shomei may read (inside the working directory, or allowed by the
   * user); throws otherwise. See `TrustSettingsService.checkBodyFile`.
   */
  checkBodyFile: (path: string) => string;
  /** Largest file body read for one send. */
  maxFileBytes?: number;
  /** The Cognito user pool sessions a Cognito auth sends the token of. */
  cognito?: Pick<CognitoUserPoolSessions, 'token'>;
  /**
   * Refuses a send, WebSocket handshake or AppSync subscription whose signature would go elsewhere
   * than its signed host until the user confirmed it for this request (see
   * `DestinationCheck.assertConsented`); `via` says which.
   */
  checkDestination?: (request: PlannedRequest, input: Omit<DraftSend, 'requestId'>, via: SignedCarrier) => void;
  /** OAuth 2.0 access tokens an OAuth auth fetches, caches and sends. */
  oauth2?: Pick<OAuth2Tokens, 'token'>;
  /**
   * Refuses a draft whose host, headers, auth or body files would come from an imported
   * environment not trusted yet (see `assertEnvironmentTrusted`), or that would send a secret
   * variable for a collection not trusted yet (`assertNoSecretsForUntrusted`); called before anything resolves.
   */
  checkEnvironment?: (scope: ResolveInput, refusal: Refusal) => Promise<void>;
}

/** One send of a request as the editor holds it. */
export interface DraftSend {
  requestId: string;
  request: RequestDraft;
  /** The saved request it was opened from: its collection and folders supply variables and inherited settings. */
  savedRequestId?: string | undefined;
  /** Keys typed in the Auth tab, for this send only; never stored. */
  credentials?: InlineCredentials | undefined;
  /** The Auth tab says "Keys typed or pasted here": without `credentials` the send is refused. */
  usesTypedKeys?: boolean | undefined;
  /** Timeout, redirects, TLS, proxy and connect-to for this send (defaults otherwise). */
  options?: SendOptionsInput | undefined;
  /**
   * A run's variables (data row, captured values), above every other scope. When set, captured
   * values stay with the run; otherwise they are stored in the active environment.
   */
  runVariables?: ReadonlyMap<string, { value: string; isSecret: boolean }> | undefined;
  /** False for the sends of a run: a 5,000-request run must not push the user's own sends out of history. */
  isRecorded?: boolean | undefined;
  /** The environment a run chose (`null`: none); otherwise the active one. */
  environmentId?: string | null | undefined;
  /** The editor tab it was sent from: an unsaved request's "send anyway" is remembered for the tab. */
  tabId?: string | undefined;
  /**
   * A signature that would go elsewhere than its signed host: `ask` (the editor: refused until
   * confirmed), `refuse` (a run: fails with the message unless confirmed before), `allow` (a run
   * started with the explicit opt-in).
   */
  redirectedSigning?: 'ask' | 'refuse' | 'allow' | undefined;
}

/**
 * Sends editor drafts: substitutes `{{variables}}` (active environment + the saved request's
 * collection and folders), applies inherited auth and headers, reads file bodies, signs and sends
 * through the request service, and records the send in history without secrets. An unresolved
 * variable or a substituted line break stops the send with `INVALID_INPUT` naming every location.
 */
export interface DraftSender {
  send(input: DraftSend, onProgress?: ProgressSink): Promise<ResponseSummary>;
  /** The draft as a presigned URL (variables substituted, credentials resolved), without sending it. */
  presign(input: Omit<DraftSend, 'requestId'>): Promise<{ url: string; expiresAt: string }>;
  /** The draft signed as it would be sent, not sent: the inspector's preview. */
  inspect(input: Omit<DraftSend, 'requestId'>): ReturnType<RequestService['inspect']>;
  /**
   * The draft resolved and checked exactly as a send is (variables, inheritance, trust, chosen
   * credentials, where the signature goes), not signed or sent: what an AppSync subscription connects with.
   */
  subscriptionRequestOf(input: Omit<DraftSend, 'requestId'>): Promise<PlannedRequest>;
  /**
   * A WebSocket request's handshake: the draft resolved (its URL `ws://` or `wss://`), checked for
   * trust, credentials and where the signature goes exactly as a send is, and signed; the URL keeps its ws scheme.
   */
  handshake(input: Omit<DraftSend, 'requestId'>): Promise<SignedHandshake & { options: PlannedRequest['options'] }>;
  /** The credential source the draft would sign with, or the refusal a send would meet; nothing is signed. */
  credentialsOf(input: Omit<DraftSend, 'requestId'>): Promise<ChosenCredentials>;
  /**
   * The auth the draft sends with (its own or inherited), variables substituted and secrets read,
   * for a step before sending (a Cognito sign-in). Only the auth's problems stop it; an untrusted
   * collection is refused as for a send. Nothing is sent.
   */
  authOf(input: Pick<DraftSend, 'request' | 'savedRequestId'>, refusal: string): Promise<ResolvedAuth>;
}

/** Builds the draft sender. */
export function createDraftSender(deps: DraftSenderDeps): DraftSender {
  // 5 GiB: the largest single PUT S3 takes. Files are streamed, never held in memory whole.
  const maxFileBytes = deps.maxFileBytes ?? 5 * 1024 ** 3;
  const files: BodyFileRules = { maxFileBytes, checkBodyFile: deps.checkBodyFile };
  const oauth2Of = (input: Omit<DraftSend, 'requestId'>, onRenewExpired?: () => void) =>
    oauth2ContextOf(deps.oauth2, input.options, onRenewExpired);
  /** The Cognito sessions, telling `onRenewExpired` when expired tokens are renewed before the send. */
  const cognitoOf = (onRenewExpired: () => void): AuthApplyContext['cognito'] => {
    const cognito = deps.cognito;
    return cognito && { token: (user, use, refusal) => cognito.token(user, use, refusal, { onRenewExpired }) };
  };
  /** The draft's variables substituted and inheritance applied, once the environment may be used. */
  const resolveScope = async (refusal: Refusal, scope: ResolveInput) => {
    await deps.checkEnvironment?.(scope, refusal);
    return resolveRequestOrThrow(scope);
  };
  const choose = (auth: ResolvedAuth, input: Omit<DraftSend, 'requestId'>, refusal: string) =>
    chooseCredentials(auth, input, refusal, deps.defaultCredentialSource);
  /** The draft resolved (variables, inheritance, files) and planned, without sending it. */
  const planOf = async (
    input: Omit<DraftSend, 'requestId'>,
    refusal: Refusal = 'Not signed',
  ): Promise<PlannedRequest> => {
    const saved =
      input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId, refusal);
    const isWebSocket = input.request.websocket !== undefined;
    const { request, auth, secretValues, secretNames } = await resolveScope(refusal, {
      request: isWebSocket ? { ...input.request, method: 'GET', body: { kind: 'none' } } : input.request,
      collection: saved?.collection,
      ancestors: saved?.ancestors,
      environment: deps.environments.getActive(),
      secrets: deps.secrets,
      isWebSocket,
    });
    assertTrusted(deps.collections, request, auth, input, saved, refusal);
    // A WebSocket is signed as the https:// (or http://) URL it upgrades from: the scheme is not part of a signature.
    const signedAs = isWebSocket ? { ...request, url: request.url.replace(/^ws(s?):/i, 'http$1:') } : request;
    // The inspector's canonical request shows a secret variable's value redacted; a presigned URL
    // is handed over whole, as SECURITY.md says.
    return withSecretHeaders(
      await planRequest(
        signedAs,
        auth,
        input.options,
        choose(auth, input, refusal),
        files,
        refusal,
        deps.cognito,
        oauth2Of(input),
      ),
      secretValues,
      secretNames,
    );
  };
  const authOf: DraftSender['authOf'] = async (input, refusal) => {
    const saved =
      input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId, refusal);
    // Only the auth is resolved: the URL, headers and body may still hold what a send would refuse.
    const request: RequestDraft = {
      ...input.request,
      url: 'https://auth.invalid/',
      params: [],
      headers: [],
      body: { kind: 'none' },
    };
    const collection = saved && { ...saved.collection, settings: { ...saved.collection.settings, headers: [] } };
    const ancestors = saved?.ancestors.map((folder) => ({ ...folder, settings: { ...folder.settings, headers: [] } }));
    let resolved: ResolvedAuth;
    try {
      ({ auth: resolved } = await resolveScope('Not sent', {
        request,
        collection,
        ancestors,
        environment: deps.environments.getActive(),
        secrets: deps.secrets,
      }));
    } catch (error) {
      if (isShomeiError(error))
        throw new ShomeiError(error.code, error.message.replace(/Not sent:/g, `${refusal}:`), error.details);
      throw error;
    }
    assertAuthTrusted(deps.collections, resolved, saved, refusal);
    return resolved;
  };
  return {
    authOf,
    async credentialsOf(input) {
      const saved =
        input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId, 'Not sent');
      const { request, auth } = await resolveScope('Not sent', {
        request: input.request,
        collection: saved?.collection,
        ancestors: saved?.ancestors,
        environment: deps.environments.getActive(),
        secrets: deps.secrets,
        isWebSocket: input.request.websocket !== undefined,
      });
      assertTrusted(deps.collections, request, auth, input, saved, 'Not sent');
      return choose(auth, input, 'Not sent');
    },
    async presign(input) {
      const planned = await planOf(input);
      assertPresignedForItsUrl(planned);
      const presigned = await deps.requests.presign(planned);
      return input.request.websocket ? { ...presigned, url: asWebSocketUrl(presigned.url) } : presigned;
    },
    async subscriptionRequestOf(input) {
      const planned = await planOf(input, 'Not subscribed');
      deps.checkDestination?.(planned, input, 'appsync');
      return planned;
    },
    async handshake(input) {
      const request = { ...input.request, websocket: input.request.websocket ?? { messages: [] } };
      const planned = await planOf({ ...input, request }, 'Not connected');
      deps.checkDestination?.(planned, input, 'websocket');
      const signed = await deps.requests.handshake(planned);
      return { ...signed, url: asWebSocketUrl(signed.url), options: planned.options };
    },
    async inspect(input) {
      const inspected = await deps.requests.inspect(await planOf(input));
      return input.request.websocket ? { ...inspected, url: asWebSocketUrl(inspected.url) } : inspected;
    },
    async send(input, onProgress) {
      const saved =
        input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId, 'Not sent');
      const { request, auth, secretValues, secretNames, lookup } = await resolveScope('Not sent', {
        request: input.request,
        collection: saved?.collection,
        ancestors: saved?.ancestors,
        environment:
          input.environmentId === undefined
            ? deps.environments.getActive()
            : input.environmentId === null
              ? undefined
              : deps.environments.get(input.environmentId),
        runVariables: input.runVariables,
        secrets: deps.secrets,
      });
      const usedSecrets = [...secretValues];
      if (input.credentials) {
        usedSecrets.push(
          input.credentials.secretAccessKey,
          ...(input.credentials.sessionToken ? [input.credentials.sessionToken] : []),
        );
      }
      const origin = saved
        ? {
            collectionId: saved.collection.id,
            requestId: saved.request.id,
            wasTrusted: deps.collections.isTrusted(saved.collection.id),
          }
        : undefined;
      // History keeps the source that signed and the options, so a re-send from it is the same send.
      const recorded: Pick<SendRecord, 'options' | 'credentials' | 'secretNames'> = {
        options: input.options,
        secretNames,
      };
      const history = input.isRecorded === false ? { record: () => undefined } : deps.history;
      let planned: PlannedRequest;
      try {
        assertTrusted(deps.collections, request, auth, input, saved, 'Not sent');
        const chosen = choose(auth, input, 'Not sent');
        if (chosen.kind === 'source') recorded.credentials = chosen;
        // An expired OAuth or Cognito token is renewed before the send; the window says "token expired, renewing…".
        const renewing = () => onProgress?.({ requestId: input.requestId, phase: 'renewing-token' });
        planned = withSecretHeaders(
          await planRequest(
            request,
            auth,
            input.options,
            chosen,
            files,
            'Not sent',
            cognitoOf(renewing),
            oauth2Of(input, renewing),
          ),
          secretValues,
          secretNames,
        );
        deps.checkDestination?.(planned, input, 'http');
      } catch (error) {
        history.record({ request, auth, secretValues: usedSecrets, error: errorSummary(error), origin, ...recorded });
        throw error;
      }
      try {
        const sent = await deps.requests.send(input.requestId, planned, onProgress);
        const unstoredBecause = capturesUnstoredBecause(deps.collections, saved);
        const response = await withTests(deps, sent, input, { lookup, secretValues: usedSecrets, unstoredBecause });
        history.record({
          request,
          auth,
          secretValues: usedSecrets,
          response: {
            status: response.status,
            statusText: response.statusText,
            durationMs: response.timing.totalMs,
            sizeBytes: response.body.size,
            ...(response.body.contentType === undefined ? {} : { contentType: response.body.contentType }),
          },
          origin,
          ...recorded,
        });
        return response;
      } catch (error) {
        history.record({ request, auth, secretValues: usedSecrets, error: errorSummary(error), origin, ...recorded });
        throw error;
      }
    },
  };
}

/** An http(s) URL a WebSocket was signed as, back in its ws(s) form. */
function asWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, 'ws$1:');
}

/**
 * The saved request a draft names, or undefined for one deleted from a trusted collection: the
 * user's own, sent as a draft of its own (the editor keeps the tab, and main across restarts).
 * Security: one deleted from an untrusted collection, or whose collection is not known any more,
 * is refused, never sent as a draft of its own — it may hold what an untrusted collection's
 * request said.
 */
function findSaved(collections: CollectionsService, id: string, refusal: string): RequestContext | undefined {
  try {
    return collections.getRequest(id);
  } catch (error) {
    if (!isShomeiError(error) || error.code !== 'NOT_FOUND') throw error;
    const deletedFrom = collections.deletedFrom(id);
    if (deletedFrom !== undefined && collections.isTrusted(deletedFrom)) return undefined;
    throw new ShomeiError(
      'NOT_FOUND',
      `${refusal}: the saved request this tab was opened from was deleted, and its collection was not trusted (or is not known any more), so what it may do can no longer be checked. Close the tab, or undo the delete and trust the collection first.`,
      { savedRequestId: id },
    );
  }
}

function errorSummary(error: unknown): { code: string; message: string } {
  return isShomeiError(error)
    ? { code: error.code, message: error.message }
    : { code: 'INTERNAL', message: 'The send failed' };
}
