import { createCollectionsService, type CollectionsService } from './collections/collections-service';
import { createDraftSender, type DraftSender } from './collections/draft-sender';
import { createEnvironmentsService, type EnvironmentsService } from './collections/environments-service';
import { openWorkspaceStore } from './collections/workspace-store';
import { openSessionStore, type SessionStore } from './session/session-store';
import { createHistoryService, type HistoryService } from './history/history-service';
import { createHttpTransport, type HttpTransport } from './http/http-transport';
import type { QuarantineNotice } from './storage/document-store';
import { createEncryptedSecretValueStore } from './variables/encrypted-secret-value-store';
import type { SecretValueStore } from './variables/secret-value-store';
import type { ResealsBlobs, SecretCipher } from './vault/secret-cipher';
import { createRequestService, type RequestService } from './requests/request-service';
import { createRunnerService, type RunnerService } from './runner/runner-service';
import { createCredentialsService, type CredentialsService } from './credentials/credentials-service';
import type { StsApi } from './credentials/sts';
import type { CognitoIdpApi } from './cognito/cognito-idp';
import type { CognitoIdentityApi } from './cognito/cognito-identity';
import { createOAuth2Tokens, type OAuth2Tokens } from './auth/oauth2-tokens';
import { createCognitoUserPoolSessions, type CognitoUserPoolSessions } from './cognito/user-pool-sessions';
import { createPassphraseVault } from './vault/passphrase-cipher';
import { createTestCipher } from './vault/memory-ciphers';
import { createDestinationCheck, type DestinationCheck } from './trust/destination-check';
import { assertNoSecretsForUntrusted } from './trust/collection-secrets';
import { assertEnvironmentTrusted } from './trust/environment-trust';
import { createTrustSettings, type TrustSettingsService } from './settings/trust-settings';
import { createSubscriptionService, type SubscriptionService } from './appsync/subscription-service';
import { createWebSocketService, type WebSocketService } from './websocket/websocket-service';

/** Which door the core sits behind. */
export type HostKind = 'electron' | 'browser' | 'test';

/** What a host hands the core: where data lives, the clock, the environment. */
export interface CoreDeps {
  host: HostKind;
  version: string;
  dataDir: string;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  transport?: HttpTransport;
  /** Where secret variable values live. Default: encrypted with the host's cipher. */
  secrets?: SecretValueStore;
  /**
   * The host's cipher for credentials and secret variable values (Electron: the OS keychain).
   * Default: a passphrase vault in `dataDir` (browser mode, CLI, Electron without a real
   * keychain); the `test` host gets a test cipher.
   */
  cipher?: SecretCipher;
  /** STS calls (AssumeRole, GetCallerIdentity); default: the AWS SDK. */
  sts?: StsApi;
  /** Cognito user pool calls (InitiateAuth, RespondToAuthChallenge); default: the AWS SDK. */
  cognitoIdp?: CognitoIdpApi;
  /** Cognito identity pool calls (GetId, GetCredentialsForIdentity); default: the AWS SDK. */
  cognitoIdentity?: CognitoIdentityApi;
  /** Quiet time before collections and history are written (default 300 ms); `close()` flushes. */
  saveDelayMs?: number;
  /** Where body files are read from until the user chooses another folder (default `~/Shomei`). */
  workingDirectory?: string;
}

/** Every core service, built once per host. */
export interface Core {
  host: HostKind;
  version: string;
  dataDir: string;
  now: () => Date;
  requests: RequestService;
  collections: CollectionsService;
  environments: EnvironmentsService;
  history: HistoryService;
  /** Sends editor drafts with variables substituted, and records history. */
  drafts: DraftSender;
  /** Runs collections and folders as tests (the Runner, `shomei run`). */
  runner: RunnerService;
  secrets: SecretValueStore;
  /** Saved credential profiles, the vault, and every credential source. */
  credentials: CredentialsService;
  /** The window's open tabs and unsaved drafts, kept for a reload, a restart or a crash. */
  session: SessionStore;
  /** The app-wide default credential source, the working directory and the files allowed outside it. */
  trust: TrustSettingsService;
  /** Cognito user pool sessions (tokens in main's memory only). */
  cognito: CognitoUserPoolSessions;
  /** "Signed for one host, sent to another": the asks and the user's recorded answers. */
  destinations: DestinationCheck;
  /** OAuth 2.0 client credentials tokens (in main's memory only). */
  oauth2: OAuth2Tokens;
  /** Store files that could not be read at start and were moved aside, for the user to be told. */
  storeNotices(): QuarantineNotice[];
  /** AppSync real-time subscriptions, their WebSockets owned by main. */
  subscriptions: SubscriptionService;
  /** WebSocket connections main owns for the window's WebSocket requests. */
  websockets: WebSocketService;
  /** Writes every pending change of collections and history now. */
  flush(): void;
  /** Flushes pending writes and closes connections; hosts call it on quit. */
  close(): Promise<void>;
}

/** Calls `load` once, at the first call of the function it returns, and keeps its promise. */
function atFirstCall<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** The Cognito user pool API; its SDK client loads at the first Cognito call, not when a host starts. */
function sdkCognitoIdpAtFirstCall(): CognitoIdpApi {
  const api = atFirstCall(async () => (await import('./cognito/cognito-idp')).createSdkCognitoIdp());
  return {
    initiateAuth: async (at, input) => (await api()).initiateAuth(at, input),
    respondToAuthChallenge: async (at, input) => (await api()).respondToAuthChallenge(at, input),
  };
}

/** The Cognito identity pool API, loaded likewise. */
function sdkCognitoIdentityAtFirstCall(): CognitoIdentityApi {
  const api = atFirstCall(async () => (await import('./cognito/cognito-identity')).createSdkCognitoIdentity());
  return {
    getId: async (at, input) => (await api()).getId(at, input),
    getCredentialsForIdentity: async (at, input) => (await api()).getCredentialsForIdentity(at, input),
  };
}

/** The composition root of the core, shared by every host (Electron, browser mode, CLI, tests). */
export function createCore(deps: CoreDeps): Core {
  const now = deps.now ?? (() => new Date());
  const transport = deps.transport ?? createHttpTransport({ now });
  const env = deps.env ?? process.env;
  const cipher =
    deps.cipher ?? (deps.host === 'test' ? createTestCipher() : createPassphraseVault({ dataDir: deps.dataDir }));
  const blobOwners: ResealsBlobs[] = [];
  let secrets: SecretValueStore;
  if (deps.secrets) secrets = deps.secrets;
  else {
    const encrypted = createEncryptedSecretValueStore({ dataDir: deps.dataDir, cipher, now });
    blobOwners.push(encrypted);
    secrets = encrypted;
  }
  const cognito = createCognitoUserPoolSessions({ idp: deps.cognitoIdp ?? sdkCognitoIdpAtFirstCall(), now });
  const credentials = createCredentialsService({
    cognito: { identity: deps.cognitoIdentity ?? sdkCognitoIdentityAtFirstCall(), userPools: cognito },
    dataDir: deps.dataDir,
    cipher,
    env,
    now,
    ...(deps.sts ? { sts: deps.sts } : {}),
    otherBlobOwners: blobOwners,
    onUpgradeError: (error) =>
      console.error(
        `Shomei could not re-encrypt stored secrets (it will try again): ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  // A cipher that needs no unlock (the OS keychain) migrates older blobs once, at start.
  if (cipher.isReady()) void credentials.upgradeBlobs();
  const requests = createRequestService({
    transport,
    resolveCredentials: (source) => credentials.resolver.resolve(source),
    now,
  });
  const saveDelayMs = deps.saveDelayMs ?? 300;
  const onSaveError = (error: unknown) =>
    console.error(`Shomei could not save: ${error instanceof Error ? error.message : String(error)}`);
  const workspace = openWorkspaceStore({ dataDir: deps.dataDir, saveDelayMs, onSaveError, now });
  const collections = createCollectionsService({ workspace, secrets });
  const environments = createEnvironmentsService({ workspace, secrets });
  const session = openSessionStore({ dataDir: deps.dataDir, now });
  const history = createHistoryService({
    dataDir: deps.dataDir,
    saveDelayMs,
    onSaveError,
    now,
    collectionOf: (collectionId) => {
      const found = collections.list().find((c) => c.id === collectionId);
      return found && { name: found.name, isTrusted: collections.isTrusted(collectionId) };
    },
  });
  const trust = createTrustSettings({ dataDir: deps.dataDir, defaultWorkingDirectory: deps.workingDirectory, now });
  const destinations = createDestinationCheck({ dataDir: deps.dataDir, now });
  const oauth2 = createOAuth2Tokens({ transport, now });
  const drafts = createDraftSender({
    cognito,
    oauth2,
    collections,
    environments,
    history,
    requests,
    secrets,
    defaultCredentialSource: () => trust.defaultCredentialSource(),
    checkBodyFile: (path) => trust.checkBodyFile(path),
    checkEnvironment: async (scope, refusal) => {
      await assertEnvironmentTrusted(scope, (id) => environments.isTrusted(id), refusal);
      await assertNoSecretsForUntrusted(scope, (id) => collections.isTrusted(id), refusal);
    },
    checkDestination: (spec, input, via) =>
      destinations.assertConsented(spec, input, {
        isRun: input.redirectedSigning === 'refuse' || input.redirectedSigning === 'allow',
        isAllowed: input.redirectedSigning === 'allow',
        via,
      }),
  });
  const runner = createRunnerService({ collections, drafts, requests });
  const subscriptions = createSubscriptionService({
    resolveCredentials: (source) => credentials.resolver.resolve(source),
    now,
  });
  const websockets = createWebSocketService({ now });
  const flush = (): void => {
    workspace.flush();
    history.flush();
  };
  return {
    host: deps.host,
    version: deps.version,
    dataDir: deps.dataDir,
    now,
    requests,
    collections,
    environments,
    history,
    drafts,
    runner,
    secrets,
    credentials,
    session,
    trust,
    cognito,
    subscriptions,
    websockets,
    destinations,
    oauth2,
    storeNotices: () =>
      [
        workspace.notice,
        history.document.notice,
        credentials.store.document.notice,
        session.notice,
        trust.document.notice,
        destinations.document.notice,
      ].filter((n): n is QuarantineNotice => n !== undefined),
    flush,
    async close() {
      try {
        flush();
      } finally {
        subscriptions.closeAll();
        websockets.closeAll();
        requests.dispose();
        await transport.close();
      }
    },
  };
}
