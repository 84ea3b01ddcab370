import type { RequestBody, RequestSpec } from '../../../shared/contract/http';
import type { StreamedBody } from './streamed-body';

/** What an auth other than SigV4 put on the request, for the request service to protect. */
export interface AuthExtras {
  /** Secrets on the request (a token, a password, an API key): redacted from every summary. */
  secrets: string[];
  /** Headers carrying credentials: never sent to another origin on a redirect. */
  credentialHeaders: string[];
}

/** A request as the request service takes it: the contract's spec, or one whose body is read from disk as it is sent. */
export type SendableSpec = Omit<RequestSpec, 'body'> & {
  body: RequestBody | StreamedBody;
  authExtras?: AuthExtras | undefined;
};

/** The body of a request: its exact bytes, or the files it is streamed from, and the Content-Type that describes them. */
export type BuiltBody =
  | { bytes: Uint8Array; streamed?: undefined; contentType: string | undefined }
  | { bytes?: undefined; streamed: StreamedBody; contentType: string | undefined };

/**
 * Turns the composed body into the bytes that will be hashed, signed and sent — once, so the
 * hash and the wire can never disagree. A streamed body stays on disk; it is hashed as a stream
 * and checked against that hash as it is sent.
 */
export function buildBody(spec: SendableSpec): BuiltBody {
  const body = spec.body;
  switch (body.kind) {
    case 'none':
      return { bytes: new Uint8Array(0), contentType: undefined };
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: body.contentType };
    case 'base64':
      return { bytes: Buffer.from(body.base64, 'base64'), contentType: body.contentType };
    case 'streamed':
      return { streamed: body, contentType: body.contentType };
  }
}
