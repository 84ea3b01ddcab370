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
import { createPassphraseVault } from './vault/passphrase-cipher';
import { createTestCipher } from './vault/memory-ciphers';
import { createTrustSettings, type TrustSettingsService } from './settings/trust-settings';

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
  /** Store files that could not be read at start and were moved aside, for the user to be told. */
  storeNotices(): QuarantineNotice[];
  /** Writes every pending change of collections and history now. */
  flush(): void;
  /** Flushes pending writes and closes connections; hosts call it on quit. */
  close(): Promise<void>;
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
  const credentials = createCredentialsService({
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
  const history = createHistoryService({ dataDir: deps.dataDir, saveDelayMs, onSaveError, now });
  const trust = createTrustSettings({ dataDir: deps.dataDir, defaultWorkingDirectory: deps.workingDirectory, now });
  const drafts = createDraftSender({
    collections,
    environments,
    history,
    requests,
    secrets,
    defaultCredentialSource: () => trust.defaultCredentialSource(),
    checkBodyFile: (path) => trust.checkBodyFile(path),
  });
  const runner = createRunnerService({ collections, drafts, requests });
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
    storeNotices: () =>
      [
        workspace.notice,
        history.document.notice,
        credentials.store.document.notice,
        session.notice,
        trust.document.notice,
      ].filter((n): n is QuarantineNotice => n !== undefined),
    flush,
    async close() {
      try {
        flush();
      } finally {
        requests.dispose();
        await transport.close();
      }
    },
  };
}
