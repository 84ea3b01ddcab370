import { RequestSpecSchema, type Auth, type RequestSpecInput, type SendOptions } from '../../../shared/contract/http';
import type { SignInput } from '../signing/sign-request';
import type { StreamedBody } from './streamed-body';

/**
 * A body as it will be hashed and sent: its exact bytes (a text body as UTF-8, no body as none),
 * or the files it is read from as it is hashed and sent. Built once, so the hash and the wire can
 * never disagree.
 */
export type BodyPlan = { kind: 'bytes'; bytes: Uint8Array; contentType?: string | undefined } | StreamedBody;

/** What on a request is secret, for the request service to protect. */
export interface RequestSecrets {
  /** Secrets on the request (a token, a password, an API key, a secret variable's value): redacted from every summary. */
  values: string[];
  /** Headers carrying credentials: never sent to another origin on a redirect. */
  credentialHeaders: string[];
  /** Secret variables' values → their names: summaries show `{{name}}` for them instead of a plain redaction. */
  names?: ReadonlyMap<string, string> | undefined;
  /** Headers whose value came from a secret variable (not an auth type): shown with `{{name}}` in place of the value. */
  variableHeaders?: string[] | undefined;
}

/**
 * One request as main sends it: variables substituted, inherited settings and its auth applied,
 * its credentials chosen and its body planned. What Send, Preview signature, Copy presigned URL,
 * a WebSocket handshake and an AppSync subscription take. Lives in main only: `auth` names the
 * credentials and `secrets` holds secret values.
 */
export interface PlannedRequest {
  method: string;
  url: string;
  /** Every header the auth and the user set, in order; the signer adds its own and `host`. */
  headers: Array<[string, string]>;
  body: BodyPlan;
  /** Not signed, or signed with SigV4/SigV4a by the request service after every other header is in place. */
  auth: Auth;
  options: SendOptions;
  secrets: RequestSecrets;
}

/** No body: no bytes and no Content-Type. */
export const NO_BODY: BodyPlan = { kind: 'bytes', bytes: new Uint8Array(0) };

/**
 * The contract's `RequestSpec` (what `shomei bench`, the request service's own tests and the
 * interop tests compose) parsed and planned as the request service takes it: enabled headers,
 * the body as its bytes, no secret beyond the keys. Throws the schema's error for a bad spec.
 */
export function planRequestSpec(input: RequestSpecInput): PlannedRequest {
  const spec = RequestSpecSchema.parse(input);
  const { body } = spec;
  return {
    method: spec.method,
    url: spec.url,
    headers: spec.headers.filter((row) => row.isEnabled).map((row) => [row.name, row.value]),
    body:
      body.kind === 'none'
        ? NO_BODY
        : {
            kind: 'bytes',
            bytes: body.kind === 'text' ? Buffer.from(body.text, 'utf8') : Buffer.from(body.base64, 'base64'),
            contentType: body.contentType,
          },
    auth: spec.auth,
    options: spec.options,
    secrets: { values: [], credentialHeaders: [] },
  };
}

/** How the planned request's AWS Signature signs: scope, algorithm, query or header, payload hash. */
export function signingOptionsOf(
  auth: Extract<PlannedRequest['auth'], { type: 'aws-sigv4' }>,
): Pick<
  SignInput,
  | 'region'
  | 'service'
  | 'isQuerySigned'
  | 'expiresInSeconds'
  | 'isSessionTokenSigned'
  | 'algorithm'
  | 'regionSet'
  | 'payload'
> {
  return {
    region: auth.region,
    service: auth.service,
    isQuerySigned: auth.isQuerySigned,
    expiresInSeconds: auth.expiresInSeconds,
    isSessionTokenSigned: auth.isSessionTokenSigned,
    algorithm: auth.algorithm,
    regionSet: auth.regionSet,
    ...(auth.payload === undefined ? {} : { payload: auth.payload === 'unsigned' ? 'unsigned' : 'signed' }),
  };
}

/** The planned request's headers as they are signed and sent, with the body's Content-Type unless one is set. */
export function headersToSign(request: PlannedRequest, contentType: string | undefined): Array<[string, string]> {
  // HTTP drops leading and trailing whitespace of a value in transit; trim it here so what is
  // signed, what is sent and what the server reads are the same string.
  const headers = request.headers.map(([name, value]): [string, string] => [name, value.trim()]);
  const hasContentType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  if (!hasContentType && contentType) headers.push(['Content-Type', contentType]);
  return headers;
}
