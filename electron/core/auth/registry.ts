import type { AuthType, HistoryAuth, SavedAuth, SavedAuthOf } from '../../../shared/contract/auth';
import { apiKeyAuth, applyApiKey, resolveApiKey, type ResolvedApiKey } from './api-key';
import type { AuthApplyContext, AuthLink, AuthResolveContext, AuthTarget, AuthTypeModule, Refusal } from './auth-type';
import type { AuthImport, PostmanAuthParam } from './interop';
import { awsSigV4Auth } from './aws-sigv4';
import { basicAuth } from './basic';
import { bearerAuth } from './bearer';
import { cognitoUserPoolAuth } from './cognito-user-pool';
import { oauth2Auth } from './oauth2';

// The one table of auth types in the core. Adding a type: its module beside this file and a line here.
const MODULES = {
  'aws-sigv4': awsSigV4Auth,
  bearer: bearerAuth,
  basic: basicAuth,
  // Before the API key: an API Gateway Cognito authorizer is an `apiKey` scheme in OpenAPI too.
  'cognito-user-pool': cognitoUserPoolAuth,
  'api-key': apiKeyAuth,
  oauth2: oauth2Auth,
} as const;

type Modules = typeof MODULES;
type ResolvedOf<M> = M extends { resolve(...args: never[]): Promise<infer R> } ? R : never;

/** An auth after inheritance and substitution, secrets read: lives in main for one send only. */
export type ResolvedAuth =
  | { type: 'none'; apiKey?: undefined }
  | ({ [T in keyof Modules]: ResolvedOf<Modules[T]> }[keyof Modules] & { apiKey?: ResolvedApiKey | undefined });

type AnyModule = AuthTypeModule<AuthType, Exclude<ResolvedAuth, { type: 'none' }>>;

function moduleOf(type: keyof Modules): AnyModule {
  return MODULES[type] as unknown as AnyModule;
}

/** The module of an auth type. */
export function authModule<T extends keyof Modules>(type: T): Modules[T] {
  return MODULES[type];
}

/** Every registered auth type, for menus and tests. */
export const AUTH_TYPES = Object.keys(MODULES) as Array<keyof Modules>;

/**
 * The auth a request is sent with: the closest link that is not `inherit`; its module reads what
 * it inherits from the links of the same type above. `none`, or nothing set anywhere, is no auth.
 * An API key set beside the auth is resolved with it.
 */
export async function resolveAuth(chain: readonly AuthLink[], context: AuthResolveContext): Promise<ResolvedAuth> {
  const ownIndex = chain.findIndex((link) => link.auth.type !== 'inherit');
  const own = chain[ownIndex];
  if (!own || own.auth.type === 'none' || own.auth.type === 'inherit') return { type: 'none' };
  const type = own.auth.type;
  const links = chain.slice(ownIndex).filter((link) => link.auth.type === type) as Array<
    AuthLink<SavedAuthOf<typeof type>>
  >;
  const resolved = await moduleOf(type).resolve(links as never, context);
  const placement = 'apiKey' in own.auth ? own.auth.apiKey : undefined;
  if (placement) resolved.apiKey = await resolveApiKey(placement, context, 'auth.apiKey', own.from);
  return resolved;
}

/** Applies the resolved auth to the request at send time: an API key beside it first, then the auth itself. */
export async function applyAuth(
  auth: ResolvedAuth,
  target: AuthTarget,
  context: AuthApplyContext,
  refusal: Refusal,
): Promise<void> {
  if (auth.type === 'none') return;
  if (auth.apiKey) applyApiKey(auth.apiKey, target);
  await moduleOf(auth.type).apply(auth, target, context, refusal);
}

/** The auth as history keeps it: never a secret. */
export function authToHistory(auth: ResolvedAuth): HistoryAuth {
  if (auth.type === 'none') return { type: 'none' };
  const history = moduleOf(auth.type).toHistory(auth);
  return auth.apiKey && history.type !== 'none' && history.type !== 'api-key'
    ? { ...history, apiKey: auth.apiKey.placement }
    : history;
}

/** The saved auth a history entry reopens as. */
export function authFromHistory(history: HistoryAuth): SavedAuth {
  if (history.type === 'none') return { type: 'none' };
  const saved = moduleOf(history.type).fromHistory(history as never) as SavedAuth;
  return 'apiKey' in history && history.apiKey && saved.type !== 'api-key'
    ? ({ ...saved, apiKey: history.apiKey } as SavedAuth)
    : saved;
}

/** One line saying what a saved auth sends; `inherit` and `none` included. */
export function authSummary(auth: SavedAuth): string {
  if (auth.type === 'inherit') return 'Inherited from the folder or collection';
  if (auth.type === 'none') return 'No auth';
  const line = moduleOf(auth.type).summary(auth as never);
  return 'apiKey' in auth && auth.apiKey
    ? `${line} + ${apiKeyAuth.summary({ type: 'api-key', ...auth.apiKey })}`
    : line;
}

/** What the receiver of an exported file must set up for this auth (and an API key beside it). */
export function authExportNotes(auth: SavedAuth): string[] {
  if (auth.type === 'inherit' || auth.type === 'none') return [];
  const notes = [moduleOf(auth.type).exportNote?.(auth as never)];
  if ('apiKey' in auth && auth.apiKey) notes.push(apiKeyAuth.exportNote?.({ type: 'api-key', ...auth.apiKey }));
  return notes.filter((n): n is string => n !== undefined);
}

/** The saved auth for a Postman `auth` of a type a module maps; undefined for a type no module knows. */
export function authFromPostman(
  type: string,
  params: ReadonlyMap<string, unknown>,
  io: AuthImport,
): SavedAuth | undefined {
  const module = AUTH_TYPES.map(moduleOf).find((m) => m.postman?.type === type);
  return module?.postman?.read(params, io) as SavedAuth | undefined;
}

/** Postman's `auth` for a saved auth a module maps (`{type, [type]: params}`); undefined when none does. */
export function authToPostman(auth: SavedAuth): { type: string; params: PostmanAuthParam[] } | undefined {
  if (auth.type === 'inherit' || auth.type === 'none') return undefined;
  const module = moduleOf(auth.type);
  if (!module.postman && module.exportAs) return authToPostman(module.exportAs(auth as never));
  const postman = module.postman;
  return postman ? { type: postman.type, params: postman.write(auth as never) } : undefined;
}

/** The saved auth for an Insomnia `authentication` of a type a module maps; undefined otherwise. */
export function authFromInsomnia(auth: Readonly<Record<string, unknown>>, io: AuthImport): SavedAuth | undefined {
  const module = AUTH_TYPES.map(moduleOf).find((m) => m.insomnia?.type === auth.type);
  return module?.insomnia?.read(auth, io) as SavedAuth | undefined;
}

/**
 * The auth for an OpenAPI security requirement (scheme names, ANDed) other than AWS's: the first
 * scheme a module maps; an API key among them rides beside a bearer or Basic one, or beside `signer`
 * (AWS auth when the requirement also names a SigV4 scheme). Undefined when no module maps any.
 */
export function authFromOpenApi(
  names: readonly string[],
  schemes: Readonly<Record<string, unknown>>,
  signer?: SavedAuth,
): { auth: SavedAuth; unmapped: string[] } | undefined {
  const mapped = names.flatMap((name) => {
    const scheme = schemes[name];
    if (typeof scheme !== 'object' || scheme === null) return [];
    for (const type of AUTH_TYPES) {
      const auth = moduleOf(type).openApi?.(name.replace(/[{}\r\n]/g, '_'), scheme as Record<string, unknown>) as
        SavedAuth | undefined;
      if (auth) return [{ name, auth }];
    }
    return [];
  });
  const keyed = mapped.find((m) => m.auth.type === 'api-key')?.auth;
  const key = keyed?.type === 'api-key' ? keyed : undefined;
  const main = signer ?? mapped.find((m) => m.auth.type !== 'api-key')?.auth ?? key;
  if (!main) return undefined;
  const auth =
    key && main.type !== 'inherit' && main.type !== 'none' && main.type !== 'api-key'
      ? ({ ...main, apiKey: { in: key.in, name: key.name, valueRef: key.valueRef } } as SavedAuth)
      : main;
  const used = new Set(mapped.filter((m) => m.auth === key || m.auth === main).map((m) => m.name));
  return { auth, unmapped: names.filter((name) => !used.has(name)) };
}
