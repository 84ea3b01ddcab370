import type { CredentialRef, SavedAwsAuth } from '../../../shared/contract/auth';
import type { CredentialSource } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import { guessAwsScope } from '../variables/guess-aws-scope';
import type { AuthTypeModule } from './auth-type';

/** A credential source that names where keys come from (never `inherit` once resolved). */
export type ResolvedCredentialRef = Exclude<CredentialRef, { source: 'inherit' }>;

/** AWS auth after inheritance and substitution: ready for the credentials resolver and the signer. */
export interface ResolvedAwsAuth {
  type: 'aws-sigv4';
  /** Undefined when the request, its folders and its collection all say `inherit`: nothing was chosen. */
  credentialSource: ResolvedCredentialRef | undefined;
  /** Empty only when it could not be guessed from the host either. */
  region: string;
  service: string;
  isQuerySigned: boolean;
  expiresInSeconds: number;
  isSessionTokenSigned: boolean;
  payload?: 'signed' | 'unsigned' | 'omit' | undefined;
  /** SigV4a when chosen, or when absent and the host is an S3 Multi-Region Access Point. */
  algorithm?: 'sigv4' | 'sigv4a' | undefined;
  /** SigV4a's region set, variables substituted; `*` when left empty. */
  regionSet?: string | undefined;
}

const SIGNING_NAME = /^[a-z0-9-]+$/;

/**
 * AWS Signature Version 4. Credentials, region and service each come from the closest AWS auth
 * that sets them; an empty region or service is guessed from the host. Applying it hands the
 * request service a signer: the keys are resolved and the request signed in main, last.
 */
export const awsSigV4Auth: AuthTypeModule<'aws-sigv4', ResolvedAwsAuth> = {
  type: 'aws-sigv4',
  resolve(links, { fill, invalid, url }) {
    const own = links[0] as (typeof links)[number];
    const credentialsAt = links.find((c) => c.auth.credentialSource.source !== 'inherit');
    const regionAt = links.find((c) => c.auth.region.trim() !== '');
    const serviceAt = links.find((c) => c.auth.service.trim() !== '');
    // Security: nothing chosen stays nothing; the send path refuses it (or applies the app-wide
    // default the user turned on). Never the default chain by omission.
    let credentials: ResolvedCredentialRef | undefined;
    const ref = credentialsAt?.auth.credentialSource;
    if (ref?.source === 'profile')
      credentials = {
        source: 'profile',
        profileId: fill(ref.profileId, 'auth.credentialSource.profileId', credentialsAt?.from),
      };
    else if (ref?.source === 'aws-profile')
      credentials = {
        source: 'aws-profile',
        profile: fill(ref.profile, 'auth.credentialSource.profile', credentialsAt?.from),
      };
    else if (ref?.source === 'env' || ref?.source === 'default-chain') credentials = { source: ref.source };
    let region = regionAt ? fill(regionAt.auth.region.trim(), 'auth.region', regionAt.from) : '';
    let service = serviceAt ? fill(serviceAt.auth.service.trim(), 'auth.service', serviceAt.from) : '';
    if (region === '' || service === '') {
      const host = /^(?:https?|wss?):\/\/([^/?#]+)/i.exec(url)?.[1]?.replace(/^[^@]*@/, '') ?? '';
      const guess = guessAwsScope(host);
      if (region === '') region = guess.region ?? '';
      if (service === '') service = guess.service ?? '';
    }
    for (const [field, value, from] of [
      ['region', region, regionAt?.from],
      ['service', service, serviceAt?.from],
    ] as const) {
      if (value !== '' && !value.includes('{{') && !SIGNING_NAME.test(value)) {
        invalid(`auth.${field}`, `The ${field} "${value}" is not a valid AWS ${field} name`, from);
      }
    }
    const aws: ResolvedAwsAuth = {
      type: 'aws-sigv4',
      credentialSource: credentials,
      region,
      service,
      isQuerySigned: own.auth.isQuerySigned,
      expiresInSeconds: own.auth.expiresInSeconds,
      isSessionTokenSigned: own.auth.isSessionTokenSigned ?? true,
    };
    if (own.auth.payload !== undefined) aws.payload = own.auth.payload;
    const algorithm = own.auth.algorithm ?? guessAwsScope(/^(?:https?|wss?):\/\/([^/?#]+)/i.exec(url)?.[1] ?? '').algorithm;
    if (algorithm === 'sigv4a') {
      aws.algorithm = 'sigv4a';
      aws.regionSet = fill(own.auth.regionSet?.trim() ?? '', 'auth.regionSet', own.from) || '*';
    }
    return Promise.resolve(aws);
  },
  apply(auth, target, { chosenCredentials }, refusal) {
    // Security: only the credentials chosen for this send (the draft sender's `chooseCredentials`); never a default by omission.
    if (!chosenCredentials)
      throw new ShomeiError('CREDENTIALS_MISSING', `${refusal}: no credentials are chosen for this request`);
    const credentials: CredentialSource = chosenCredentials;
    if (auth.region === '')
      throw new ShomeiError(
        'INVALID_INPUT',
        `${refusal}: choose the AWS region to sign for (it could not be told from the host)`,
      );
    if (auth.service === '')
      throw new ShomeiError(
        'INVALID_INPUT',
        `${refusal}: choose the AWS service to sign for (it could not be told from the host)`,
      );
    target.signer = {
      type: 'aws-sigv4',
      credentials,
      region: auth.region,
      service: auth.service,
      isQuerySigned: auth.isQuerySigned,
      expiresInSeconds: auth.expiresInSeconds,
      isSessionTokenSigned: auth.isSessionTokenSigned,
      ...(auth.payload === undefined ? {} : { payload: auth.payload }),
      ...(auth.algorithm === 'sigv4a' ? { algorithm: 'sigv4a' as const, regionSet: auth.regionSet ?? '*' } : {}),
    };
  },
  // The history service replaces the source with the one that actually signed (typed keys, the
  // app-wide default), which only the sender knows.
  toHistory: (auth) => ({
    type: 'aws-sigv4',
    credentialSource: auth.credentialSource ?? { source: 'inherit' },
    region: auth.region,
    service: auth.service,
    isQuerySigned: auth.isQuerySigned,
    expiresInSeconds: auth.expiresInSeconds,
    isSessionTokenSigned: auth.isSessionTokenSigned,
    ...(auth.payload ? { payload: auth.payload } : {}),
    ...(auth.algorithm ? { algorithm: auth.algorithm } : {}),
    ...(auth.regionSet ? { regionSet: auth.regionSet } : {}),
  }),
  // Typed keys are kept nowhere: such an entry reopens as "inherit" and the window asks for them.
  fromHistory: (history) => ({
    type: 'aws-sigv4',
    credentialSource: history.credentialSource.source === 'typed' ? { source: 'inherit' } : history.credentialSource,
    region: history.region,
    service: history.service,
    isQuerySigned: history.isQuerySigned,
    expiresInSeconds: history.expiresInSeconds,
    ...(history.isSessionTokenSigned ? {} : { isSessionTokenSigned: false }),
    ...(history.payload ? { payload: history.payload } : {}),
    ...(history.algorithm ? { algorithm: history.algorithm } : {}),
    ...(history.regionSet ? { regionSet: history.regionSet } : {}),
  }),
  summary: (auth: SavedAwsAuth) => `AWS Signature (${describeSource(auth.credentialSource)})`,
  exportNote(auth) {
    const ref = auth.credentialSource;
    if (ref.source === 'profile')
      return `Set up the Shomei credential profile "${ref.profileId}" to send these requests`;
    if (ref.source === 'aws-profile')
      return `Set up the AWS profile "${ref.profile}" (~/.aws/config) to send these requests`;
    if (ref.source === 'env')
      return 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment to send these requests';
    return undefined;
  },
};

function describeSource(ref: CredentialRef): string {
  switch (ref.source) {
    case 'profile':
      return `credential profile ${ref.profileId}`;
    case 'aws-profile':
      return `~/.aws profile ${ref.profile}`;
    case 'env':
      return 'environment variables';
    case 'default-chain':
      return 'default chain';
    case 'inherit':
      return 'inherited credentials';
  }
}
