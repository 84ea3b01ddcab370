// Insomnia `authentication` as Shomei auth: `iam` as AWS SigV4, the others through the auth registry.
import { createAuthImport } from '../auth/interop';
import { authFromInsomnia } from '../auth/registry';
import type { SavedAuth } from '../../../shared/contract/collections';
import { SET_UP_PROFILE, type ImportContext } from './io-types';
import { convertInsomniaTemplate } from './insomnia-template';
import { asString, isObject } from './untrusted-json';

/**
 * A request's or folder's `authentication`: none or empty inherits; `iam` becomes AWS SigV4 with
 * its region and service (access keys, secret and session token dropped and reported); Bearer,
 * Basic, API key and the others the registry knows through `authFromInsomnia`; disabled auth and
 * any other kind become no auth with a report line.
 */
export function readInsomniaAuth(auth: unknown, path: string, context: ImportContext): SavedAuth {
  if (!isObject(auth) || Object.keys(auth).length === 0) return { type: 'inherit' };
  const type = asString(auth.type);
  if (type === 'none') return { type: 'none' };
  if (type === 'inherit' || type === '') return { type: 'inherit' };
  if (auth.disabled === true) {
    context.drop(`${path} › auth`, `disabled ${type} auth`, 'it was turned off in Insomnia');
    return { type: 'none' };
  }
  if (type !== 'iam') {
    const io = createAuthImport(path, context, convertInsomniaTemplate);
    const mapped = authFromInsomnia(auth, io);
    if (mapped) return mapped;
    io.unknownKind(type);
    return { type: 'none' };
  }
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken']) {
    const value = auth[key];
    if (typeof value === 'string' && value.trim() !== '') context.drop(`${path} › auth.${key}`, key, SET_UP_PROFILE);
  }
  return {
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: convertInsomniaTemplate(asString(auth.region)),
    service: convertInsomniaTemplate(asString(auth.service)),
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
}
