import type { RequestSpec } from '../../../shared/contract/http';

/** The exact bytes of a request body and the Content-Type that describes them. */
export interface BuiltBody {
  bytes: Uint8Array;
  contentType: string | undefined;
}

/**
 * Turns the composed body into the bytes that will be hashed, signed and sent — once, so the
 * hash and the wire can never disagree.
 */
export function buildBody(spec: RequestSpec): BuiltBody {
  const body = spec.body;
  switch (body.kind) {
    case 'none':
      return { bytes: new Uint8Array(0), contentType: undefined };
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: body.contentType };
    case 'base64':
      return { bytes: Buffer.from(body.base64, 'base64'), contentType: body.contentType };
  }
}
