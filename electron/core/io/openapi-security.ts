// OpenAPI security as saved auth: API Gateway's SigV4 schemes and `x-amazon-apigateway-auth`
// become AWS SigV4 (region and service read from the server host); Bearer, Basic, API keys and
// Cognito authorizers go through their auth modules; OAuth 2.0 flows and other schemes that Shomei
// cannot send are reported.
import { authFromOpenApi } from '../auth/registry';
import type { SavedAuth } from '../../../shared/contract/collections';
import { guessAwsScope } from '../variables/guess-aws-scope';
import type { ImportContext } from './io-types';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** The auth one operation is imported with; it reports the schemes it could not map. */
export type OperationAuth = (operation: Json, pathItem: Json, where: string) => SavedAuth;

/**
 * Reads the document's `components.securitySchemes` and global `security` once, and returns the
 * mapping for each operation: its own `security` (else the document's) and the operation's or
 * path's `x-amazon-apigateway-auth`. Secrets never come from the file: they become `{{scheme}}`
 * references, and SigV4 inherits its credentials.
 */
export function createOperationAuth(doc: Json, baseUrl: string, context: ImportContext): OperationAuth {
  const host = /^https?:\/\/([^/?#]+)/i.exec(baseUrl)?.[1] ?? '';
  const guess = guessAwsScope(host);
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const awsSchemes = new Set(
    Object.entries(schemes)
      .filter(([, scheme]) => isObject(scheme) && isAwsScheme(scheme))
      .map(([key]) => key),
  );
  const globalSecurity = doc.security;
  const awsAuth = (): SavedAuth => ({
    type: 'aws-sigv4',
    credentialSource: { source: 'inherit' },
    region: guess.region ?? '',
    service: guess.service ?? 'execute-api',
    isQuerySigned: false,
    expiresInSeconds: 900,
  });

  return (operation, pathItem, where) => {
    const security = operation.security ?? globalSecurity;
    const gatewayAuth = operation['x-amazon-apigateway-auth'] ?? pathItem['x-amazon-apigateway-auth'];
    const isIam = isObject(gatewayAuth) && /^aws_iam$/i.test(asString(gatewayAuth.type));
    const usesAwsScheme = asArray(security).some(
      (req) => isObject(req) && Object.keys(req).some((k) => awsSchemes.has(k)),
    );
    const otherSchemes = asArray(security).flatMap((req) =>
      isObject(req) ? Object.keys(req).filter((k) => !awsSchemes.has(k)) : [],
    );
    let auth: SavedAuth = { type: 'none' };
    if (isIam || usesAwsScheme) auth = awsAuth();
    // Bearer, Basic, API keys and Cognito authorizers: their modules' mappings (secrets become {{scheme}} references).
    const other =
      otherSchemes.length > 0
        ? authFromOpenApi(otherSchemes, schemes, isIam || usesAwsScheme ? auth : undefined)
        : undefined;
    if (other) auth = other.auth;
    const unmapped = other ? other.unmapped : otherSchemes;
    const oauthOther = unmapped.filter((name) => isObject(schemes[name]) && schemes[name].type === 'oauth2');
    for (const name of oauthOther) {
      const scheme = schemes[name];
      const flows = isObject(scheme) && isObject(scheme.flows) ? Object.keys(scheme.flows) : [];
      context.drop(
        `${where} › security`,
        `security scheme ${name}`,
        `not supported: the oauth2 ${flows.join(', ') || '(no)'} flow — Shomei gets OAuth 2.0 tokens with the clientCredentials flow only`,
      );
    }
    const otherUnmapped = unmapped.filter((name) => !oauthOther.includes(name));
    if (otherUnmapped.length > 0)
      context.drop(
        `${where} › security`,
        `security scheme ${otherUnmapped.join(', ')}`,
        'Shomei does not send this kind of auth',
      );
    return auth;
  };
}

/** API Gateway's SigV4 scheme: `x-amazon-apigateway-authtype` awsSigv4 or aws_iam, or an `AWS4-HMAC-SHA256` http scheme. */
function isAwsScheme(scheme: Json): boolean {
  const authType = asString(scheme['x-amazon-apigateway-authtype']).toLowerCase();
  return authType === 'awssigv4' || authType === 'aws_iam' || /^aws4-hmac-sha256$/i.test(asString(scheme.scheme));
}
