import { KIND_OF_CODE, type AwsError, type Kind } from './aws-error-read';
import { SECRET_KEY_CULPRIT, SECRET_KEY_HINT, toLines, type Comparison } from './aws-error-diff';
import type { AwsErrorExplanation, AwsErrorInput } from './explain-aws-error';

const AMZ_DATE = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/;

/** Which explanation an error gets: its code's kind, refined by what the message says. */
export function kindOf(error: AwsError): Kind {
  const kind = KIND_OF_CODE[error.code] ?? 'other';
  if (kind === 'signature' && /^Signature (?:expired|not yet current):/i.test(error.message)) return 'clock';
  if (kind === 'signature' && /^Credential should be scoped/i.test(error.message)) return 'scope';
  if (kind === 'incomplete' && /region '[^']*' is wrong|expecting '[^']+'/i.test(error.message)) return 'scope';
  if (kind === 'access-denied' && /^Request has expired/i.test(error.message)) return 'presign-expired';
  return kind;
}

/** The parts of an explanation that depend on the kind of error. */
export type Explained = Pick<
  AwsErrorExplanation,
  'title' | 'cause' | 'nextSteps' | 'isSignatureProblem' | 'clockSkewSeconds'
>;

/** Says in plain words what an error of this kind means and what to do, using the diff when there is one. */
export function explain(kind: Kind, error: AwsError, input: AwsErrorInput, diff: Comparison | undefined): Explained {
  switch (kind) {
    case 'signature':
      return explainSignature(error, input, diff);
    case 'scope':
      return explainScope(error, diff);
    case 'clock':
      return explainClock(error, input);
    case 'presign-expired':
      return {
        title: 'The presigned URL has expired',
        cause: `The URL was signed to last a limited time (X-Amz-Expires${error.fields['X-Amz-Expires'] ? ` = ${error.fields['X-Amz-Expires']} s` : ''}) and, by AWS's clock, that time has passed.`,
        nextSteps: [
          'Presign the URL again, with a longer expiry if needed (at most 7 days, and never longer than the credentials last).',
          "If it should still be valid, check this computer's clock.",
        ],
        isSignatureProblem: true,
      };
    case 'expired-token':
      return {
        title: 'The temporary credentials have expired',
        cause:
          'These are temporary credentials (from SSO, assume-role or get-session-token) and their session token is past its expiry: AWS no longer accepts them.',
        nextSteps: [
          'Renew them: run `aws sso login` or assume the role again, then refresh the credentials in Shomei.',
          'Paste the new access key id, secret and session token together: all three change.',
          "If they should still be valid, check this computer's clock.",
        ],
        isSignatureProblem: false,
      };
    case 'unknown-credentials':
      return explainUnknownCredentials(input);
    case 'access-denied':
      return explainAccessDenied(error);
    case 'missing-token':
      return explainMissingToken(input);
    case 'body-hash': {
      const client = error.fields.ClientComputedContentSHA256;
      const server = error.fields.S3ComputedContentSHA256;
      return {
        title: 'The body does not match its signed hash',
        cause: `The x-amz-content-sha256 header gives one SHA-256 of the body, and AWS computed another from the bytes it received${client && server ? ` (signed: ${client}, received: ${server})` : ''}: the body changed after signing, or the header was set by hand.`,
        nextSteps: [
          'Remove any hand-written x-amz-content-sha256 header and let Shomei compute it.',
          'Make sure nothing re-encodes the body after signing: charset conversion, newline conversion, compression or a proxy.',
          'For a body you cannot hash in advance, sign UNSIGNED-PAYLOAD (S3 accepts it).',
        ],
        isSignatureProblem: true,
      };
    }
    case 'incomplete':
      return {
        title: 'The signature is incomplete or malformed',
        cause:
          'The Authorization header (or the X-Amz-* query parameters) lacks a part AWS needs — Credential, SignedHeaders, Signature, or an X-Amz-Date — or is not shaped as key=value pairs. Usually an Authorization header typed by hand or left over from another tool.',
        nextSteps: [
          'Remove any hand-written Authorization, X-Amz-Date or X-Amz-Signature header or parameter, and let Shomei sign.',
          'Check that no proxy rewrites the Authorization header.',
        ],
        isSignatureProblem: true,
      };
    case 'other':
      return {
        title: `AWS refused the request: ${error.code}`,
        cause: error.message === '' ? 'AWS gave no message with this code.' : error.message,
        nextSteps: [`Look up ${error.code} in the documentation of the service you called.`],
        isSignatureProblem: false,
      };
  }
}

function explainSignature(error: AwsError, input: AwsErrorInput, diff: Comparison | undefined): Explained {
  const title = 'The signature did not match';
  if (diff) {
    const isSecretWrong = diff.culprit === SECRET_KEY_CULPRIT;
    return {
      title,
      cause: isSecretWrong
        ? 'AWS built the same canonical request and string to sign as Shomei, so only the signing key differs: the secret access key is wrong, or the access key id belongs to another account.'
        : `The request AWS checked is not the one Shomei signed: the difference is in ${diff.culprit}.`,
      nextSteps: [...diff.hints, 'Compare the two canonical requests side by side in the inspector.'],
      isSignatureProblem: true,
    };
  }
  const hasTheirs = error.theirs.canonicalRequest !== undefined || error.theirs.stringToSign !== undefined;
  return {
    title,
    cause: hasTheirs
      ? 'AWS computed a different signature and sent back the canonical request it expected: compare it with the one Shomei signed for this request.'
      : 'AWS computed a different signature for this request. Either something changed the request after it was signed (a proxy, a redirect, a header added later, a re-encoded body), the path or query is encoded otherwise than the service expects, or the secret access key does not belong to this access key id.',
    nextSteps: [
      'Check the region and the service name (s3 encodes the path once, every other service twice).',
      SECRET_KEY_HINT,
      ...(input.signed ? [] : ['Send it again from Shomei with signing on: the inspector then shows what was signed.']),
    ],
    isSignatureProblem: true,
  };
}

function explainScope(error: AwsError, diff: Comparison | undefined): Explained {
  const expectedRegion = error.fields.Region ?? /expecting '([^']+)'/i.exec(error.message)?.[1];
  const expectedService = /scoped to correct service: '([^']+)'/i.exec(error.message)?.[1];
  const wrongRegion = /scoped to a valid region, not '([^']+)'/i.exec(error.message)?.[1];
  const details = [
    expectedRegion ? `AWS expects the region \`${expectedRegion}\`.` : undefined,
    expectedService ? `AWS expects the service \`${expectedService}\`.` : undefined,
    wrongRegion ? `\`${wrongRegion}\` is not a region this endpoint knows.` : undefined,
  ].filter((line): line is string => line !== undefined);
  return {
    title: 'The signature names the wrong region or service',
    cause:
      `The credential scope (date/region/service) in the signature does not match this endpoint. ${details.join(' ')}`.trim(),
    nextSteps: [
      ...(expectedRegion ? [`Set the region to ${expectedRegion}.`] : []),
      ...(expectedService ? [`Set the service to ${expectedService}.`] : []),
      ...(diff?.hints ?? []),
      'The region and service are in the endpoint host name: e.g. abc123.execute-api.eu-west-1.amazonaws.com is execute-api in eu-west-1.',
    ],
    isSignatureProblem: true,
  };
}

function explainClock(error: AwsError, input: AwsErrorInput): Explained {
  const skew = clockSkewSeconds(error, input);
  const nextSteps = [
    'Turn on automatic date and time (NTP) on this computer, then send the request again.',
    'In a virtual machine, container or WSL, sync its clock with the host: it drifts after sleep.',
    ...(/X-Amz-Expires=/i.test(input.signed?.canonicalRequest ?? '')
      ? ['For a presigned URL, presign it again: it may simply be older than its X-Amz-Expires.']
      : []),
  ];
  const limit = 'AWS refuses requests signed more than 5 minutes (15 for S3) away from its own time.';
  if (skew === undefined) {
    return {
      title: "This computer's clock and AWS's disagree",
      cause: `${limit} This computer's clock is probably off.`,
      nextSteps,
      isSignatureProblem: true,
    };
  }
  const direction = skew >= 0 ? 'ahead of' : 'behind';
  return {
    title: `Your clock is ${duration(Math.abs(skew))} ${direction} AWS's`,
    cause: `${limit} Your clock is ${duration(Math.abs(skew))} ${skew >= 0 ? 'ahead' : 'behind'}: the request was signed at a time AWS considers ${skew >= 0 ? 'still in the future' : 'too old'}.`,
    nextSteps,
    isSignatureProblem: true,
    clockSkewSeconds: skew,
  };
}

/** Our clock minus AWS's. AWS's own pair of times is exact; else the response Date against when we sent. */
function clockSkewSeconds(error: AwsError, input: AwsErrorInput): number | undefined {
  // "Signature expired: <signed> is now earlier than <limit> (<AWS now> - 5 min.)"
  const quoted =
    /(\d{8}T\d{6}Z) is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [-+] \d+ min\.?\)/i.exec(
      error.message,
    );
  const signedAt =
    parseTime(quoted?.[1]) ??
    parseTime(error.fields.RequestTime) ??
    input.sentAt ??
    parseTime(toLines(input.signed?.stringToSign ?? '')[1]);
  const headerDate = input.headers.find(([name]) => name.toLowerCase() === 'date')?.[1];
  const awsNow = parseTime(quoted?.[2]) ?? parseTime(error.fields.ServerTime) ?? parseTime(headerDate);
  if (!signedAt || !awsNow || Number.isNaN(signedAt.getTime())) return undefined;
  return Math.round((signedAt.getTime() - awsNow.getTime()) / 1000);
}

/** `20240101T000000Z`, ISO 8601, or an HTTP date. */
function parseTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const amz = AMZ_DATE.exec(trimmed);
  const time = amz
    ? Date.UTC(Number(amz[1]), Number(amz[2]) - 1, Number(amz[3]), Number(amz[4]), Number(amz[5]), Number(amz[6]))
    : Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `about ${hours} hours` : `about ${Math.round(hours / 24)} days`;
}

function explainUnknownCredentials(input: AwsErrorInput): Explained {
  const signed = input.signed?.canonicalRequest;
  const hasToken =
    signed === undefined
      ? undefined
      : /^x-amz-security-token:/im.test(signed) || /(?:^|&)X-Amz-Security-Token=/i.test(signed);
  const tokenStep =
    hasToken === undefined
      ? 'Keys starting with ASIA are temporary and need their session token; keys starting with AKIA must be sent without one.'
      : hasToken
        ? 'A session token was signed: if the access key id starts with AKIA, remove the token; if it starts with ASIA, paste the token that came with it.'
        : 'No session token was signed: if the access key id starts with ASIA, add the session token that came with it.';
  return {
    title: 'AWS does not recognise these credentials',
    cause:
      'The access key id or the session token is not one AWS knows here: a typo, a key that was deleted or deactivated, keys from another partition (China or GovCloud keys sent to a commercial region, or the reverse), or temporary keys (ASIA…) sent without their session token.',
    nextSteps: [
      tokenStep,
      'Check the access key id for a typo, and that the key is still active in IAM.',
      'Call an endpoint in the partition the keys belong to: aws, aws-cn and aws-us-gov keys do not cross over.',
      'In an opt-in region (e.g. ap-east-1, me-south-1), use session tokens from a regional STS endpoint: those from the global endpoint are not valid there.',
    ],
    isSignatureProblem: false,
  };
}

function explainAccessDenied(error: AwsError): Explained {
  if (error.code === 'ForbiddenException' || error.code === 'Forbidden') {
    if (error.message === '' || error.message === 'Forbidden') {
      return {
        title: 'API Gateway refused the request (Forbidden)',
        cause:
          'API Gateway turned the request away before reaching the API: an API key is required but missing, a private API was called from outside its VPC endpoint, a resource policy or WAF rule blocks the caller, or the stage or custom-domain base path is wrong.',
        nextSteps: [
          'If the API needs an API key, send it in the x-api-key header.',
          'A private API answers only through its VPC endpoint (execute-api VPC endpoint DNS).',
          'Check the stage and the base path mapping of the custom domain.',
          "Check the API's resource policy and any WAF rules for your IP or account.",
        ],
        isSignatureProblem: false,
      };
    }
  }
  const denied =
    /^User: (\S+) is not authorized to perform: (\S+)(?: on resource: (\S+))?(?: (because .*|with an explicit deny.*))?$/is.exec(
      error.message.trim(),
    );
  const principal = denied?.[1];
  const action = denied?.[2];
  const resource = denied?.[3];
  const reason = denied?.[4]?.replace(/\.$/, '');
  return {
    title: 'AWS accepted the signature but refused the action',
    cause: denied
      ? `The signature is fine and AWS knows who you are (${principal ?? ''}), but ${reason && /explicit deny/i.test(reason) ? 'a policy denies' : 'no policy allows'} ${action ?? ''}${resource ? ` on ${resource}` : ''}${reason ? ` (${reason})` : ''}. This is a permissions problem, not a signing problem.`
      : 'The signature is fine and AWS knows who you are, but a policy does not allow this action: an identity policy, a resource policy (API Gateway resource policy, bucket policy), a permissions boundary, a service control policy or a session policy. This is a permissions problem, not a signing problem.',
    nextSteps: [
      action
        ? `Ask for ${action}${resource ? ` on ${resource}` : ''} in the policy of the role or user.`
        : 'Ask for the permission in the policy of the role or user.',
      'Check resource policies, permissions boundaries, service control policies and session policies: an explicit deny anywhere wins.',
      'Make sure these are the credentials you meant: AWS names the principal it saw in its message.',
    ],
    isSignatureProblem: false,
  };
}

function explainMissingToken(input: AwsErrorInput): Explained {
  if (input.signed) {
    return {
      title: 'No such route, or the signature did not arrive',
      cause:
        'Shomei signed this request, so API Gateway most likely has no resource for this method and path: it answers "Missing Authentication Token" instead of 404 for a wrong stage (/prod vs /dev), a typo in the path, a method the resource does not define, or a route not yet deployed. Less often, a proxy removed the Authorization header.',
      nextSteps: [
        'Check the stage and path against the deployed API (aws apigateway get-resources).',
        'Check the method: a GET to a resource that only defines POST gets the same answer.',
        'If the route is new, deploy the API to the stage again.',
        'If the route exists, check that the Authorization header reaches AWS.',
      ],
      isSignatureProblem: false,
    };
  }
  return {
    title: 'The request was not signed',
    cause:
      'The request carried no SigV4 signature (no Authorization header, no X-Amz-Signature parameter), so AWS does not know who is calling. API Gateway gives the same answer for a path, stage or method that does not exist.',
    nextSteps: [
      'Choose AWS Signature v4 for this request, with credentials, region and service (execute-api for API Gateway).',
      'Check the stage, path and method: a route that does not exist gets the same answer.',
    ],
    isSignatureProblem: true,
  };
}
