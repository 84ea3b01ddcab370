import { API_GATEWAY_KEY_HEADER, type ApiKeyPlacement, type SavedApiKeyAuth } from '../../../shared/contract/auth';
import {
  setCredentialHeader,
  type AuthOrigin,
  type AuthResolveContext,
  type AuthTarget,
  type AuthTypeModule,
} from './auth-type';
import { exportedSecret, postmanParam } from './interop';

/** An API key with its value read: in main only, never saved or shown. */
export interface ResolvedApiKey {
  placement: ApiKeyPlacement;
  in: 'header' | 'query';
  name: string;
  value: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads an API key's name and value (`{{variables}}` substituted, the value from the vault). */
export async function resolveApiKey(
  placement: ApiKeyPlacement,
  context: AuthResolveContext,
  prefix: string,
  from?: AuthOrigin,
): Promise<ResolvedApiKey> {
  const name = context.fill(placement.name.trim(), `${prefix}.name`, from);
  if (name === '')
    context.invalid(
      `${prefix}.name`,
      `Give the API key a ${placement.in === 'header' ? 'header' : 'query parameter'} name`,
      from,
    );
  else if (placement.in === 'header' && !name.includes('{{') && !TOKEN.test(name))
    context.invalid(
      `${prefix}.name`,
      `"${name.replace(/[\r\n\0]/g, '␤')}" is not a valid header name for the API key`,
      from,
    );
  const value = await context.secret(placement.valueRef, `${prefix}.valueRef`, 'the API key', from);
  return { placement, in: placement.in, name, value };
}

/** Puts the key on the request: a header (replacing one of the same name) or a query parameter. */
export function applyApiKey(key: ResolvedApiKey, target: AuthTarget): void {
  target.secrets.push(key.value);
  if (key.in === 'header') {
    setCredentialHeader(target, key.name, key.value, []);
    return;
  }
  const [beforeHash, hash = ''] = splitHash(target.url);
  const separator = beforeHash.includes('?') ? (/[?&]$/.test(beforeHash) ? '' : '&') : '?';
  target.url = `${beforeHash}${separator}${encodeURIComponent(key.name)}=${encodeURIComponent(key.value)}${hash}`;
}

function splitHash(url: string): [string, string?] {
  const at = url.indexOf('#');
  return at < 0 ? [url] : [url.slice(0, at), url.slice(at)];
}

/** An API key resolved as the request's auth. */
export interface ResolvedApiKeyAuth {
  type: 'api-key';
  key: ResolvedApiKey;
}

/** An API key on its own, in a header (API Gateway's `x-api-key` by default) or the query. */
export const apiKeyAuth: AuthTypeModule<'api-key', ResolvedApiKeyAuth> = {
  type: 'api-key',
  async resolve(links, context) {
    const own = links[0] as (typeof links)[number];
    return { type: 'api-key', key: await resolveApiKey(own.auth, context, 'auth', own.from) };
  },
  apply: (auth, target) => applyApiKey(auth.key, target),
  toHistory: (auth) => ({ type: 'api-key', ...auth.key.placement }),
  fromHistory: (history) => history,
  summary: (auth: SavedApiKeyAuth) => `API key in ${auth.in === 'header' ? 'header' : 'query parameter'} ${auth.name}`,
  exportNote: (auth) =>
    auth.valueRef.kind === 'vault'
      ? 'Set the API key in the Auth tab: its value stays in the sender’s vault'
      : undefined,
  postman: {
    type: 'apikey',
    read: (params, io) => ({
      type: 'api-key',
      in: params.get('in') === 'query' ? 'query' : 'header',
      name: io.text(params.get('key')) || API_GATEWAY_KEY_HEADER,
      valueRef: io.secret(params.get('value'), 'value'),
    }),
    write: (auth) => [
      postmanParam('key', auth.name),
      postmanParam('value', exportedSecret(auth.valueRef)),
      postmanParam('in', auth.in),
    ],
  },
  openApi: (name, scheme) =>
    scheme.type === 'apiKey' &&
    (scheme.in === 'header' || scheme.in === 'query') &&
    typeof scheme.name === 'string' &&
    !('x-amazon-apigateway-authtype' in scheme)
      ? { type: 'api-key', in: scheme.in, name: scheme.name, valueRef: { kind: 'variables', text: `{{${name}}}` } }
      : undefined,
  insomnia: {
    type: 'apikey',
    read(auth, io) {
      // Insomnia sends addTo `cookie` as `Cookie: <key>=<value>`: not a header named after the key.
      if (auth.addTo === 'cookie') {
        io.unsupported(
          'apikey in a cookie',
          'Shomei sends an API key in a header or the query; its value was not imported (add a Cookie header with a {{variable}} instead)',
        );
        return undefined;
      }
      return {
        type: 'api-key',
        in: auth.addTo === 'queryParams' ? 'query' : 'header',
        name: io.text(auth.key) || API_GATEWAY_KEY_HEADER,
        valueRef: io.secret(auth.value, 'value'),
      };
    },
  },
};
