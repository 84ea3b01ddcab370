import type { AuthType, HistoryAuth, SavedAuth, SavedAuthOf, SecretRef } from '../../../shared/contract/auth';
import type { Auth, CredentialSource } from '../../../shared/contract/http';
import type { CognitoUserPoolSessions } from '../cognito/user-pool-sessions';
import type { AuthImport, PostmanAuthParam } from './interop';
import type { OAuth2Connection, OAuth2Tokens } from './oauth2-tokens';

/** The folder or collection an inherited field came from. */
export interface AuthOrigin {
  kind: 'folder' | 'collection';
  id: string;
  name: string;
}

/** One saved auth of the chain a request inherits through: its own first, then folders inner to outer, then the collection. */
export interface AuthLink<A extends SavedAuth = SavedAuth> {
  auth: A;
  from?: AuthOrigin | undefined;
}

/** What resolving an auth may use: substitution and problem reporting of `resolveRequest`, and the vault. */
export interface AuthResolveContext {
  /** Substitutes `{{variables}}`; an unresolved one is reported at `location`. */
  fill(text: string, location: string, from?: AuthOrigin): string;
  /** Reports a value that may not be sent. */
  invalid(location: string, message: string, from?: AuthOrigin): void;
  /**
   * The value of a secret field: read from the vault, or its `{{variables}}` substituted. An empty
   * or missing value is reported (`label` names the field for the user) unless `isOptional`.
   * Never logs the value.
   */
  secret(ref: SecretRef, location: string, label: string, from?: AuthOrigin, isOptional?: boolean): Promise<string>;
  /** The request's URL after substitution (AWS guesses its scope from the host). */
  url: string;
}

/** Where an auth writes at send time. Headers and URL are those of the resolved request. */
export interface AuthTarget {
  url: string;
  headers: Array<[string, string]>;
  /** Set by a signer (SigV4): the request service signs after every other header is in place. */
  signer?: Exclude<Auth, { type: 'none' }> | undefined;
  /** Every secret the auth put on the request, so every summary and log redacts it. */
  secrets: string[];
  /** Header names that carry credentials: never sent to another origin on a redirect. */
  credentialHeaders: string[];
}

/** What applying an auth may use at send time. */
export interface AuthApplyContext {
  /** The credentials chosen for a signer (typed keys, the saved source, or the app-wide default the user turned on). */
  chosenCredentials?: CredentialSource | undefined;
  /** The Cognito user pool sessions the user signed in to (a Cognito auth sends their token). */
  cognito?: Pick<CognitoUserPoolSessions, 'token'> | undefined;
  /**
   * OAuth 2.0 access tokens, how a token request connects (the request's TLS, CA and proxy
   * options), and who to tell when an expired token is being renewed before the send.
   */
  oauth2?:
    { tokens: Pick<OAuth2Tokens, 'token'>; connection: OAuth2Connection; onRenewExpired?: () => void } | undefined;
  now(): Date;
}

/** Text for the refusals an auth raises at send time ("Not sent" or "Not signed"). */
export type Refusal = 'Not sent' | 'Not signed' | 'Not subscribed' | 'Not connected';

/**
 * One auth type, whole: how it inherits and resolves, how it applies itself at send time, how
 * history keeps it, and how it reads to the user. Registered once in `registry.ts`.
 */
export interface AuthTypeModule<T extends AuthType, R extends { type: T }> {
  type: T;
  /**
   * Resolves the closest auth of this type (`links[0]`, the request's own or the nearest folder's),
   * with the links above it of the same type for fields it inherits. Reports problems to `context`.
   */
  resolve(links: ReadonlyArray<AuthLink<SavedAuthOf<T>>>, context: AuthResolveContext): Promise<R>;
  /** Adds what this auth sends (headers, query, or a signer) to the request. */
  apply(resolved: R, target: AuthTarget, context: AuthApplyContext, refusal: Refusal): Promise<void> | void;
  /** What history keeps: never a secret. */
  toHistory(resolved: R): HistoryAuth;
  /** The saved auth a history entry reopens as. */
  fromHistory(history: Extract<HistoryAuth, { type: T }>): SavedAuthOf<T>;
  /** One line for the timeline and export notes: "Bearer token from the vault". */
  summary(saved: SavedAuthOf<T>): string;
  /** What the receiver of an exported file must set up; undefined when nothing. */
  exportNote?(saved: SavedAuthOf<T>): string | undefined;
  /**
   * For a type a format has no form of (Cognito in Postman): the auth written there instead, its
   * secret a `{{variable}}` the receiver fills. Read back, it is that other type.
   */
  exportAs?(saved: SavedAuthOf<T>): SavedAuth;
  /** Postman's form of this type (`auth.type` and its parameters), both ways. */
  postman?: {
    type: string;
    /** Undefined when this form of the type is not supported; `io.unsupported` has said why. */
    read(params: ReadonlyMap<string, unknown>, io: AuthImport): SavedAuthOf<T> | undefined;
    write(saved: SavedAuthOf<T>): PostmanAuthParam[];
  };
  /**
   * An OpenAPI security scheme of this type (`components.securitySchemes[name]`), or undefined when
   * it is not one. Files hold no secrets: secret fields become `{{name}}` references.
   */
  openApi?(name: string, scheme: Readonly<Record<string, unknown>>): SavedAuthOf<T> | undefined;
  /** Insomnia's `authentication` of this type. */
  insomnia?: {
    type: string;
    /** Undefined when this form of the type is not supported; `io.unsupported` has said why. */
    read(auth: Readonly<Record<string, unknown>>, io: AuthImport): SavedAuthOf<T> | undefined;
  };
}

/**
 * Sets a header that carries a credential: replaces any header of that name the user typed,
 * marks it so a redirect to another origin drops it, and has every summary redact `secrets`.
 */
export function setCredentialHeader(target: AuthTarget, name: string, value: string, secrets: readonly string[]): void {
  target.headers = target.headers.filter(([existing]) => existing.toLowerCase() !== name.toLowerCase());
  target.headers.push([name, value]);
  target.credentialHeaders.push(name);
  target.secrets.push(...secrets);
}
