// Bruno auth modes (`auth:awsv4`, bearer, basic, apikey, inherit, none) as Shomei auth.
import { createAuthImport } from '../auth/interop';
import { authFromPostman } from '../auth/registry';
import type { SavedAuth } from '../../../shared/contract/collections';
import { SET_UP_PROFILE, type ImportContext } from './io-types';
import { asString, isObject, type Json } from './untrusted-json';

/** Bruno's modes Shomei has an auth type for, as the Postman auth the registry reads (the same fields). */
function postmanShapeOf(mode: string, fields: Json): { type: string; params: Map<string, unknown> } | undefined {
  switch (mode) {
    case 'bearer':
      return { type: 'bearer', params: new Map([['token', fields.token]]) };
    case 'basic':
      return {
        type: 'basic',
        params: new Map([
          ['username', fields.username],
          ['password', fields.password],
        ]),
      };
    case 'apikey':
      return {
        type: 'apikey',
        params: new Map([
          ['key', fields.key],
          ['value', fields.value],
          ['in', fields.placement === 'queryparams' ? 'query' : 'header'],
        ]),
      };
    default:
      return undefined;
  }
}

/**
 * Bruno's auth: `auth:awsv4` as AWS SigV4 (keys dropped, a named AWS profile kept as the credential
 * source); Bearer, Basic and API key through the registry's mapping, a literal secret dropped and
 * reported (a `{{variable}}` kept); any other mode reported.
 */
export function readBruAuth(mode: string, auth: Json, where: string, context: ImportContext): SavedAuth {
  if (mode === 'inherit' || mode === '') return { type: 'inherit' };
  if (mode === 'none') return { type: 'none' };
  const shape = postmanShapeOf(mode, isObject(auth[mode]) ? auth[mode] : {});
  const mapped = shape && authFromPostman(shape.type, shape.params, createAuthImport(where, context));
  if (mapped) return mapped;
  if (mode !== 'awsv4') {
    context.drop(
      `${where} › auth`,
      `${mode} auth`,
      'Shomei does not import this Bruno auth mode; its credentials were not imported',
    );
    return { type: 'none' };
  }
  const aws = isObject(auth.awsv4) ? auth.awsv4 : {};
  for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken'])
    if (asString(aws[key]).trim() !== '') context.drop(`${where} › auth.${key}`, key, SET_UP_PROFILE);
  const profile = asString(aws.profileName).trim();
  return {
    type: 'aws-sigv4',
    credentialSource: profile !== '' ? { source: 'aws-profile', profile } : { source: 'inherit' },
    region: asString(aws.region),
    service: asString(aws.service),
    isQuerySigned: false,
    expiresInSeconds: 900,
  };
}
