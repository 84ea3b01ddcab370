import { randomBytes } from 'node:crypto';
import type { RequestDraft } from '../../../shared/contract/collections';
import {
  RequestSpecSchema,
  type CredentialSource,
  type InlineCredentials,
  type SendOptionsInput,
  type RequestSpecInput,
  type ResponseSummary,
} from '../../../shared/contract/http';
import { BINARY_CONTENT_TYPE, multipartContentType, textBodyOf } from '../../../shared/encoding/body-encoding';
import { isShomeiError, ShomeiError } from '../../../shared/errors';
import type { HistoryService, SendRecord } from '../history/history-service';
import type { AuthTarget, Refusal } from '../auth/auth-type';
import { applyAuth } from '../auth/registry';
import type { AuthExtras, SendableSpec } from '../requests/build-body';
import { filePiece, streamedBody, type BodyPiece, type FilePiece, type StreamedBody } from '../requests/streamed-body';
import type { ProgressSink, RequestService } from '../requests/request-service';
import { testResponse } from '../checks/response-checks';
import type { CapturedValue } from '../checks/evaluate-checks';
import { storeCaptured } from '../checks/store-captured';
import { resolveRequestOrThrow, type ResolvedRequest } from '../variables/resolve-request';
import type { VariableLookup } from '../variables/substitute';
import type { SecretValueStore } from '../variables/secret-value-store';
import type { CollectionsService, RequestContext } from './collections-service';
import type { EnvironmentsService } from './environments-service';

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
  /** The credential source the draft would sign with, or the refusal a send would meet; nothing is signed. */
  credentialsOf(input: Omit<DraftSend, 'requestId'>): Promise<ChosenCredentials>;
}

/** The credentials a draft would sign with: none (not signed), or a source and whether it is the app-wide default. */
export type ChosenCredentials =
  { kind: 'unsigned' } | { kind: 'source'; source: CredentialSource; isAppDefault: boolean };

/** Builds the draft sender. */
export function createDraftSender(deps: DraftSenderDeps): DraftSender {
  // 5 GiB: the largest single PUT S3 takes. Files are streamed, never held in memory whole.
  const maxFileBytes = deps.maxFileBytes ?? 5 * 1024 ** 3;
  /** The draft resolved (variables, inheritance, files) into a checked spec, without sending it. */
  const specOf = async (input: Omit<DraftSend, 'requestId'>): Promise<SendableSpec> => {
    const saved = input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId);
    const { request, secretValues } = await resolveRequestOrThrow({
      request: input.request,
      collection: saved?.collection,
      ancestors: saved?.ancestors,
      environment: deps.environments.getActive(),
      secrets: deps.secrets,
    });
    assertTrusted(request, input, saved, 'Not signed');
    // The inspector's canonical request shows a secret variable's value redacted; a presigned URL
    // is handed over whole, as SECURITY.md says.
    return withSecretHeaders(
      await checkedSpec(request, input, chooseCredentials(request, input, 'Not signed'), files, 'Not signed'),
      secretValues,
    );
  };
  /**
   * Security: a request of a collection that was imported and not trusted yet reads no local
   * file, uses no connect-to, no `Host` override and no credentials (AWS keys, a bearer token,
   * basic auth, an API key). Checked here, in main, for sending, presigning, the inspector and
   * the identity line alike, before any file is opened or any key resolved.
   */
  const assertTrusted = (
    request: ResolvedRequest,
    input: Omit<DraftSend, 'requestId'>,
    saved: RequestContext | undefined,
    refusal: Refusal,
  ): void => {
    if (!saved || deps.collections.isTrusted(saved.collection.id)) return;
    const asks: string[] = [];
    if (request.body.kind === 'binary') asks.push(`read the local file ${request.body.filePath.slice(0, 300)}`);
    if (request.body.kind === 'multipart') {
      for (const part of request.body.parts)
        if (part.kind === 'file') asks.push(`read the local file ${part.filePath.slice(0, 300)}`);
    }
    if (input.options?.connectTo)
      asks.push(`connect to ${input.options.connectTo.slice(0, 300)} instead of the URL's host`);
    if (request.auth.type !== 'none' || request.auth.apiKey) {
      const host = request.headers.find(([name]) => name.toLowerCase() === 'host');
      if (host) asks.push(`sign for the Host ${host[1].slice(0, 300)}`);
      asks.push(request.auth.type === 'aws-sigv4' ? 'sign with your AWS credentials' : 'send your credentials');
    }
    if (asks.length === 0) return;
    throw new ShomeiError(
      'UNTRUSTED',
      `${refusal}: the collection "${saved.collection.name}" was imported and is not trusted yet, and this request would ${asks.join(', ')}. Review what it does in the banner above the request, and trust the collection to allow it.`,
      { collectionId: saved.collection.id },
    );
  };
  const files: BodyFileRules = { maxFileBytes, checkBodyFile: deps.checkBodyFile };
  /**
   * Security: the keys a send uses are the ones the user chose — typed keys, the request's,
   * folder's or collection's source, or the app-wide default once turned on. Nothing chosen is
   * refused with what to choose; empty typed keys never fall through to another source.
   */
  const chooseCredentials = (
    request: ResolvedRequest,
    input: Omit<DraftSend, 'requestId'>,
    refusal: string,
  ): ChosenCredentials => {
    if (request.auth.type !== 'aws-sigv4') return { kind: 'unsigned' };
    if (input.credentials) return { kind: 'source', source: input.credentials, isAppDefault: false };
    if (input.usesTypedKeys) {
      throw new ShomeiError(
        'CREDENTIALS_MISSING',
        `${refusal}: the Auth tab says "Keys typed or pasted here" but the access key ID and secret are empty. Paste or type the keys, or choose a saved credential profile, an AWS profile, environment variables or the default chain.`,
        { missing: 'typed-keys' },
      );
    }
    if (request.auth.credentialSource)
      return { kind: 'source', source: request.auth.credentialSource, isAppDefault: false };
    const fallback = deps.defaultCredentialSource?.() ?? null;
    if (fallback) return { kind: 'source', source: fallback, isAppDefault: true };
    throw new ShomeiError(
      'CREDENTIALS_MISSING',
      `${refusal}: no credentials are chosen for this request. Its Auth tab says "inherit" and neither its folders nor its collection choose a source. Choose a saved credential profile, an AWS profile, environment variables or the default chain in the Auth tab or the collection's settings, or turn on an app-wide default in Credentials.`,
      { missing: 'credential-source' },
    );
  };
  return {
    async credentialsOf(input) {
      const saved = input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId);
      const { request } = await resolveRequestOrThrow({
        request: input.request,
        collection: saved?.collection,
        ancestors: saved?.ancestors,
        environment: deps.environments.getActive(),
        secrets: deps.secrets,
      });
      assertTrusted(request, input, saved, 'Not sent');
      return chooseCredentials(request, input, 'Not sent');
    },
    presign: async (input) => deps.requests.presign(await specOf(input)),
    inspect: async (input) => deps.requests.inspect(await specOf(input)),
    async send(input, onProgress) {
      const saved = input.savedRequestId === undefined ? undefined : findSaved(deps.collections, input.savedRequestId);
      const { request, secretValues, lookup } = await resolveRequestOrThrow({
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
      const origin = saved ? { collectionId: saved.collection.id, requestId: saved.request.id } : undefined;
      // History keeps the source that signed and the options, so a re-send from it is the same send.
      const recorded: Pick<SendRecord, 'options' | 'credentials'> = { options: input.options };
      const history = input.isRecorded === false ? { record: () => undefined } : deps.history;
      let spec: SendableSpec;
      try {
        assertTrusted(request, input, saved, 'Not sent');
        const chosen = chooseCredentials(request, input, 'Not sent');
        if (chosen.kind === 'source') recorded.credentials = chosen;
        spec = withSecretHeaders(await checkedSpec(request, input, chosen, files, 'Not sent'), secretValues);
      } catch (error) {
        history.record({ request, secretValues: usedSecrets, error: errorSummary(error), origin, ...recorded });
        throw error;
      }
      try {
        const sent = await deps.requests.send(input.requestId, spec, onProgress);
        const response = await withTests(deps, sent, input, { lookup, secretValues: usedSecrets });
        history.record({
          request,
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
        history.record({ request, secretValues: usedSecrets, error: errorSummary(error), origin, ...recorded });
        throw error;
      }
    },
  };
}

/** The response with its checks' and captures' results; captured values go to the active environment outside a run. */
async function withTests(
  deps: DraftSenderDeps,
  response: ResponseSummary,
  input: DraftSend,
  context: { lookup: VariableLookup; secretValues: readonly string[] },
): Promise<ResponseSummary & { captured?: CapturedValue[] }> {
  const { checks, captures } = input.request;
  if ((checks?.length ?? 0) === 0 && (captures?.length ?? 0) === 0) return response;
  const tests = testResponse(response, input.request, { ...context, readBody: deps.requests.readBody });
  const results = input.runVariables ? tests.captures : await storeCaptured(deps.environments, tests.captured);
  return {
    ...response,
    tests: { checks: tests.checks, captures: results },
    ...(input.runVariables ? { captured: tests.captured } : {}),
  };
}

/**
 * Security: a header whose value came from a secret variable (an `X-Api-Key: {{apiKey}}`, a
 * `Cookie: session={{sid}}`) carries a credential: it never goes to another origin on a redirect,
 * and its secret is redacted from the summaries, like an auth type's own header.
 */
function withSecretHeaders(spec: SendableSpec, secretValues: readonly string[]): SendableSpec {
  const secrets = secretValues.filter((value) => value !== '');
  if (secrets.length === 0) return spec;
  const names = spec.headers
    .filter((row) => secrets.some((secret) => row.value.includes(secret)))
    .map((row) => row.name);
  const extras = spec.authExtras ?? { secrets: [], credentialHeaders: [] };
  return {
    ...spec,
    authExtras: {
      secrets: [...new Set([...extras.secrets, ...secrets])],
      credentialHeaders: [...new Set([...extras.credentialHeaders, ...names])],
    },
  };
}

/** Which body files may be read, and how large. */
export interface BodyFileRules {
  maxFileBytes: number;
  /** The real path to open, or a throw (see `DraftSenderDeps.checkBodyFile`). */
  checkBodyFile: (path: string) => string;
}

/** The resolved request as a spec the request service takes, checked against the contract; files stay on disk. */
async function checkedSpec(
  request: ResolvedRequest,
  input: Omit<DraftSend, 'requestId'>,
  chosen: ChosenCredentials,
  files: BodyFileRules,
  refusal: Refusal,
): Promise<SendableSpec> {
  const { spec, streamed, authExtras } = await toRequestSpec(
    request,
    chosen.kind === 'source' ? chosen.source : undefined,
    files,
    refusal,
  );
  const checked = RequestSpecSchema.safeParse({ ...spec, ...(input.options ? { options: input.options } : {}) });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ShomeiError(
      'INVALID_INPUT',
      `${refusal}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not valid'}`.trim(),
    );
  }
  return { ...checked.data, ...(streamed ? { body: streamed } : {}), authExtras };
}

function findSaved(collections: CollectionsService, id: string): RequestContext | undefined {
  try {
    return collections.getRequest(id);
  } catch {
    // The saved request was deleted meanwhile: send the draft on its own.
    return undefined;
  }
}

function errorSummary(error: unknown): { code: string; message: string } {
  return isShomeiError(error)
    ? { code: error.code, message: error.message }
    : { code: 'INTERNAL', message: 'The send failed' };
}

/**
 * The resolved request as the request service's spec, with the credentials chosen for it (see
 * `chooseCredentials`). Text bodies are in the spec; file bodies (binary, multipart with files)
 * come back as `streamed`, read from disk as they are hashed and sent, and the spec's body is then `none`.
 */
export async function toRequestSpec(
  request: ResolvedRequest,
  chosen: CredentialSource | undefined,
  files: BodyFileRules,
  refusal: Refusal = 'Not sent',
): Promise<{ spec: RequestSpecInput; streamed?: StreamedBody; authExtras: AuthExtras }> {
  const { maxFileBytes } = files;
  let body: RequestSpecInput['body'] = { kind: 'none' };
  let streamed: StreamedBody | undefined;
  const fileOf = (path: string): FilePiece => {
    // Security: only inside the working directory or allowed one by one, after resolving `..`,
    // `//` and symlinks; the real path is what is opened.
    const real = files.checkBodyFile(path);
    let piece: FilePiece;
    try {
      piece = filePiece(real);
    } catch (error) {
      if (isShomeiError(error)) throw error;
      throw new ShomeiError(
        'INVALID_INPUT',
        `Not sent: the file ${path.slice(0, 300)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (piece.size > maxFileBytes)
      throw new ShomeiError('INVALID_INPUT', `Not sent: ${path} is larger than ${formatLimit(maxFileBytes)}`);
    return piece;
  };
  switch (request.body.kind) {
    case 'none':
      break;
    case 'text':
    case 'form-urlencoded':
      body = { kind: 'text', ...textBodyOf(request.body) };
      break;
    case 'multipart': {
      // One boundary per send, fixed before hashing: the bytes hashed are the bytes sent.
      const boundary = `----shomei${randomBytes(12).toString('hex')}`;
      const pieces: BodyPiece[] = [];
      for (const part of request.body.parts) {
        const name = part.name.replace(/["\r\n]/g, '_');
        if (part.kind === 'text') {
          const type = part.contentType ? `Content-Type: ${part.contentType.replace(/[\r\n]/g, '')}\r\n` : '';
          pieces.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n${type}\r\n${part.value}\r\n`,
              'utf8',
            ),
          );
        } else {
          const fileName = (part.filePath.split(/[\\/]/).pop() ?? 'file').replace(/["\r\n]/g, '_');
          const type = (part.contentType ?? BINARY_CONTENT_TYPE).replace(/[\r\n]/g, '');
          pieces.push(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
              'utf8',
            ),
            fileOf(part.filePath),
            Buffer.from('\r\n'),
          );
        }
      }
      pieces.push(Buffer.from(`--${boundary}--\r\n`));
      streamed = streamedBody(pieces, multipartContentType(boundary));
      break;
    }
    case 'binary':
      streamed = streamedBody([fileOf(request.body.filePath)], request.body.contentType ?? BINARY_CONTENT_TYPE);
      break;
  }
  // The auth adds its headers or query (an API key beside a signer first), or names the signer.
  const target: AuthTarget = {
    url: request.url,
    headers: request.headers.map(([n, v]): [string, string] => [n, v]),
    secrets: [],
    credentialHeaders: [],
  };
  await applyAuth(request.auth, target, { chosenCredentials: chosen, now: () => new Date() }, refusal);
  const spec: RequestSpecInput = {
    method: request.method,
    url: target.url,
    headers: target.headers.map(([name, value]) => ({ name, value, isEnabled: true })),
    body,
    auth: target.signer ?? { type: 'none' },
  };
  return {
    spec,
    ...(streamed ? { streamed } : {}),
    authExtras: { secrets: target.secrets.filter((s) => s !== ''), credentialHeaders: target.credentialHeaders },
  };
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
