import { createHttpTransport, type HttpTransport } from './http/http-transport';
import { createRequestService, resolveInlineCredentials, type RequestService } from './requests/request-service';

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
}

/** Every core service, built once per host. */
export interface Core {
  host: HostKind;
  version: string;
  dataDir: string;
  now: () => Date;
  requests: RequestService;
  /** Flushes pending writes and closes connections; hosts call it on quit. */
  close(): Promise<void>;
}

/** The composition root of the core, shared by every host (Electron, browser mode, CLI, tests). */
export function createCore(deps: CoreDeps): Core {
  const now = deps.now ?? (() => new Date());
  const transport = deps.transport ?? createHttpTransport({ now });
  const requests = createRequestService({ transport, resolveCredentials: resolveInlineCredentials, now });
  return {
    host: deps.host,
    version: deps.version,
    dataDir: deps.dataDir,
    now,
    requests,
    close: () => transport.close(),
  };
}
