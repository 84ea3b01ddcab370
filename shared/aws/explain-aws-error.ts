import { compareSigned } from './aws-error-diff';
import { explain, kindOf } from './aws-error-explain';
import { readAwsError } from './aws-error-read';

/** What Shomei signed, as the inspector shows it. Never holds a secret: tokens may be redacted. */
export interface SignedSide {
  canonicalRequest: string;
  stringToSign: string;
}

/** One AWS answer to explain, with what Shomei signed for it when it was signed. */
export interface AwsErrorInput {
  status: number;
  /** Response headers, any case (`x-amzn-errortype`, `x-amz-request-id`, `date`…). */
  headers: Array<[string, string]>;
  /** The response body as text: JSON, XML or plain. */
  body: string;
  signed?: SignedSide | undefined;
  /** When the request was signed and sent, by this computer's clock. */
  sentAt?: Date | undefined;
}

/** One line of a diff: on both sides, only in what Shomei signed, or only in what AWS expected. */
export interface DiffLine {
  kind: 'same' | 'ours' | 'theirs';
  text: string;
}

/** An AWS error put in plain words. Plain JSON apart from nothing: safe to send over IPC. */
export interface AwsErrorExplanation {
  /** AWS's error code, e.g. `SignatureDoesNotMatch`. */
  code: string;
  /** AWS's own message, trimmed (for signature errors, without the canonical strings it quotes). */
  message: string;
  /** One line for people, e.g. `The signature did not match`. */
  title: string;
  /** What it most likely means. */
  cause: string;
  nextSteps: string[];
  /** True when the fix is in how (or when) the request is signed, not in the credentials or the permissions. */
  isSignatureProblem: boolean;
  /** This computer's clock minus AWS's, in seconds: positive when ours is ahead. Only for clock errors. */
  clockSkewSeconds?: number;
  /** What AWS expected against what Shomei signed, and which part differs. */
  diff?: { of: 'canonical-request' | 'string-to-sign'; lines: DiffLine[]; culprit: string };
}

/**
 * Explains an AWS error response: recognises the code from JSON (`__type`, `code`, `message`),
 * the `x-amzn-errortype` header, query/XML (`<ErrorResponse>`, S3 `<Error>`) and API Gateway's
 * message-only answers, and says what it means and what to do. When AWS sent back the canonical
 * request or string to sign it expected, diffs it against `signed` and names the part that
 * differs. Pure and synchronous; never echoes a session token AWS quotes back. Returns
 * undefined for 1xx–3xx answers and for bodies that are not AWS errors.
 */
export function explainAwsError(input: AwsErrorInput): AwsErrorExplanation | undefined {
  if (input.status < 400) return undefined;
  const error = readAwsError(input);
  if (!error) return undefined;
  const diff = input.signed ? compareSigned(input.signed, error.theirs) : undefined;
  const explained = explain(kindOf(error), error, input, diff);
  return {
    code: error.code,
    message: error.message,
    ...explained,
    ...(diff ? { diff: { of: diff.of, lines: diff.lines, culprit: diff.culprit } } : {}),
  };
}
