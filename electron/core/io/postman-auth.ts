/**
 * Postman auth, both ways: reading a collection's `auth` (of every kind Shomei sends) and writing
 * Shomei's auth back as Postman's, with the extra `awsv4` parameters in which Shomei keeps what
 * Postman's AWS Signature cannot hold (credential source, region from the host, SigV4a) and the
 * notes for what Postman has no place for (SigV4a, an API key beside another auth).
 */
import { createAuthImport } from '../auth/interop';
import { authFromPostman, authToPostman } from '../auth/registry';
import { CredentialRefSchema, type CredentialRef, type SavedAuth } from '../../../shared/contract/collections';
import { isLiteralSecret, SET_UP_PROFILE, type ExportNote, type ImportContext } from './io-types';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * The extra `awsv4` auth parameter in which Shomei keeps the credential source of an exported
 * request (e.g. `{"source":"profile","profileId":"dev"}`), so Postman → Shomei restores it.
 * Postman ignores auth parameters it does not know.
 */
export const SHOMEI_CREDENTIALS_KEY = 'shomeiCredentials';

/**
 * The extra `awsv4` parameter Shomei writes when a request's region is empty (Shomei reads it from
 * the host at send time), so that importing the export again keeps it empty instead of taking
 * Postman's `us-east-1`.
 */
export const SHOMEI_REGION_FROM_HOST_KEY = 'shomeiRegionFromHost';

/**
 * The extra `awsv4` parameters in which Shomei keeps SigV4a (`shomeiAlgorithm: "sigv4a"`) and its
 * region set, which Postman's AWS Signature cannot hold, so Postman → Shomei restores them.
 */
export const SHOMEI_ALGORITHM_KEY = 'shomeiAlgorithm';
export const SHOMEI_REGION_SET_KEY = 'shomeiRegionSet';

/**
 * What an exported SigV4a request (folder, collection) says in its description, and the export
 * report too: Postman would sign it with SigV4, and nothing may silently become SigV4.
 */
export function sigV4aPostmanNote(regionSet: string): string {
  return `Shomei signs this with SigV4a (region set ${regionSet}). Postman's AWS Signature has no SigV4a and signs it with SigV4, which SigV4a endpoints such as S3 Multi-Region Access Points refuse.`;
}

const SIGV4A_NOTE_PATTERN =
  /(?:^|\n\n)Shomei signs this with SigV4a \(region set [^)\n]*\)\. Postman's AWS Signature has no SigV4a and signs it with SigV4, which SigV4a endpoints such as S3 Multi-Region Access Points refuse\.$/;

/**
 * A description read back from Postman without the note a SigV4a export added to its end (the
 * restored algorithm says it); any other text stays as it was.
 */
export function withoutSigV4aNote(description: string): string {
  return description.replace(SIGV4A_NOTE_PATTERN, '');
}

/** The region Postman signs with when an awsv4 auth has none. */
const POSTMAN_DEFAULT_REGION = 'us-east-1';

/**
 * A Postman auth (of a request, folder or the collection) as Shomei's. `awsv4` becomes SigV4 (or
 * SigV4a, from Shomei's own parameters) with its credential source, never its keys: access keys,
 * secret keys and session tokens are reported as dropped. Other kinds go through their module's
 * mapping (`authFromPostman`); one Shomei does not send is dropped, and leaves a folder or the
 * collection (`isContainer`) inheriting and a request with no auth.
 */
export function readAuth(auth: unknown, path: string, context: ImportContext, isContainer: boolean): SavedAuth {
  if (!isObject(auth)) return { type: 'inherit' };
  const type = asString(auth.type);
  if (type === 'noauth') return { type: 'none' };
  if (type === 'inherit' || type === '') return { type: 'inherit' };
  const params = new Map<string, unknown>();
  for (const p of asArray(auth[type])) if (isObject(p)) params.set(asString(p.key), p.value);
  if (type !== 'awsv4') {
    const io = createAuthImport(path, context);
    const mapped = authFromPostman(type, params, io);
    if (mapped) return mapped;
    io.unknownKind(type);
    return isContainer ? { type: 'inherit' } : { type: 'none' };
  }
  for (const key of ['accessKey', 'secretKey', 'sessionToken']) {
    const value = params.get(key);
    if (isLiteralSecret(value)) context.drop(`${path} › auth.${key}`, key, SET_UP_PROFILE);
    else if (typeof value === 'string' && value.trim() !== '')
      context.drop(`${path} › auth.${key}`, `${key} variable ${value.trim()}`, SET_UP_PROFILE);
  }
  let credentials: CredentialRef = { source: 'inherit' };
  const marker = params.get(SHOMEI_CREDENTIALS_KEY);
  if (typeof marker === 'string') {
    try {
      const parsed = CredentialRefSchema.safeParse(JSON.parse(marker));
      if (parsed.success) credentials = parsed.data;
    } catch {
      // Not ours after all: keep `inherit`.
    }
  }
  const addToQuery = params.get('addAuthDataToQuery');
  const regionSet = asString(params.get(SHOMEI_REGION_SET_KEY)).trim().slice(0, 512);
  const sigv4a =
    params.get(SHOMEI_ALGORITHM_KEY) === 'sigv4a'
      ? { algorithm: 'sigv4a' as const, ...(regionSet ? { regionSet } : {}) }
      : {};
  return {
    ...sigv4a,
    type: 'aws-sigv4',
    credentialSource: credentials,
    region:
      params.get(SHOMEI_REGION_FROM_HOST_KEY) === true
        ? asString(params.get('region'))
        : awsRegion(params.get('region'), path, context),
    service: asString(params.get('service')),
    isQuerySigned: addToQuery === true || addToQuery === 'true',
    expiresInSeconds: 900,
  };
}

/** Postman signs with `us-east-1` when an awsv4 auth leaves the region empty; the import says so and fills it. */
function awsRegion(value: unknown, path: string, context: ImportContext): string {
  const region = asString(value).trim();
  if (region !== '') return region;
  context.drop(
    `${path} › auth.region`,
    'empty region',
    `Postman signs with ${POSTMAN_DEFAULT_REGION} when the region is empty; it was filled in`,
  );
  return POSTMAN_DEFAULT_REGION;
}

/**
 * A Shomei auth as Postman's, or `undefined` for an inherited one (Postman inherits when there is
 * none) or a kind with no Postman mapping. SigV4 becomes `awsv4` with empty key fields and the
 * credential source, region-from-host and SigV4a kept in Shomei's own parameters; secret fields
 * of other kinds carry only `{{references}}`.
 */
export function writeAuth(auth: SavedAuth): Json | undefined {
  if (auth.type === 'inherit') return undefined;
  if (auth.type === 'none') return { type: 'noauth' };
  if (auth.type !== 'aws-sigv4') {
    // Bearer, Basic, API key: their module's mapping; secret fields carry only {{references}}.
    const mapped = authToPostman(auth);
    return mapped ? { type: mapped.type, [mapped.type]: mapped.params as unknown as Json[] } : undefined;
  }
  // Security: key fields stay empty; the receiver fills them from their own credentials.
  const params: Json[] = [
    { key: 'accessKey', value: '', type: 'string' },
    { key: 'secretKey', value: '', type: 'string' },
    { key: 'region', value: auth.region, type: 'string' },
    { key: 'service', value: auth.service, type: 'string' },
    { key: 'addAuthDataToQuery', value: auth.isQuerySigned, type: 'boolean' },
  ];
  if (auth.region.trim() === '') params.push({ key: SHOMEI_REGION_FROM_HOST_KEY, value: true, type: 'boolean' });
  if (auth.credentialSource.source !== 'inherit')
    params.push({ key: SHOMEI_CREDENTIALS_KEY, value: JSON.stringify(auth.credentialSource), type: 'string' });
  if (auth.algorithm === 'sigv4a') {
    params.push({ key: SHOMEI_ALGORITHM_KEY, value: 'sigv4a', type: 'string' });
    params.push({ key: SHOMEI_REGION_SET_KEY, value: auth.regionSet?.trim() || '*', type: 'string' });
  }
  return { type: 'awsv4', awsv4: params };
}

/**
 * Postman's awsv4 has no SigV4a: an exported SigV4a auth keeps `awsv4` (the nearest Postman has,
 * with the algorithm in Shomei's own parameters) and says so in the report and in the
 * description of what carries it, where a Postman user reads it.
 */
export function noteSigV4a(auth: SavedAuth, path: string, notes: ExportNote[], target: Json): void {
  if (auth.type !== 'aws-sigv4' || auth.algorithm !== 'sigv4a') return;
  const note = sigV4aPostmanNote(auth.regionSet?.trim() || '*');
  notes.push({ path, message: note });
  const existing = asString(target.description);
  target.description = existing === '' ? note : `${existing}\n\n${note}`;
}

/**
 * The API key a request sends beside its auth (SigV4 + a usage plan key), as Postman can carry it:
 * a header or query parameter whose value is a `{{variable}}` (the key's own references, or
 * `{{apiKey}}` when it is in the vault), with a note saying so. Never the key itself.
 */
export function apiKeyBeside(
  auth: SavedAuth,
  path: string,
  notes: ExportNote[],
): { in: 'header' | 'query'; name: string; value: string } | undefined {
  if (!('apiKey' in auth) || !auth.apiKey) return undefined;
  const { in: where, name, valueRef } = auth.apiKey;
  const value = valueRef.kind === 'variables' && valueRef.text.trim() !== '' ? valueRef.text : '{{apiKey}}';
  notes.push({
    path,
    message: `Postman has one auth per request: the API key beside it is exported as the ${where === 'header' ? 'header' : 'query parameter'} ${name} = ${value}${valueRef.kind === 'vault' ? ' (set the variable apiKey: the key stays in the sender’s vault)' : ''}`,
  });
  return { in: where, name, value };
}

/** A folder's or the collection's API key beside its auth: Postman has nowhere to put it there. */
export function noteApiKeyBesideContainer(auth: SavedAuth, path: string, notes: ExportNote[]): void {
  if ('apiKey' in auth && auth.apiKey)
    notes.push({
      path,
      message: `Postman has one auth and no headers on folders and collections: the API key ${auth.apiKey.name} beside the auth was left out; add it as a header or query parameter to each request`,
    });
}
